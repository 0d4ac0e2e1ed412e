import { describe, expect, it } from 'vitest';
import { withFrenchFirstOfMonth } from '../../src/core/french-dates.ts';

describe('withFrenchFirstOfMonth', () => {
  it('writes the first of the month as « 1er », and no other day', () => {
    expect(withFrenchFirstOfMonth('1 décembre 2026')).toBe('1er décembre 2026');
    expect(withFrenchFirstOfMonth('1\u00a0décembre 2026 à 15:47')).toBe('1er\u00a0décembre 2026 à 15:47');
    for (const other of ['11 décembre 2026', '21 mai 2027', '10 mai 2027', '2 janvier 2027'])
      expect(withFrenchFirstOfMonth(other)).toBe(other);
  });
});

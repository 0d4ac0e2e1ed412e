import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatTime } from '../../src/views/time-format.ts';

describe('formatTime', () => {
  it('gives a time of day with seconds as the UI language writes it: no leading zero on an English hour', () => {
    // Local times, as formatTime shows them.
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'en')).toMatch(/^5:05:09\sPM$/);
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'en')).toMatch(/^5:05:09\sAM$/);
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'fr')).toBe('17:05:09');
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'fr')).toBe('05:05:09');
  });
});

describe('formatDateTime', () => {
  it('writes the month in words, as a sentence does (« lue le 1er décembre 2026 à 15:47 »), the first of a French month as « 1er »', () => {
    // Local times, as formatDateTime shows them.
    expect(formatDateTime(new Date(2026, 11, 1, 15, 47).getTime(), 'fr')).toBe('1er décembre 2026 à 15:47');
    expect(formatDateTime(new Date(2026, 11, 2, 9, 5).getTime(), 'fr')).toBe('2 décembre 2026 à 09:05');
    expect(formatDateTime(new Date(2026, 11, 11, 15, 47).getTime(), 'fr')).toBe('11 décembre 2026 à 15:47');
    expect(formatDateTime(new Date(2026, 11, 1, 15, 47).getTime(), 'en')).toMatch(/^December 1, 2026 at 3:47\sPM$/);
  });
});

describe('formatCount', () => {
  it('writes a count as the UI language does', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    // French groups thousands with a narrow no-break space.
    expect(formatCount(1234, 'fr')).toBe('1\u202f234');
    expect(formatCount(50, 'fr')).toBe('50');
  });
});

import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/views/time-format.ts';

describe('formatCount', () => {
  it('writes a count as the UI language does', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    // French groups thousands with a narrow no-break space.
    expect(formatCount(1234, 'fr')).toBe('1\u202f234');
    expect(formatCount(50, 'fr')).toBe('50');
  });
});

import { describe, expect, it } from 'vitest';
import { formatCount, formatTime } from '../../src/views/time-format.ts';

describe('formatTime', () => {
  it('gives a time of day with seconds as the UI language writes it: no leading zero on an English hour', () => {
    // Local times, as formatTime shows them.
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'en')).toMatch(/^5:05:09\sPM$/);
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'en')).toMatch(/^5:05:09\sAM$/);
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'fr')).toBe('17:05:09');
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'fr')).toBe('05:05:09');
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

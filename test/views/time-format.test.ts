import { describe, expect, it } from 'vitest';
import { formatCount, formatLifetime, formatTime } from '../../src/views/time-format.ts';

describe('formatLifetime', () => {
  it('says a lifetime in the largest unit that gives at least two (one for years)', () => {
    expect(formatLifetime(14 * 86400, 'en')).toBe('14 days');
    expect(formatLifetime(365 * 86400, 'en')).toBe('1 year');
    expect(formatLifetime(730 * 86400, 'fr')).toBe('2 ans');
    expect(formatLifetime(60 * 86400, 'en')).toBe('2 months');
    expect(formatLifetime(90, 'en')).toBe('90 seconds');
    expect(formatLifetime(30 * 60, 'fr')).toBe('30 minutes');
    expect(formatLifetime(0, 'en')).toBe('0 seconds');
  });

  it('says it in days when months or years would be more than a day off', () => {
    // Matomo's 13 months: not "1 year", nor a rounded "13 months" that a charter's "13 mois" would read as.
    expect(formatLifetime(395 * 86400, 'fr')).toBe('395\u00a0jours');
    expect(formatLifetime(400 * 86400, 'en')).toBe('400 days');
    expect(formatLifetime(800 * 86400, 'en')).toBe('800 days');
    // Within a day: the round form.
    expect(formatLifetime(729.5 * 86400, 'en')).toBe('2 years');
    expect(formatLifetime(180 * 86400 + 3600, 'en')).toBe('6 months');
  });
});

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

import { describe, expect, it } from 'vitest';
import { dayOf, formatDateTime, formatDayAndTime, formatTime, isTime, shownTime } from '../../src/views/day-time.ts';
import type { Translate } from '../../src/core/ui-strings.ts';

const t: Translate = (key) => key;

describe('day-time', () => {
  it('tells a time from a stored value of another shape', () => {
    expect(isTime(Date.UTC(2026, 11, 4))).toBe(true);
    for (const value of [Number.NaN, '1', null, 9e15]) expect(isTime(value)).toBe(false);
  });

  it('tells two local days apart, and a day from no time', () => {
    const morning = new Date(2026, 11, 4, 10, 0, 3).getTime();
    expect(dayOf(morning)).toBe(dayOf(new Date(2026, 11, 4, 23, 59).getTime()));
    expect(dayOf(new Date(2026, 11, 5, 9, 0).getTime())).not.toBe(dayOf(morning));
    expect(dayOf('x')).toBeNull();
  });

  it('shows the date only when asked, a datetime always, and "unknown time" for no time', () => {
    const at = new Date(2026, 11, 1, 10, 0, 3).getTime();
    expect(shownTime(at, 'en', false, t)).toEqual({ text: '10:00:03 AM', datetime: new Date(at).toISOString() });
    expect(shownTime(at, 'en', true, t).text).toBe(formatDayAndTime(at, 'en'));
    expect(formatDayAndTime(at, 'fr')).toMatch(/^1er déc\. 2026/);
    expect(shownTime(Number.NaN, 'en', true, t)).toEqual({ text: 'timeUnknown', datetime: undefined });
  });
});

describe('formatTime', () => {
  it('gives a time of day with seconds as the UI language writes it: no leading zero on an English hour', () => {
    // Local times, as formatTime shows them.
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'en', t)).toMatch(/^5:05:09\sPM$/);
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'en', t)).toMatch(/^5:05:09\sAM$/);
    expect(formatTime(new Date(2026, 0, 1, 17, 5, 9).getTime(), 'fr', t)).toBe('17:05:09');
    expect(formatTime(new Date(2026, 0, 1, 5, 5, 9).getTime(), 'fr', t)).toBe('05:05:09');
  });

  it('says "unknown time" for a time that cannot be read, where Intl would throw', () => {
    for (const value of [Number.NaN, 9e15, '1']) expect(formatTime(value, 'en', t)).toBe('timeUnknown');
  });
});

describe('formatDateTime', () => {
  it('writes the month in words, as a sentence does (« lue le 1er décembre 2026 à 15:47 »), the first of a French month as « 1er »', () => {
    // Local times, as formatDateTime shows them.
    expect(formatDateTime(new Date(2026, 11, 1, 15, 47).getTime(), 'fr', t)).toBe('1er décembre 2026 à 15:47');
    expect(formatDateTime(new Date(2026, 11, 2, 9, 5).getTime(), 'fr', t)).toBe('2 décembre 2026 à 09:05');
    expect(formatDateTime(new Date(2026, 11, 11, 15, 47).getTime(), 'fr', t)).toBe('11 décembre 2026 à 15:47');
    expect(formatDateTime(new Date(2026, 11, 1, 15, 47).getTime(), 'en', t)).toMatch(/^December 1, 2026 at 3:47\sPM$/);
  });

  it('says "(date unknown)" for a time that cannot be read, where Intl would throw', () => {
    for (const value of [Number.NaN, 9e15, '1']) expect(formatDateTime(value, 'en', t)).toBe('dateUnknown');
  });
});

import { describe, expect, it } from 'vitest';
import { dayOf, formatDayAndTime, isTime, shownTime } from '../../src/views/day-time.ts';
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

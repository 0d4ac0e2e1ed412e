/**
 * Times shown with their day where the day changes (the timeline, the kept run): apart from
 * time-format.ts, whose module the pages' shell loads at open, so that these load with the views
 * that use them.
 */
import { withFrenchFirstOfMonth } from '../core/french-dates.ts';
import type { Translate } from '../core/ui-strings.ts';
import { cached, formatTime } from './time-format.ts';

/** Whether `ms` is a time a date can be made of (a stored time of another shape is not: NaN, a string, past ±8.64e15). */
export function isTime(ms: unknown): ms is number {
  return typeof ms === 'number' && !Number.isNaN(new Date(ms).getTime());
}

/** The local calendar day `ms` falls on, as a number to tell two days apart; null when it is not a time. */
export function dayOf(ms: unknown): number | null {
  if (!isTime(ms)) return null;
  const date = new Date(ms);
  return date.getFullYear() * 512 + date.getMonth() * 32 + date.getDate();
}

/**
 * A date and a time of day with seconds, for a time on another day than the one before it:
 * "Dec 4, 2026, 10:00:03 AM", « 4 déc. 2026, 10:00:03 » (« 1er déc. 2026, … » for the first).
 */
export function formatDayAndTime(ms: number, language: string): string {
  const said = cached(`${language} day-time`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' })).format(
    ms,
  );
  return language.startsWith('fr') ? withFrenchFirstOfMonth(said) : said;
}

/**
 * What a `<time>` shows of `ms` and its `datetime`: the time of day, with its date when `withDate`;
 * a time of another shape reads "unknown time", with no `datetime`.
 */
export function shownTime(ms: unknown, language: string, withDate: boolean, t: Translate): { text: string; datetime: string | undefined } {
  if (!isTime(ms)) return { text: t('timeUnknown'), datetime: undefined };
  return { text: withDate ? formatDayAndTime(ms, language) : formatTime(ms, language), datetime: new Date(ms).toISOString() };
}

/**
 * Times as the views show them (the timeline, the kept run, the charter's reads, what could not be
 * saved), a time that cannot be read said as unknown: apart from time-format.ts, whose module the
 * pages' shell loads at open, so that these load with the views that use them.
 */
import { withFrenchFirstOfMonth } from '../core/french-dates.ts';
import type { Translate } from '../core/ui-strings.ts';
import { cached } from './time-format.ts';

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

/** A time of day with seconds, "5:00:23 PM", « 17:00:23 »; "unknown time" for a time that cannot be read. */
export function formatTime(ms: unknown, language: string, t: Translate): string {
  if (!isTime(ms)) return t('timeUnknown');
  // The locale's own medium time.
  return cached(`${language} time`, () => new Intl.DateTimeFormat(language, { timeStyle: 'medium' })).format(ms);
}

/**
 * A date and time of day, for when a charter was read, the month in words as a sentence has it:
 * "December 1, 2026 at 4:47 PM", « 1er décembre 2026 à 16:47 » (medium read « 1 déc. 2026, 16:47 »);
 * "(date unknown)" for a time that cannot be read.
 */
export function formatDateTime(ms: unknown, language: string, t: Translate): string {
  if (!isTime(ms)) return t('dateUnknown');
  const said = cached(`${language} date-time`, () => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' })).format(
    ms,
  );
  return language.startsWith('fr') ? withFrenchFirstOfMonth(said) : said;
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
  if (!isTime(ms)) return { text: formatTime(ms, language, t), datetime: undefined };
  return { text: withDate ? formatDayAndTime(ms, language) : formatTime(ms, language, t), datetime: new Date(ms).toISOString() };
}

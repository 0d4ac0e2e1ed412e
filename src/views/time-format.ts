/** Short human forms of times and counts, in the UI language (lifetimes: lifetime-format.ts). */
import { withFrenchFirstOfMonth } from '../core/french-dates.ts';
import type { Translate } from '../core/ui-strings.ts';

// Intl formatters are costly to create (a list of hundreds of rows made one per row): keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter made for `key`, made at first use (lifetime-format.ts shares them). */
export function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

/** Whether `ms` is a time a date can be made of (a stored time of another shape is not: NaN, a string, past ±8.64e15). */
export function isTime(ms: unknown): ms is number {
  return typeof ms === 'number' && !Number.isNaN(new Date(ms).getTime());
}

/** The local calendar day `ms` falls on, as a number to tell two days apart; null when it is not a time. */
export function dayOf(ms: unknown): number | null {
  if (typeof ms !== 'number') return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.getFullYear() * 512 + date.getMonth() * 32 + date.getDate();
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

/** A time of day with seconds, for the timeline. */
export function formatTime(ms: number, language: string): string {
  return cached(
    `${language} time`,
    // The locale's own medium time: "5:00:23 PM" in English, "17:00:23" in French.
    () => new Intl.DateTimeFormat(language, { timeStyle: 'medium' }),
  ).format(ms);
}

/**
 * A date and time of day, for when a charter was read, the month in words as a sentence has it:
 * "December 1, 2026 at 4:47 PM", « 1er décembre 2026 à 16:47 » (medium read « 1 déc. 2026, 16:47 »).
 */
export function formatDateTime(ms: number, language: string): string {
  const formatter = cached(`${language} date-time`, () => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }));
  const said = formatter.format(ms);
  return language.startsWith('fr') ? withFrenchFirstOfMonth(said) : said;
}

/** A count as the UI language writes it: "1,234" in English, "1 234" in French. */
export function formatCount(count: number, language: string): string {
  return cached(`${language} count`, () => new Intl.NumberFormat(language)).format(count);
}

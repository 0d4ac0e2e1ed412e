/** Short human forms of times and counts, in the UI language (lifetimes: lifetime-format.ts). */
import { withFrenchFirstOfMonth } from '../core/french-dates.ts';

// Intl formatters are costly to create (a list of hundreds of rows made one per row): keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter made for `key`, made at first use (lifetime-format.ts shares them). */
export function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
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

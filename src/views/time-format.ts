/** Short human forms of lifetimes, times and counts, in the UI language. */

const DAY = 86400;
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['day', DAY],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// Intl formatters are costly to create (a list of hundreds of rows made one per row): keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter made for `key`, made at first use (lifetime-format.ts shares them). */
export function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

/**
 * "14 days", "6 months", "2 years", "30 minutes": the largest unit that gives at least 2 (1 for
 * years), when that is within a day of the lifetime; else in days ("395 days", not "1 year"), as
 * the exports say it. A lifetime finding allows a day's slack (core/report/findings.ts), so a
 * cookie flagged as outliving its charter never reads as living that long or less.
 */
export function formatLifetime(seconds: number, language: string): string {
  for (const [unit, size] of UNITS) {
    const amount = Math.round(seconds / size);
    const large = seconds >= 2 * size || (unit === 'year' && seconds >= size) || unit === 'second';
    if (large && (size <= DAY || Math.abs(amount * size - seconds) < DAY)) {
      const format = cached(
        `${language} ${unit}`,
        () => new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }),
      );
      return format.format(amount);
    }
  }
  return '';
}

/** A time of day with seconds, for the timeline. */
export function formatTime(ms: number, language: string): string {
  return cached(
    `${language} time`,
    // The locale's own medium time: "5:00:23 PM" in English, "17:00:23" in French.
    () => new Intl.DateTimeFormat(language, { timeStyle: 'medium' }),
  ).format(ms);
}

/** A date and time of day, for when a charter was read: "Dec 1, 2026, 4:47 PM". */
export function formatDateTime(ms: number, language: string): string {
  return cached(`${language} date-time`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

/** A count as the UI language writes it: "1,234" in English, "1 234" in French. */
export function formatCount(count: number, language: string): string {
  return cached(`${language} count`, () => new Intl.NumberFormat(language)).format(count);
}

/**
 * Counts in the UI language, and the formatters shared with lifetime-format.ts and day-time.ts
 * (times: day-time.ts, not loaded at open).
 */

// Intl formatters are costly to create (a list of hundreds of rows made one per row): keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter made for `key`, made at first use (lifetime-format.ts shares them). */
export function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

/** A count as the UI language writes it: "1,234" in English, "1 234" in French. */
export function formatCount(count: number, language: string): string {
  return cached(`${language} count`, () => new Intl.NumberFormat(language)).format(count);
}

/** Short human forms of lifetimes and times, in the UI language. */

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "14 days", "13 months", "30 minutes": the largest unit that gives at least 2 (or 1 for years). */
export function formatLifetime(seconds: number, language: string): string {
  for (const [unit, size] of UNITS) {
    const amount = seconds / size;
    if (amount >= 2 || (unit === 'year' && amount >= 1) || unit === 'second') {
      return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.round(amount));
    }
  }
  return '';
}

/** A time of day with seconds, for the timeline. */
export function formatTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

/**
 * French writes the first of the month as an ordinal, « 1er décembre », which Intl does not: its
 * French dates open with the bare day (« 1 décembre 2026 »). `date` is such a date, as Intl wrote it.
 */
export function withFrenchFirstOfMonth(date: string): string {
  return date.replace(/^1(?=\s)/, '1er');
}

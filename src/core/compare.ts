/**
 * Orders strings by code unit: the same order everywhere and far cheaper than localeCompare,
 * which goes through ICU and dominated sorting a report of thousands of cookies.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether two values hold the same data: equal primitives (NaN equal to NaN), or arrays and
 * plain objects with the same keys and the same data under each, compared to the depth they
 * have. For what messages carry (JSON-like data); each value is visited once, so the time is
 * linear in their size.
 */
export function sameData(first: unknown, second: unknown): boolean {
  if (Object.is(first, second)) return true;
  if (typeof first !== 'object' || typeof second !== 'object' || first === null || second === null) return false;
  if (Array.isArray(first) !== Array.isArray(second)) return false;
  const firstKeys = Object.keys(first);
  if (firstKeys.length !== Object.keys(second).length) return false;
  const a = first as Record<string, unknown>;
  const b = second as Record<string, unknown>;
  return firstKeys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
}

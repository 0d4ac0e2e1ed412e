/**
 * Checks of a value read back from outside (storage, a kept file): what the readers of stored
 * records (session-items.ts, live-record.ts, compare-runs.ts, background/embedded-content.ts)
 * build their field-by-field checks from. Each looks at one value; a list or map check visits
 * each item once.
 */

/** A plain object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
/** A number that is a quantity or a time: not NaN nor infinite. */
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
/** An array whose every item passes `each`. */
export const isListOf = (value: unknown, each: (item: unknown) => boolean): value is unknown[] => Array.isArray(value) && value.every(each);
/** A plain object whose every value passes `each`. */
export const isMapOf = (value: unknown, each: (item: unknown) => boolean): value is Record<string, unknown> =>
  isObject(value) && Object.values(value).every(each);

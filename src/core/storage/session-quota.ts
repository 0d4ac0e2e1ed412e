/**
 * How much `storage.session` holds, and how the browsers count it. Measured with
 * `storage.session.getBytesInUse` and by filling the area until a write was refused, on
 * Chromium 156 and Firefox ESR 153 (both refuse the whole `set` call, and keep nothing of it):
 *
 * - Chrome (`QUOTA_BYTES` = 10,485,760): each key and each string value costs its heap
 *   allocation: nothing up to 22 UTF-8 bytes (kept inline), else its UTF-8 length + 1 rounded
 *   up to 8 (23 bytes cost 26). A write is refused when the total would reach the quota.
 *   Objects cost more than their JSON (a dictionary's nodes), so everything we store is a JSON
 *   string. (extensions/browser/api/storage/session_storage_manager.cc: EstimateMemoryUsage of
 *   key and value.)
 * - Firefox (no `QUOTA_BYTES` property, same 10 MiB enforced, "QuotaExceededError"): each item
 *   costs the key's length + its string value's structured-clone size rounded up to 8 + 16; a
 *   string is one byte per character when every character is Latin-1, else two per UTF-16 unit.
 *   A write is refused when the total would pass the quota.
 *
 * `storedBytes` takes the larger of the two counts, so a budget kept by it holds in both.
 */

import { measureText } from '../text-bytes.ts';

/** What storage.session holds, in both browsers (Chrome's `storage.session.QUOTA_BYTES`). */
export const SESSION_QUOTA_BYTES = 10 * 1024 * 1024;

/**
 * What the extension allows itself: 90 % of the quota. The count below is an upper bound of
 * both browsers' own, so the rest is headroom, not guesswork.
 */
export const SESSION_BUDGET_BYTES = 9 * 1024 * 1024;

const roundUp8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** An upper bound of what one item (a key and a string value) costs in either browser. */
export function storedBytes(key: string, value: string): number {
  const keyText = measureText(key);
  const valueText = measureText(value);
  // Chrome's, rounded up at 23 bytes and above to cover its odd 26 for 23.
  const chromeString = (utf8: number) => (utf8 <= 22 ? 0 : roundUp8(utf8 + 3));
  const chrome = chromeString(keyText.utf8) + chromeString(valueText.utf8);
  const firefox = (keyText.wide ? 2 : 1) * key.length + roundUp8((valueText.wide ? 2 : 1) * value.length) + 16;
  return Math.max(chrome, firefox);
}

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

/** What storage.session holds, in both browsers (Chrome's `storage.session.QUOTA_BYTES`). */
export const SESSION_QUOTA_BYTES = 10 * 1024 * 1024;

/**
 * What the extension allows itself: 90 % of the quota. The count below is an upper bound of
 * both browsers' own, so the rest is headroom, not guesswork.
 */
export const SESSION_BUDGET_BYTES = 9 * 1024 * 1024;

const roundUp8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** Any character past ASCII: one character class, no quantifier, so the engine's scan is linear. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** UTF-8 length of a string (a lone surrogate counts as the 3 bytes of U+FFFD), and whether any character is past Latin-1. */
export function measureText(text: string): { utf8: number; wide: boolean } {
  // A record is JSON of mostly ASCII names: the engine finds the first other character far
  // faster than a loop over 0.9 MB on a worker that has just woken, and counts what comes before it.
  const firstNonAscii = text.search(NON_ASCII);
  if (firstNonAscii === -1) return { utf8: text.length, wide: false };
  let utf8 = firstNonAscii;
  let wide = false;
  for (let i = firstNonAscii; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) utf8 += 1;
    else if (unit < 0x800) {
      utf8 += 2;
      if (unit > 0xff) wide = true;
    } else {
      wide = true;
      const next = text.charCodeAt(i + 1);
      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        utf8 += 4;
        i++;
      } else utf8 += 3;
    }
  }
  return { utf8, wide };
}

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

/** The sizes of text as the browsers store it: its UTF-8 length, and whether Firefox counts it two bytes a character (core/storage/session-quota.ts). */

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

/**
 * Outside text (a cookie's name, a charter's words) kept within the bidi paragraph it is shown in.
 * Bidi isolation, FSI … PDI as the pages' `t` wraps substitutions (platform/i18n.ts) or CSS
 * `unicode-bidi: isolate` on an element, holds against every control but a paragraph separator:
 * U+2029, NEL (U+0085) and the information separators U+001C to U+001E end the paragraph, and
 * the isolate with it, so what follows them is ordered with the rest of the line. Measured in
 * Chromium 156: in "A ⁨x\u2029אב⁩ 12 B" the 12 is drawn left of the Hebrew letters, as in
 * an inline element isolated by CSS; U+2028, tabs and other separators leave the order alone.
 * Chromium keeps cookies named `a\u2029b` and `a\u0085b`, from document.cookie and from
 * Set-Cookie alike (it refuses U+001C). Each becomes U+FFFD, which shows that something was
 * there and has no effect; line feeds and carriage returns, which a page's white space shows as
 * spaces anyway, become spaces. One pass over the text.
 */
const PARAGRAPH_SEPARATORS = /[\n\r\u001c-\u001e\u0085\u2029]/g;

export function oneParagraph(text: string): string {
  return text.replace(PARAGRAPH_SEPARATORS, (separator) => (separator === '\n' || separator === '\r' ? ' ' : '\uFFFD'));
}

/**
 * A cookie's name may be empty: a `Set-Cookie` or a `document.cookie` write without `=` sets a
 * cookie named "" whose value is the text (RFC 6265bis, "set-cookie-string" parsing; measured in
 * Chromium 150: `document.cookie = 'justavalue'` gives a cookie named "" beside the page's
 * others; Firefox ESR 153 names that one `justavalue`, with no value, and refuses `=justavalue`).
 * Where a name is shown or written in words it is said so, never left blank; the report, its JSON
 * and CSV keep it as the browser gave it ("").
 */
export const NAMELESS_COOKIE = { en: '(no name)', fr: '(sans nom)' } as const;

/** `name`, or what stands for it when it is empty, in `language`. */
export function shownCookieName(name: string, language: keyof typeof NAMELESS_COOKIE = 'en'): string {
  return name === '' ? NAMELESS_COOKIE[language] : name;
}

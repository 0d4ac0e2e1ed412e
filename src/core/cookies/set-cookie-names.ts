/**
 * The cookie names a response's `Set-Cookie` headers name, and nothing else: the value after the
 * first `=` is never kept (privacy principle), and neither are the attributes, which the browser
 * reports itself once it stores the cookie (cookies.onChanged).
 *
 * Headers come from outside: each is cut at MAX_HEADER_CHARACTERS, a response gives at most
 * MAX_NAMES names, and the work is one pass over each header (indexOf, no regex).
 */

/** Most names read from one response (a page sets a few; a hostile one is not followed further). */
export const MAX_NAMES = 64;
/** Longest header part read: a browser keeps at most 4096 bytes of a cookie's name and value. */
export const MAX_HEADER_CHARACTERS = 8192;
/** Longest name kept. */
const MAX_NAME_CHARACTERS = 256;

/**
 * The names set by `Set-Cookie` header values. Firefox joins several headers into one value,
 * separated by line breaks; Chrome gives one value per header (measured, see README).
 */
export function setCookieNames(headerValues: readonly string[]): string[] {
  const names: string[] = [];
  for (const header of headerValues) {
    const text = header.length > MAX_HEADER_CHARACTERS ? header.slice(0, MAX_HEADER_CHARACTERS) : header;
    for (const line of text.split('\n')) {
      if (names.length >= MAX_NAMES) return names;
      // RFC 6265: a line whose first pair has no `=` sets nothing; the name ends at the first `=`.
      const equals = line.indexOf('=');
      const semicolon = line.indexOf(';');
      if (equals === -1 || (semicolon !== -1 && semicolon < equals)) continue;
      const name = line.slice(0, equals).trim();
      if (name.length > 0 && name.length <= MAX_NAME_CHARACTERS && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

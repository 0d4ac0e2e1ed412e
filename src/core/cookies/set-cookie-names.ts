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
/** A browser refuses a cookie whose name and value pass 4096 bytes: a longer nameless pair sets nothing. */
const MAX_PAIR_CHARACTERS = 4096;

/** True when `line` holds something other than spaces and tabs in [start, end), read in place: a value is never copied. */
function holdsText(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return true;
  }
  return false;
}

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
      // The name ends at the first `=` of the first pair. With none, or none before it (`=v`), the
      // pair is a nameless cookie's value (RFC 6265bis; Chromium keeps one, measured, see README):
      // named '', never by that text. An empty pair sets nothing.
      const equals = line.indexOf('=');
      const semicolon = line.indexOf(';');
      const pairEnd = semicolon === -1 ? line.length : semicolon;
      const nameless = equals === -1 || equals > pairEnd;
      const name = nameless ? '' : line.slice(0, equals).trim();
      const set =
        name.length > 0
          ? name.length <= MAX_NAME_CHARACTERS
          : pairEnd <= MAX_PAIR_CHARACTERS && holdsText(line, nameless ? 0 : equals + 1, pairEnd);
      if (set && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

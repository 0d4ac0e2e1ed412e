/**
 * The cookie names a response's `Set-Cookie` headers set, and nothing else: the value after the
 * first `=` is never kept (privacy principle), and neither are the attributes, which the browser
 * reports itself once it stores the cookie (cookies.onChanged). A header that only deletes its
 * cookie (an expiry already past: `Max-Age=0`, an `Expires` gone) says the site removed it,
 * never that it set it: its name is not among them, unless another header of the response sets it.
 *
 * Headers come from outside: each is cut at MAX_HEADER_CHARACTERS, a response gives at most
 * MAX_NAMES names, and each line is read once (parseSetCookie, linear in the line).
 */
import { expiryOf, parseSetCookie, serverTimeOf, type BarePair } from './set-cookie-header.ts';

/** Most names read from one response (a page sets a few; a hostile one is not followed further). */
export const MAX_NAMES = 64;
/** Longest header part read: a browser keeps at most 4096 bytes of a cookie's name and value. */
export const MAX_HEADER_CHARACTERS = 8192;
/** Longest name kept. */
const MAX_NAME_CHARACTERS = 256;

/**
 * A header's lines within MAX_HEADER_CHARACTERS. A line the cut ends before its `=` is left out:
 * what is left of it is the start of a name (`_ga` of `_ga_ABC123=…`), which a Firefox that
 * names a pair without `=` by its text would read as a cookie of that name.
 */
function linesWithinCut(header: string): string[] {
  if (header.length <= MAX_HEADER_CHARACTERS) return header.split('\n');
  const lines = header.slice(0, MAX_HEADER_CHARACTERS).split('\n');
  if (!lines[lines.length - 1]!.includes('=')) lines.pop();
  return lines;
}

/**
 * The names set by `Set-Cookie` header values the browser received at `at` (ms since the epoch,
 * which a `Max-Age` counts from). An `Expires` is weighed against the response's own `Date`
 * (`serverDate`, its header's text) when it has one, as both browsers shift an `Expires` by their
 * clock's lead on the server's (Chromium's `CanonicalCookie::ParseExpiration`, Firefox's
 * `network.cookie.useServerTime`): a cookie whose `Expires` falls after the server's time is
 * kept, however the visitor's clock reads it; without a `Date`, against `at`. Firefox joins
 * several headers into one value, separated by line breaks; Chrome gives one value per header
 * (measured, see README). A pair with nothing before `=` (`=v`) is a nameless cookie's value
 * (RFC 6265bis; Chromium keeps one, measured, see README): named '', never by that text. A pair
 * without `=` is read as `bare` says (core/network/bare-pair.ts): by default a nameless cookie's
 * value, named '' too, as in Chromium and Firefox ESR 140; 'name' only for a Firefox known to name
 * the cookie by that text (153 on), which also refuses an empty name (`=v` then sets nothing).
 */
export function setCookieNames(
  headerValues: readonly string[],
  at: number,
  serverDate: string | null = null,
  bare: BarePair = 'value',
): string[] {
  const names: string[] = [];
  const serverTime = serverDate === null ? null : serverTimeOf(serverDate);
  for (const header of headerValues) {
    for (const line of linesWithinCut(header)) {
      if (names.length >= MAX_NAMES) return names;
      // Null for a line that sets nothing: an empty pair, or a name and value past what a browser keeps.
      const cookie = parseSetCookie(line, bare);
      if (!cookie || cookie.name.length > MAX_NAME_CHARACTERS || names.includes(cookie.name)) continue;
      // An expiry at or before the response removes the cookie (an Expires as the browser shifts it).
      const expires = expiryOf(cookie, at, serverTime);
      if (expires === null || expires > at) names.push(cookie.name);
    }
  }
  return names;
}

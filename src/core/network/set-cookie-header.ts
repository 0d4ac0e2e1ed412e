/**
 * A `Set-Cookie` header line read for the cookie's name and attributes only: the value is
 * skipped where it stands and never copied (privacy principle). Follows the parsing algorithm
 * of RFC 6265bis (draft-ietf-httpbis-rfc6265bis, section 5.7, "The Set-Cookie Header Field"):
 * the name-value pair runs to the first `;`, the name to its first `=` (no `=`: a nameless
 * cookie, the whole pair being its value, or in Firefox the cookie's name: `BarePair`), each
 * attribute is `name[=value]` with names compared case-insensitively, and an attribute value over
 * 1024 octets is ignored. Linear in the line.
 */

/** The longest attribute value browsers read (RFC 6265bis 5.7, step 8: longer ones are ignored). */
export const MAX_ATTRIBUTE_VALUE = 1024;
/** Browsers refuse a cookie whose name and value together pass 4096 octets (RFC 6265bis 5.7, step 5). */
export const MAX_NAME_AND_VALUE_BYTES = 4096;

/**
 * How the browser reads a pair without `=` (`Set-Cookie: abc`). RFC 6265bis and Chromium
 * (measured in Chromium 150): the value of a nameless cookie. Firefox (measured in ESR 153): the
 * cookie's name, with no value; and it refuses a cookie with an empty name (`=abc`). The
 * browser's version says which (bare-pair.ts), for the DevTools page (platform/devtools.ts) and
 * the worker's webRequest (platform/web-request.ts): the same header makes a cookie of another
 * name in each, and where the pair is a value it is never kept.
 */
export type BarePair = 'value' | 'name';

/**
 * Whether the browser tells a cookie event for a `Set-Cookie` line that sets its cookie (name,
 * Domain, Path, Partitioned) as the response's previous line of that cookie did: same value, flags,
 * SameSite and expiry, however the attributes are written (Firefox compares the parsed cookie). Chromium
 * tells one for each line ('heard'); Firefox tells none for a cookie written again unchanged
 * ('silent'): `portal_dup=a; Path=/` then `portal_dup=a; path=/` made two events in Chromium, one in Firefox ESR
 * (the e2e tests, demo portal's DUP_COOKIE_PAGE), so there such a line made no event a response
 * could be credited with.
 */
export type RepeatedLine = 'heard' | 'silent';

/** What a `Set-Cookie` line says of the cookie, its value left out. */
export type SetCookieFacts = {
  /** Cookie name ('' for a nameless cookie). */
  name: string;
  /** Domain attribute as written, lower-case, without a leading dot; null when absent (a host-only cookie). */
  domain: string | null;
  /** Path attribute; null when absent. */
  path: string | null;
  /** Max-Age in seconds; null when absent or unreadable. */
  maxAge: number | null;
  /** Expires attribute as written (a date); null when absent. */
  expires: string | null;
  /** Secure, HttpOnly and Partitioned flags. */
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
  /** SameSite as written, lower-case ('lax', 'strict', 'none'); null when absent. */
  sameSite: string | null;
};

/**
 * The line's cookie, or null when it holds none the browser would set: an empty pair (`=` too),
 * a name and value over 4096 bytes, and in Firefox (`bare` 'name') an empty name.
 */
export function parseSetCookie(line: string, bare: BarePair = 'value'): SetCookieFacts | null {
  return readLine(line, bare)?.facts ?? null;
}

/** A line's cookie, with where its value stands in the line (to compare it in place, never copied). */
type ReadLine = { facts: SetCookieFacts; valueStart: number; valueEnd: number };

function readLine(line: string, bare: BarePair): ReadLine | null {
  const end = line.indexOf(';');
  const pairEnd = end < 0 ? line.length : end;
  const equalsAt = line.indexOf('=');
  const equals = equalsAt >= 0 && equalsAt < pairEnd ? equalsAt : -1;
  // Trimmed of spaces and tabs only (RFC 6265bis, WSP): a no-break space is part of the name, as the browser keeps it.
  // No '=': the pair is a nameless cookie's value, never read further, or in Firefox its name.
  const nameEnd = equals >= 0 ? equals : bare === 'name' ? pairEnd : 0;
  const name = trimSpaces(line.slice(0, nameEnd));
  const [valueStart, valueEnd] = equals >= 0 ? trimmedRange(line, equals + 1, pairEnd) : trimmedRange(line, nameEnd, pairEnd);
  if (name === '' && (valueStart === valueEnd || bare === 'name')) return null;
  // The value is counted where it stands, never copied.
  const room = MAX_NAME_AND_VALUE_BYTES - utf8Length(name, 0, name.length, MAX_NAME_AND_VALUE_BYTES);
  if (room < 0 || utf8Length(line, valueStart, valueEnd, room) > room) return null;
  const facts: SetCookieFacts = {
    name,
    domain: null,
    path: null,
    maxAge: null,
    expires: null,
    secure: false,
    httpOnly: false,
    partitioned: false,
    sameSite: null,
  };
  // One pass over the attributes, no array of them, and nothing copied of a name that cannot be
  // one we read or a value too long: a hostile header of a million attributes costs a scan.
  for (let start = end + 1; end >= 0 && start <= line.length;) {
    let stop = start;
    let sign = -1;
    for (; stop < line.length && line.charCodeAt(stop) !== SEMICOLON; stop++) if (sign < 0 && line.charCodeAt(stop) === EQUALS) sign = stop;
    let keyStart = start;
    let keyEnd = sign < 0 ? stop : sign;
    while (keyStart < keyEnd && isSpace(line.charCodeAt(keyStart))) keyStart++;
    while (keyEnd > keyStart && isSpace(line.charCodeAt(keyEnd - 1))) keyEnd--;
    const keyLength = keyEnd - keyStart;
    if (keyLength >= SHORTEST_ATTRIBUTE && keyLength <= LONGEST_ATTRIBUTE) {
      let valueStart = sign < 0 ? stop : sign + 1;
      let valueEnd = stop;
      while (valueStart < valueEnd && isSpace(line.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart && isSpace(line.charCodeAt(valueEnd - 1))) valueEnd--;
      if (utf8LengthWithin(line, valueStart, valueEnd, MAX_ATTRIBUTE_VALUE))
        read(facts, line.slice(keyStart, keyEnd).toLowerCase(), line.slice(valueStart, valueEnd));
    }
    start = stop + 1;
  }
  return { facts, valueStart, valueEnd };
}

/** `text` without leading and trailing spaces and tabs. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Where `text` from `start` to `end` starts and ends once trimmed of spaces and tabs. */
function trimmedRange(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/**
 * How many bytes `text` from `start` to `end` takes in UTF-8, or a number past `max` once it
 * passes it: the limits browsers put on cookies count octets (RFC 6265bis, 5.6 steps 5 and 8),
 * not UTF-16 units. Stops counting past `max`, so a long text costs no more than the limit.
 */
function utf8Length(text: string, start: number, end: number, max: number): number {
  if (end - start > max) return max + 1;
  let bytes = 0;
  for (let at = start; at < end && bytes <= max; at++) {
    const code = text.charCodeAt(at);
    // A surrogate is half a character of four bytes.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** True when `text` from `start` to `end` takes at most `max` bytes in UTF-8. */
const utf8LengthWithin = (text: string, start: number, end: number, max: number): boolean => utf8Length(text, start, end, max) <= max;

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
/** The shortest and longest attribute names read ('path', 'partitioned'): others are skipped unread. */
const SHORTEST_ATTRIBUTE = 'path'.length;
const LONGEST_ATTRIBUTE = 'partitioned'.length;

/** A space or a tab, which RFC 6265bis trims around names and values. */
const isSpace = (code: number) => code === 0x20 || code === 0x09;

/** Reads one attribute (name lower-case) into `facts`; unknown names and unreadable values leave them as they are. */
function read(facts: SetCookieFacts, key: string, value: string): void {
  if (key === 'domain' && value !== '') facts.domain = value.replace(/^\./, '').toLowerCase();
  else if (key === 'path') facts.path = value.startsWith('/') ? value : null;
  else if (key === 'max-age' && /^-?\d+$/.test(value)) facts.maxAge = Number(value);
  else if (key === 'expires' && value !== '') facts.expires = value;
  else if (key === 'secure') facts.secure = true;
  else if (key === 'httponly') facts.httpOnly = true;
  else if (key === 'partitioned') facts.partitioned = true;
  else if (key === 'samesite' && value !== '') facts.sameSite = value.toLowerCase();
}

/**
 * The cookies of a response's `Set-Cookie` header values, the first `limit` of them: one header
 * per cookie as HTTP sends them, or several lines joined by newlines as some browsers hand them
 * over. Lines past the limit are not read. `repeated` 'silent' (Firefox): a line setting its
 * cookie as its previous line did is left out, as it set nothing (`RepeatedLine`); `storedAs` says
 * where the browser stores a line's cookie (its domain and path, resolved for the request), so
 * lines writing those alike are one cookie (by default, the attributes as written); `removes`
 * whether a line's expiry is already past (by default: Max-Age 0 or less, an Expires by 1970).
 */
export function parseSetCookieHeaders(
  values: readonly string[],
  limit = Number.POSITIVE_INFINITY,
  bare: BarePair = 'value',
  repeated: RepeatedLine = 'heard',
  storedAs: (facts: SetCookieFacts) => unknown = (facts) => [facts.domain, facts.path],
  removes: (facts: SetCookieFacts) => boolean = (facts) => (expiryOf(facts, 0) ?? 1) <= 0,
): SetCookieFacts[] {
  const cookies: SetCookieFacts[] = [];
  // Each cookie's last line, only to compare the next with: forgotten on return, never copied out.
  const lastLineOf = repeated === 'silent' ? new Map<string, { line: string; read: ReadLine }>() : null;
  for (const value of values) {
    for (let start = 0; start <= value.length && cookies.length < limit;) {
      const newline = value.indexOf('\n', start);
      const stop = newline < 0 ? value.length : newline;
      const line = value.slice(start, stop);
      const read = readLine(line, bare);
      start = stop + 1;
      if (!read) continue;
      const { facts } = read;
      if (lastLineOf) {
        const cookie = JSON.stringify([facts.name, storedAs(facts), facts.partitioned]);
        const last = lastLineOf.get(cookie);
        lastLineOf.set(cookie, { line, read });
        // Firefox compares the cookie it parsed, not the line's text (attribute case, order, spacing);
        // a second removal finds the cookie gone, whatever its value or flags.
        if (last && ((removes(last.read.facts) && removes(facts)) || setsAlike(last.line, last.read, line, read))) continue;
      }
      cookies.push(facts);
    }
  }
  return cookies;
}

/**
 * True when two lines of one cookie (same name, domain, path, partition) set it alike: same value,
 * compared where it stands in each line, and same flags, SameSite and expiry. Linear in the value.
 */
function setsAlike(lineA: string, a: ReadLine, lineB: string, b: ReadLine): boolean {
  const [x, y] = [a.facts, b.facts];
  if (x.secure !== y.secure || x.httpOnly !== y.httpOnly || x.sameSite !== y.sameSite) return false;
  // Both lines came in one response: the same time serves for both.
  if (expiryOf(x, 0) !== expiryOf(y, 0)) return false;
  const length = a.valueEnd - a.valueStart;
  if (b.valueEnd - b.valueStart !== length) return false;
  for (let at = 0; at < length; at++) if (lineA.charCodeAt(a.valueStart + at) !== lineB.charCodeAt(b.valueStart + at)) return false;
  return true;
}

/** Longest lifetime browsers give a cookie (RFC 6265bis, "Cookie Lifetime Limits": 400 days), in seconds. */
const MAX_LIFETIME_SECONDS = 400 * 24 * 3600;

/**
 * When the cookie of `facts` expires, for a header the browser read at `at` (ms since the epoch):
 * Max-Age wins over Expires (RFC 6265, 5.3 step 3), a Max-Age of 0 or less is the earliest time (0).
 * An Expires is the server's time: with the response's `Date` read (`serverTime`, serverTimeOf),
 * it is shifted by the browser's clock's lead on the server's, as both browsers store it
 * (Chromium's `CanonicalCookie::ParseExpiration`, Firefox's `network.cookie.useServerTime`).
 * Null for a session cookie: neither attribute, or an Expires that names no date.
 */
export function expiryOf(facts: Pick<SetCookieFacts, 'maxAge' | 'expires'>, at: number, serverTime: number | null = null): number | null {
  if (facts.maxAge !== null) return facts.maxAge <= 0 ? 0 : at + Math.min(facts.maxAge, MAX_LIFETIME_SECONDS) * 1000;
  const expires = facts.expires === null ? null : parseCookieDate(facts.expires);
  return expires === null || serverTime === null ? expires : expires + (at - serverTime);
}

/**
 * A response's `Date` header in ms since the epoch, or null when it names no date. RFC 9110 asks
 * for GMT (asctime's form gives its year after the time, no zone); a numeric zone at the end
 * (`-0500`), which both browsers apply, is applied too. Any other zone after the time (`EST`,
 * `+01:00`, `+0100 (CET)`) is not read: null, as if the response had no Date (its Expires is then
 * read by the browser's clock, as before the Date was read at all).
 */
export function serverTimeOf(date: string): number | null {
  const text = date.slice(0, MAX_ATTRIBUTE_VALUE).trimEnd();
  const clock = /\d{1,2}:\d{1,2}:\d{1,2}/.exec(text);
  if (clock === null) return null;
  const zone = /^\s*(?:gmt|utc|ut|z|\d{4}|([+-])(\d\d)(\d\d))?$/i.exec(text.slice(clock.index + clock[0].length));
  const time = zone === null ? null : parseCookieDate(text);
  if (time === null || zone?.[1] === undefined) return time;
  const offsetMs = (Number(zone[2]) * 60 + Number(zone[3])) * 60_000;
  return zone[1] === '+' ? time - offsetMs : time + offsetMs;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The runs of a cookie date between its delimiters (RFC 6265, 5.1.1: tab, and the punctuation of ASCII but ':'). */
const DATE_TOKEN = /[^\t\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/g;
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/;
const DAY = /^(\d{1,2})(?:\D|$)/;
const YEAR = /^(\d{2,4})(?:\D|$)/;

/**
 * A cookie date (an Expires attribute, at most MAX_ATTRIBUTE_VALUE long) read as browsers read
 * it (RFC 6265, 5.1.1, "Dates": the first time, day, month and year among its tokens, tried in
 * that order), in ms since the epoch; null when it names no date. Not Date.parse: browsers' own
 * readings of it differ, and the DevTools page runs in either.
 */
export function parseCookieDate(text: string): number | null {
  let time: RegExpExecArray | null = null;
  let day: number | null = null;
  let month = -1;
  let year: number | null = null;
  for (const [token] of text.matchAll(DATE_TOKEN)) {
    let found: RegExpExecArray | null;
    if (time === null && (found = TIME.exec(token))) time = found;
    else if (day === null && (found = DAY.exec(token))) day = Number(found[1]);
    else if (month < 0 && MONTHS.includes(token.slice(0, 3).toLowerCase())) month = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
    else if (year === null && (found = YEAR.exec(token))) year = Number(found[1]);
  }
  if (time === null || day === null || month < 0 || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year <= 69) year += 2000;
  const [hours, minutes, seconds] = [Number(time[1]), Number(time[2]), Number(time[3])];
  if (day < 1 || day > 31 || year < 1601 || hours > 23 || minutes > 59 || seconds > 59) return null;
  const date = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  // A day the month does not have (30 February) names no date.
  return date.getUTCDate() === day ? date.getTime() : null;
}

/**
 * A `Set-Cookie` header line read for the cookie's name and attributes only: the value is
 * skipped where it stands and never copied (privacy principle). Follows the parsing algorithm
 * of RFC 6265bis (draft-ietf-httpbis-rfc6265bis, section 5.7, "The Set-Cookie Header Field"):
 * the name-value pair runs to the first `;`, the name to its first `=` (no `=`: a nameless
 * cookie, the whole pair being its value), each attribute is `name[=value]` with names compared
 * case-insensitively, and an attribute value over 1024 octets is ignored. Linear in the line.
 */

/** The longest attribute value browsers read (RFC 6265bis 5.7, step 8: longer ones are ignored). */
export const MAX_ATTRIBUTE_VALUE = 1024;
/** Browsers refuse a cookie whose name and value together pass 4096 octets (RFC 6265bis 5.7, step 5): a longer name cannot be a cookie. */
export const MAX_COOKIE_NAME = 4096;

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

/** The line's cookie, or null when it holds none a browser would set (an empty line, a name too long). */
export function parseSetCookie(line: string): SetCookieFacts | null {
  const end = line.indexOf(';');
  const pair = end < 0 ? line : line.slice(0, end);
  const equals = pair.indexOf('=');
  // No '=': a nameless cookie; the pair is its value, never read further.
  const name = equals < 0 ? '' : pair.slice(0, equals).trim();
  if (pair.trim() === '' || name.length > MAX_COOKIE_NAME) return null;
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
  if (end < 0) return facts;
  for (const attribute of line.slice(end + 1).split(';')) {
    const split = attribute.indexOf('=');
    const key = (split < 0 ? attribute : attribute.slice(0, split)).trim().toLowerCase();
    const value = split < 0 ? '' : attribute.slice(split + 1).trim();
    if (value.length > MAX_ATTRIBUTE_VALUE) continue;
    if (key === 'domain' && value !== '') facts.domain = value.replace(/^\./, '').toLowerCase();
    else if (key === 'path') facts.path = value.startsWith('/') ? value : null;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) facts.maxAge = Number(value);
    else if (key === 'expires' && value !== '') facts.expires = value;
    else if (key === 'secure') facts.secure = true;
    else if (key === 'httponly') facts.httpOnly = true;
    else if (key === 'partitioned') facts.partitioned = true;
    else if (key === 'samesite' && value !== '') facts.sameSite = value.toLowerCase();
  }
  return facts;
}

/**
 * Every cookie of a response's `Set-Cookie` header values: one header per cookie as HTTP sends
 * them, or several lines joined by newlines as some browsers hand them over.
 */
export function parseSetCookieHeaders(values: readonly string[]): SetCookieFacts[] {
  return values.flatMap((value) => value.split('\n').flatMap((line) => parseSetCookie(line) ?? []));
}

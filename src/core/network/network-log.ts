/**
 * The responses that set cookies in one inspected tab while DevTools was open on it, as the
 * DevTools page hears them (`devtools.network.onRequestFinished`, a HAR entry each). Only what
 * a person needs to tell which response set a cookie is kept: method, URL with its query values
 * and path parameters (`;jsessionid=…`) removed, status, times, and each cookie's name, domain
 * and expiry. Header values are read for that and dropped; a cookie's value never leaves
 * `parseSetCookieHeaders`, nor one carried in the URL's path. A log lives in storage.session
 * beside the site records: it is kept small (short names, a byte limit per tab).
 */
import { addressWithoutValues } from '../path-parameters.ts';
import {
  expiryOf,
  parseSetCookieHeaders,
  serverTimeOf,
  type BarePair,
  type RepeatedLine,
  type SetCookieFacts,
} from './set-cookie-header.ts';
import { measureText } from '../text-bytes.ts';

/** Responses kept per tab, newest last; older ones are dropped (a cookie event is matched within seconds). */
export const NETWORK_LOG_LIMIT = 200;
/**
 * Most a tab's log may hold, in bytes of its responses' JSON as either browser counts them
 * (`withResponses`): logs share storage.session's budget with the site records, so a tab's
 * oldest responses are dropped first, never a record.
 */
export const NETWORK_LOG_BYTES = 256 * 1024;
/** Cookies kept per response (a response setting more is unusual; the first ones are kept). */
export const COOKIES_PER_RESPONSE = 50;
/** Longest URL kept, in characters (a longer one is cut and ends with '…'). */
export const MAX_URL_LENGTH = 2000;
/** Longest cookie name kept, in characters: a longer one is kept cut, and an event's name is cut alike to be matched. */
export const MAX_LOGGED_NAME = 256;
/** Longest Domain attribute kept: a longer one names no host (DNS names have at most 253 characters), so no browser set a cookie by it. */
export const MAX_LOGGED_DOMAIN = 253;

/** What the log keeps of one Set-Cookie: what matching it with a cookie event needs, never a value. */
export type LoggedCookie = {
  /** Cookie name, its first MAX_LOGGED_NAME characters ('' for a nameless cookie). */
  name: string;
  /** Domain attribute, lower-case, in ASCII (`xn--bcher-kva.de` for `bücher.de`), without a leading dot; null for a host-only cookie: none, or one naming the host's IP address. */
  domain: string | null;
  /**
   * When the header made the cookie expire (ms since the epoch: `expiryOf`, Max-Age counted from
   * the request's start); null for a session cookie. At or before the response's start, the
   * header removed the cookie.
   */
  expires: number | null;
};

/** A cookie name as the log keeps it (and as an event's name is looked up in it). */
export const loggedName = (name: string): string => (name.length > MAX_LOGGED_NAME ? name.slice(0, MAX_LOGGED_NAME) : name);

/** True for a URL's host that is an IP address (`192.168.1.20`, `[::1]`): the URL parser writes IPv4 in dotted decimal. */
const isIpHost = (host: string): boolean => host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);

/**
 * True when `host` domain-matches the Domain attribute `domain` (RFC 6265 §5.1.3, both lower-case,
 * the attribute without its leading dot): it is the domain, or a name within it; an IP address
 * matches only itself.
 */
function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return !isIpHost(host) && host.length > domain.length && host.endsWith(domain) && host[host.length - domain.length - 1] === '.';
}

/** Characters no host has, which a URL would read as its delimiters or decode (`bücher.de/x`, `x@bücher.de`, `%63`). */
const NOT_IN_HOST = /[\s/\\?#@:[\]%<>^|\u0000-\u001f\u007f]/;

/**
 * A Domain attribute in the ASCII form browsers store it in and the cookies API and URLs give
 * (`bücher.de` is `xn--bcher-kva.de`, IDNA as the URL parser applies it), without a leading dot;
 * an ASCII one as it is (the header parser took its dot off). Null for one outside ASCII that is
 * no host: the browser sets no cookie by it.
 */
function asciiDomain(domain: string): string | null {
  // Every code unit ASCII: nothing to convert (and the common case costs no URL).
  if (!/[^\u0000-\u007f]/.test(domain)) return domain;
  if (NOT_IN_HOST.test(domain)) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
  // A leading fullwidth or ideographic full stop (`．bücher.de`, `。bücher.de`) is a dot only once
  // mapped: Chromium sets the cookie on `.xn--bcher-kva.de`, so it is dropped as an ASCII one is.
  return (hostname.startsWith('.') ? hostname.slice(1) : hostname) || null;
}

/**
 * What the log keeps of a Set-Cookie of a request to `host` (its URL's host, lower-case) started
 * at `startedAt`; null for one no browser would set: a Domain too long to be a host, outside ASCII
 * and no host (`asciiDomain`), or one the host is not within (RFC 6265 §5.3 step 6: a tracker's
 * response naming the portal's domain sets nothing). A Domain naming the host's IP address, or the host itself when it is one label
 * (`localhost`), sets a host-only cookie, as browsers do (the cookies API gives its domain as
 * `192.168.1.20` or `localhost`, no dot): it is logged without its Domain. It must name the host
 * as written, in ASCII: one that is the host only once the URL parser maps its fullwidth
 * characters (`１２７.０.０.１`, `ｌｏｃａｌｈｏｓｔ`) sets nothing.
 */
export function logCookie(facts: SetCookieFacts, startedAt: number, host: string, serverTime: number | null = null): LoggedCookie | null {
  // The host is in ASCII (URL.hostname), as the cookie events are: the Domain is matched in it too.
  const ascii = facts.domain === null ? null : asciiDomain(facts.domain);
  if (facts.domain !== null && (ascii === null || ascii.length > MAX_LOGGED_DOMAIN || !domainMatches(host, ascii))) return null;
  // An IP address, or a host of one label, is domain-matched only by itself: the Domain makes the
  // cookie host-only (measured in Chromium and Firefox, a reviewer's probe: `Domain=localhost` from
  // localhost too). There the attribute must be the host as written (lower-cased, its dot taken off
  // by the header parser), not mapped: Chromium refuses `Domain=１２７.０.０.１` (InvalidDomain), Firefox sets nothing.
  const hostOnly = facts.domain !== null && (isIpHost(host) || !host.includes('.'));
  if (hostOnly && facts.domain !== host) return null;
  const domain = hostOnly ? null : ascii;
  return { name: loggedName(facts.name), domain, expires: expiryOf(facts, startedAt, serverTime) };
}

/** The host of a URL, lower-case, as a cookie's domain is matched with it ('' when it has none or cannot be read). */
function hostOfUrl(raw: string): string {
  try {
    return new URL(raw).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The path a cookie without a valid Path attribute gets from its request (RFC 6265 5.1.4): the
 * URL's path up to, not including, its last `/`; `/` when that leaves nothing.
 */
function defaultPath(raw: string): string {
  let pathname: string;
  try {
    pathname = new URL(raw).pathname;
  } catch {
    return '/';
  }
  const last = pathname.lastIndexOf('/');
  return pathname.startsWith('/') && last > 0 ? pathname.slice(0, last) : '/';
}

/** True when the Set-Cookie removed its cookie: an expiry already past when its request started. */
export const removesCookie = (cookie: LoggedCookie, response: NetworkResponse): boolean =>
  cookie.expires !== null && cookie.expires <= response.startedAt;

/** One response that set (or removed) cookies. */
export type NetworkResponse = {
  /** Request method, upper-case ('GET'). */
  method: string;
  /** URL without path parameters, query values, fragment or credentials (`https://host/path?a=&b=`). */
  url: string;
  /** HTTP status (0 when the browser gave none). */
  status: number;
  /** When the request started and when its response was complete (ms since the epoch). */
  startedAt: number;
  finishedAt: number;
  /** The cookies its `Set-Cookie` headers set or removed, values left out. */
  cookies: LoggedCookie[];
  /**
   * True when it may have set cookies not kept here: more than COOKIES_PER_RESPONSE (the rest were
   * not kept), or a redirect whose Set-Cookie headers the browser never gave (`redirectMayLackSetCookie`).
   * A cookie event near it may be one of those, so none is said to be a script's (set-by.ts). Absent otherwise.
   */
  cookiesCut?: true;
  /**
   * Its place in the order the DevTools page heard its session's responses (0 first): a redirect
   * waiting for its headers is logged after those heard later, and set-by tells equally near
   * responses apart by this. Absent in a log of an earlier version: its place in the log serves.
   */
  heard?: number;
};

/** What the DevTools page heard in one tab since DevTools was opened on it. */
export type NetworkLog = {
  /** The inspected tab. */
  tabId: number;
  /** When DevTools was opened on the tab (ms since the epoch): no response before it was heard. */
  openedAt: number;
  /** Responses that set cookies, oldest first: the last NETWORK_LOG_LIMIT, within NETWORK_LOG_BYTES. */
  responses: NetworkResponse[];
  /**
   * The latest end (`finishedAt`) of the responses dropped to keep within those limits; absent
   * while none was. A cookie event up to then (and its window after) may be one of theirs.
   */
  droppedUntil?: number;
  /** When DevTools was closed on the tab (ms since the epoch); absent while it is open. Nothing after it was heard. */
  closedAt?: number;
};

/**
 * A URL as the panel may show it: scheme, host, port and path without its path parameters
 * (`/login;jsessionid=…` -> `/login`: withoutPathParameters), and the query's parameter names
 * with their values removed (`?q=&page=`). Query values and path parameters can hold tokens,
 * session ids and personal data; fragments and credentials are dropped for the same reason.
 * Null for anything but http(s).
 */
export function urlWithoutQueryValues(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const text = addressWithoutValues(url);
  return text.length > MAX_URL_LENGTH ? `${text.slice(0, MAX_URL_LENGTH - 1)}…` : text;
}

/** The parts of a HAR entry (as both browsers' `devtools.network` give it) read here. */
export type HarEntryLike = {
  startedDateTime?: unknown;
  time?: unknown;
  request?: { method?: unknown; url?: unknown };
  response?: { status?: unknown; headers?: unknown; headersSize?: unknown };
};

/** True for a header named Set-Cookie, in any case. */
function isSetCookie(header: unknown): boolean {
  const name = (header as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.toLowerCase() === 'set-cookie';
}

/**
 * True for a redirect (3xx) whose entry may lack its Set-Cookie headers: Chrome finishes a redirect
 * hop before its raw headers (Set-Cookie among them) come, and gives `headersSize` -1 until they
 * do (measured in Chromium: a login's 302 came so about half the time; getHAR, a moment later,
 * had them, with their size). An entry with a Set-Cookie, or a size, has them all.
 */
export function redirectMayLackSetCookie(entry: HarEntryLike): boolean {
  const { status, headersSize, headers } = entry.response ?? {};
  if (typeof status !== 'number' || status < 300 || status > 399) return false;
  if (typeof headersSize === 'number' && headersSize >= 0) return false;
  return !(Array.isArray(headers) && headers.some(isSetCookie));
}

/**
 * The response of a HAR entry, or null when it set no cookie (or is not http(s)); a redirect
 * that may have set some (`redirectMayLackSetCookie`) with none known. Values are dropped here.
 * `bare`: how the browser reads a Set-Cookie without `=` (its name in Firefox); `repeated`: whether
 * it tells an event for a line repeating its cookie's previous one (none in Firefox: left out).
 */
export function responseOfHarEntry(
  entry: HarEntryLike,
  bare: BarePair = 'value',
  repeated: RepeatedLine = 'heard',
): NetworkResponse | null {
  const headers = Array.isArray(entry.response?.headers) ? (entry.response.headers as unknown[]) : [];
  const lines: string[] = [];
  // The response's first Date (as Chromium reads it), which an Expires is weighed against (expiryOf).
  let serverTime: number | null = null;
  let dateRead = false;
  for (const header of headers) {
    const { name, value } = (header ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') lines.push(value);
    else if (lower === 'date' && !dateRead) [serverTime, dateRead] = [serverTimeOf(value), true];
  }
  // A redirect whose Set-Cookie headers did not come may have set cookies: kept, they are not known.
  const unknown = lines.length === 0 && redirectMayLackSetCookie(entry);
  if (lines.length === 0 && !unknown) return null;
  const requested = typeof entry.request?.url === 'string' ? entry.request.url : null;
  const url = requested === null ? null : urlWithoutQueryValues(requested);
  const startedAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
  if (requested === null || url === null || !Number.isFinite(startedAt)) return null;
  // The host of the URL requested, not of the URL kept (a long one is cut).
  const host = hostOfUrl(requested);
  // Where the browser stores a line's cookie: the domain logCookie resolves (null: host-only), the
  // Path or, absent or invalid, the request's default path. Lines alike there are one cookie; a
  // line the browser refuses is none of them.
  const path = defaultPath(requested);
  const storedAs = (facts: SetCookieFacts) => {
    const logged = logCookie(facts, 0, host);
    return logged ? [logged.domain, facts.path ?? path] : ['refused', facts.domain, facts.path];
  };
  // One more than kept is read, to know whether any was left out.
  // A line removes its cookie when its expiry is already past at the request's start (removesCookie).
  const removes = (facts: SetCookieFacts) => (expiryOf(facts, startedAt, serverTime) ?? Number.POSITIVE_INFINITY) <= startedAt;
  const read = parseSetCookieHeaders(lines, COOKIES_PER_RESPONSE + 1, bare, repeated, storedAs, removes);
  const cut = unknown || read.length > COOKIES_PER_RESPONSE;
  const cookies = read.slice(0, COOKIES_PER_RESPONSE).flatMap((facts) => logCookie(facts, startedAt, host, serverTime) ?? []);
  if (cookies.length === 0 && !unknown) return null;
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  const method = typeof entry.request?.method === 'string' ? entry.request.method.slice(0, 20).toUpperCase() : 'GET';
  const status = typeof entry.response?.status === 'number' ? entry.response.status : 0;
  return { method, url, status, startedAt, finishedAt: startedAt + time, cookies, ...(cut ? { cookiesCut: true as const } : {}) };
}

/** A response's share of its log's stored JSON (with its comma): UTF-8 bytes, UTF-16 units, and whether a character is past Latin-1. */
type Size = { utf8: number; units: number; wide: boolean };

function sizeOf(response: NetworkResponse): Size {
  const json = JSON.stringify(response);
  const { utf8, wide } = measureText(json);
  return { utf8: utf8 + 1, units: json.length + 1, wide };
}

/**
 * A log with `responses` added, kept within NETWORK_LOG_LIMIT responses and NETWORK_LOG_BYTES,
 * the oldest dropped first (a new `openedAt` starts a new log: a new DevTools session). Bytes
 * as the larger of the browsers' counts (core/storage/session-quota.ts): Chrome's UTF-8, and
 * Firefox's one byte a character, two for every character once one is past Latin-1.
 */
export function withResponses(log: NetworkLog | null, tabId: number, openedAt: number, responses: readonly NetworkResponse[]): NetworkLog {
  const same = log !== null && log.openedAt === openedAt ? log : null;
  const all = [...(same?.responses ?? []), ...responses];
  let first = Math.max(0, all.length - NETWORK_LOG_LIMIT);
  const sizes = all.map((response, at) => (at < first ? null : sizeOf(response)));
  let [utf8, units, wide] = [0, 0, 0];
  for (const size of sizes) if (size) [utf8, units, wide] = [utf8 + size.utf8, units + size.units, wide + (size.wide ? 1 : 0)];
  for (; first < all.length && Math.max(utf8, (wide > 0 ? 2 : 1) * units) > NETWORK_LOG_BYTES; first++) {
    const size = sizes[first]!;
    [utf8, units, wide] = [utf8 - size.utf8, units - size.units, wide - (size.wide ? 1 : 0)];
  }
  let droppedUntil = same?.droppedUntil;
  for (let at = 0; at < first; at++) droppedUntil = Math.max(droppedUntil ?? Number.NEGATIVE_INFINITY, all[at]!.finishedAt);
  return {
    tabId,
    openedAt,
    responses: first === 0 ? all : all.slice(first),
    ...(droppedUntil === undefined ? {} : { droppedUntil }),
    ...(same?.closedAt === undefined ? {} : { closedAt: same.closedAt }),
  };
}

/** The log of DevTools session `openedAt` closed at `at`; a log of another session is left as it is. */
export function closedLog(log: NetworkLog, openedAt: number, at: number): NetworkLog {
  return log.openedAt === openedAt && log.closedAt === undefined ? { ...log, closedAt: at } : log;
}

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** One logged cookie from untyped input, field by field (nothing else it may carry is copied); null when malformed. */
function checkedCookie(value: unknown): LoggedCookie | null {
  if (typeof value !== 'object' || value === null) return null;
  const cookie = value as Partial<Record<keyof LoggedCookie, unknown>>;
  const name = text(cookie.name, MAX_LOGGED_NAME);
  const domain = cookie.domain === null ? null : text(cookie.domain, MAX_LOGGED_DOMAIN);
  const expires = cookie.expires === null ? null : finite(cookie.expires);
  if (name === null || (domain === null && cookie.domain !== null) || (expires === null && cookie.expires !== null)) return null;
  return { name, domain, expires };
}

/**
 * A response as `responseOfHarEntry` makes it, from untyped input (what a page sends the worker),
 * copied field by field: an allow-list, so nothing else a message carries is ever kept. Its URL is
 * cleaned again as urlWithoutQueryValues cleans it (credentials, path parameters, query values,
 * fragment): the worker does not trust a page's message to have done it. Null when malformed.
 */
export function checkedResponse(value: unknown): NetworkResponse | null {
  if (typeof value !== 'object' || value === null) return null;
  const response = value as Partial<Record<keyof NetworkResponse, unknown>>;
  const method = text(response.method, 20);
  const url = urlWithoutQueryValues(text(response.url, MAX_URL_LENGTH) ?? '');
  const status = finite(response.status);
  const startedAt = finite(response.startedAt);
  const finishedAt = finite(response.finishedAt);
  if (method === null || url === null || status === null || startedAt === null || finishedAt === null) return null;
  if (!Array.isArray(response.cookies) || response.cookies.length > COOKIES_PER_RESPONSE) return null;
  const cookies = response.cookies.map(checkedCookie);
  if (cookies.some((cookie) => cookie === null)) return null;
  return {
    method,
    url,
    status,
    startedAt,
    finishedAt,
    cookies: cookies as LoggedCookie[],
    ...(response.cookiesCut === true ? { cookiesCut: true as const } : {}),
    ...(Number.isSafeInteger(response.heard) && (response.heard as number) >= 0 ? { heard: response.heard as number } : {}),
  };
}

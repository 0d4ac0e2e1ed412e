/**
 * The responses that set cookies in one inspected tab while DevTools was open on it, as the
 * DevTools page hears them (`devtools.network.onRequestFinished`, a HAR entry each). Only what
 * a person needs to tell which response set a cookie is kept: method, URL with its query values
 * and path parameters (`;jsessionid=…`) removed, status, times, and each cookie's name and
 * attributes. Header values are read for that and dropped; a cookie's value never leaves
 * `parseSetCookieHeaders`, nor one carried in the URL's path.
 */
import { addressWithoutValues, withoutPathParameters } from '../path-parameters.ts';
import { MAX_ATTRIBUTE_VALUE, MAX_COOKIE_NAME, parseSetCookieHeaders, type SetCookieFacts } from './set-cookie-header.ts';

/** Responses kept per tab, newest last; older ones are dropped (a cookie event is matched within seconds). */
export const NETWORK_LOG_LIMIT = 200;
/** Cookies kept per response (a response setting more is unusual; the first ones are kept). */
export const COOKIES_PER_RESPONSE = 50;
/** Longest URL kept, in characters (a longer one is cut and ends with '…'). */
export const MAX_URL_LENGTH = 2000;

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
  /** The cookies its `Set-Cookie` headers set, values left out. */
  cookies: SetCookieFacts[];
};

/** What the DevTools page heard in one tab since DevTools was opened on it. */
export type NetworkLog = {
  /** The inspected tab. */
  tabId: number;
  /** When DevTools was opened on the tab (ms since the epoch): no response before it was heard. */
  openedAt: number;
  /** Responses that set cookies, oldest first, the last NETWORK_LOG_LIMIT. */
  responses: NetworkResponse[];
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
  response?: { status?: unknown; headers?: unknown };
};

/** The response of a HAR entry, or null when it set no cookie (or is not http(s)). Values are dropped here. */
export function responseOfHarEntry(entry: HarEntryLike): NetworkResponse | null {
  const headers = Array.isArray(entry.response?.headers) ? (entry.response.headers as unknown[]) : [];
  const lines = headers.flatMap((header) => {
    const { name, value } = (header ?? {}) as { name?: unknown; value?: unknown };
    return typeof name === 'string' && name.toLowerCase() === 'set-cookie' && typeof value === 'string' ? [value] : [];
  });
  if (lines.length === 0) return null;
  const cookies = parseSetCookieHeaders(lines, COOKIES_PER_RESPONSE);
  const url = typeof entry.request?.url === 'string' ? urlWithoutQueryValues(entry.request.url) : null;
  const startedAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
  if (cookies.length === 0 || url === null || !Number.isFinite(startedAt)) return null;
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  const method = typeof entry.request?.method === 'string' ? entry.request.method.slice(0, 20).toUpperCase() : 'GET';
  const status = typeof entry.response?.status === 'number' ? entry.response.status : 0;
  return { method, url, status, startedAt, finishedAt: startedAt + time, cookies };
}

/** A log with `responses` added, kept within NETWORK_LOG_LIMIT (a new `openedAt` starts a new log: a new DevTools session). */
export function withResponses(log: NetworkLog | null, tabId: number, openedAt: number, responses: readonly NetworkResponse[]): NetworkLog {
  const kept = log && log.openedAt === openedAt ? log.responses : [];
  return { tabId, openedAt, responses: [...kept, ...responses].slice(-NETWORK_LOG_LIMIT) };
}

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** One cookie's facts from untyped input, field by field (nothing else it may carry is copied); null when malformed. */
function cookieFacts(value: unknown): SetCookieFacts | null {
  if (typeof value !== 'object' || value === null) return null;
  const facts = value as Partial<Record<keyof SetCookieFacts, unknown>>;
  const name = text(facts.name, MAX_COOKIE_NAME);
  if (name === null) return null;
  return {
    name,
    domain: text(facts.domain, MAX_ATTRIBUTE_VALUE),
    path: text(facts.path, MAX_ATTRIBUTE_VALUE),
    maxAge: finite(facts.maxAge),
    expires: text(facts.expires, MAX_ATTRIBUTE_VALUE),
    secure: facts.secure === true,
    httpOnly: facts.httpOnly === true,
    partitioned: facts.partitioned === true,
    sameSite: text(facts.sameSite, MAX_ATTRIBUTE_VALUE),
  };
}

/**
 * A URL as `urlWithoutQueryValues` writes it (`scheme://host/path?names`), with its path's
 * parameters removed again: the worker does not trust a page's message to have done it.
 */
function withoutUrlPathParameters(url: string): string {
  const authority = url.indexOf('//');
  const pathStart = authority < 0 ? -1 : url.indexOf('/', authority + 2);
  if (pathStart < 0) return url;
  const query = url.indexOf('?', pathStart);
  const pathEnd = query < 0 ? url.length : query;
  return `${url.slice(0, pathStart)}${withoutPathParameters(url.slice(pathStart, pathEnd))}${url.slice(pathEnd)}`;
}

/**
 * A response as `responseOfHarEntry` makes it, from untyped input (what a page sends the worker),
 * copied field by field: an allow-list, so nothing else a message carries is ever kept (a path
 * parameter of its URL included). Null when malformed.
 */
export function checkedResponse(value: unknown): NetworkResponse | null {
  if (typeof value !== 'object' || value === null) return null;
  const response = value as Partial<Record<keyof NetworkResponse, unknown>>;
  const method = text(response.method, 20);
  const url = text(response.url, MAX_URL_LENGTH);
  const status = finite(response.status);
  const startedAt = finite(response.startedAt);
  const finishedAt = finite(response.finishedAt);
  if (method === null || url === null || status === null || startedAt === null || finishedAt === null) return null;
  if (!Array.isArray(response.cookies) || response.cookies.length > COOKIES_PER_RESPONSE) return null;
  const cookies = response.cookies.map(cookieFacts);
  if (cookies.some((cookie) => cookie === null)) return null;
  return { method, url: withoutUrlPathParameters(url), status, startedAt, finishedAt, cookies: cookies as SetCookieFacts[] };
}

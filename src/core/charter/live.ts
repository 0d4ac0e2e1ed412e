/**
 * Reading a portal's live charter: where the platform publishes it, and what a fetch attempt
 * leaves behind (kept in storage.session, so one fetch serves every popup for a day).
 */
import { addressWithoutValues, withoutPathParameters } from '../path-parameters.ts';
import { CharterError } from './errors.ts';
import { htmlTextCandidates } from './html-to-text.ts';
import { MAX_CHARTER_PAGE_BYTES } from './limits.ts';
import { noRowsText, type LiveCharterProblem, type PageFailure } from './live-problem.ts';
import { decodePage, pageEncoding } from './page-encoding.ts';
import { assertReadableText, isBlankText } from './normalise.ts';
import { noReadableRow, readCharter, type CharterReading, type UnreadRow } from './parse.ts';
import type { ParsedCharter } from './types.ts';
import { keptUnreadRows } from './unread-lines.ts';
import type { NoReadableRow } from './unread-reason.ts';

/** Paths where portals publish their charter, in the order they are tried. */
export const CHARTER_PATHS = ['/terms/cookies-policy/', '/terms/cookies-information'] as const;

export { isStale, LIVE_CHARTER_MAX_AGE_MS, LIVE_CHARTER_RETRY_MS, type LiveCharterRecord } from './live-record.ts';
import type { LiveCharterRecord } from './live-record.ts';

/** True when a page is HTML: by its content type, or by how it starts. */
export function isHtmlPage(body: string, contentType: string | null): boolean {
  return (contentType ?? '').toLowerCase().includes('html') || /^\s*<(?:!doctype|html|head|body|meta|title)\b/i.test(body.slice(0, 1000));
}

/**
 * Reads a charter page (HTML, or plain text for a charter served as text) into everything the
 * parser found, rows not read included. An HTML page is tried as its main content first, then
 * as the whole page without its chrome, which is never read (see htmlTextCandidates): a login
 * page a charter path redirects to gives "no cookie table", whatever its footer holds. Throws
 * CharterError.
 */
export function readCharterPageReading(body: string, contentType: string | null): CharterReading {
  return readPage(body, contentType).reading;
}

/**
 * The text the parser reads from a page: the page itself, or for HTML the laid-out text it took
 * (see readCharterPageReading). Where it reads no table, the first text it tried (for HTML, the
 * page's main content): that is when an author needs to see it (`charter text`). Throws
 * CharterError for a page that is no text (empty, binary).
 */
export function charterTextOfPage(body: string, contentType: string | null): string {
  try {
    return readPage(body, contentType).text;
  } catch (error) {
    if (!(error instanceof CharterError) || (error.kind !== 'no-table' && error.kind !== 'no-entries')) throw error;
    const html = isHtmlPage(body, contentType);
    assertReadableText(body, html ? 'markup' : 'text');
    const first = html ? htmlTextCandidates(body)[0]?.replaceAll('\u0000', '') : body;
    if (first === undefined) throw error;
    return first;
  }
}

function readPage(body: string, contentType: string | null): { reading: CharterReading; text: string } {
  if (!isHtmlPage(body, contentType)) return { reading: readCharter(body), text: body };
  // A NUL in a script's string is markup a browser shows, not binary data; the text laid out is checked strictly (readCharter).
  assertReadableText(body, 'markup');
  // A browser ignores a NUL in a page's body (the HTML standard's tree builder): so does the reader, past the check above.
  const candidates = htmlTextCandidates(body).map((text) => text.replaceAll('\u0000', ''));
  let firstError: CharterError | null = null;
  let first: { reading: CharterReading; text: string } | null = null;
  for (const text of candidates) {
    try {
      const reading = readCharter(text);
      if (noReadableRow(reading) === null) return { reading, text };
      first ??= { reading, text };
    } catch (error) {
      if (!(error instanceof CharterError)) throw error;
      firstError ??= error;
    }
  }
  if (first) return first;
  throw firstError ?? new CharterError('the page has no text', 'empty');
}

/** Reads a charter page into a charter. Throws CharterError, as parseCharter does, when it gives no entry. */
export function readCharterPage(body: string, contentType: string | null): ParsedCharter {
  return readLiveCharterPage(body, contentType).charter;
}

/**
 * Reads a charter page into a charter and the rows it could not read, as a live charter record
 * keeps them (LiveCharterRecord.unreadRows): each row's line, shortened text and reason only, at
 * most MAX_LIVE_UNREAD_ROWS and a note counting the rest (keptUnreadRows).
 * Throws CharterError, as readCharterPage does.
 */
export function readLiveCharterPage(body: string, contentType: string | null): { charter: ParsedCharter; unreadRows: UnreadRow[] } {
  const read = readLivePage(body, contentType);
  if (read.charter === null) throw new CharterError(noRowsText(read.noRows), 'no-entries');
  return read;
}

/**
 * A charter page read as a live charter record keeps it: the charter, or, for a page whose tables
 * gave no row, the parser's reason (`noRows`); the rows not read (keptUnreadRows) either way.
 * Throws CharterError for a page with no table, or no text.
 */
function readLivePage(
  body: string,
  contentType: string | null,
): { charter: ParsedCharter; unreadRows: UnreadRow[] } | { charter: null; noRows: NoReadableRow; unreadRows: UnreadRow[] } {
  const reading = readCharterPageReading(body, contentType);
  const unreadRows = keptUnreadRows(reading.unreadRows);
  const noRows = noReadableRow(reading);
  if (noRows !== null) return { charter: null, noRows, unreadRows };
  return { charter: { portal: reading.portal, language: reading.language, entries: reading.entries }, unreadRows };
}

/** The fetch we need: the URL, and options that keep the request anonymous. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A page fetched for its charter; `url` is where it ended, without path parameters nor query values (pageAddress). */
export type CharterPage = { url: string; body: string; contentType: string | null };

/**
 * Why a page could not be fetched; `weight` ranks how much it explains (a 404 explains less than a
 * server error); `url`, for an answer with an error status, where it ended (as CharterPage's).
 */
export type PageProblem = { problem: PageFailure; weight: number; url?: string };

const NETWORK_ERROR: PageFailure = { kind: 'network' };
const TIMED_OUT: PageFailure = { kind: 'timeout' };
/** How long a charter page may take, answer and body. */
const PAGE_TIMEOUT_MS = 10_000;

/**
 * Why a request or its body's read failed: past PAGE_TIMEOUT_MS, the page was too slow (its server
 * may well be reachable: the tab just loaded a page of it), else no connection. Either may pass.
 */
function unreached(error: unknown, timeout: AbortSignal): PageProblem {
  const timedOut = timeout.aborted || (error as { name?: unknown } | null)?.name === 'TimeoutError';
  return { problem: timedOut ? TIMED_OUT : NETWORK_ERROR, weight: 0 };
}
/** Domains of the platform: a portal's charter may be served from another of its sub-domains. */
const PLATFORM_DOMAINS = ['opendatasoft.com', 'huwise.com'];

/**
 * Why a response that ended at `finalUrl` cannot be the charter of the page requested at
 * `requestedUrl`, or null when it can: after redirects it must still be https, on the same host
 * or on the platform's own domains. A charter from anywhere else could be anyone's, written to
 * declare every cookie and silence the findings.
 */
export function finalUrlProblem(requestedUrl: string, finalUrl: string): PageFailure | null {
  if (finalUrl === '' || finalUrl === requestedUrl) return null;
  let final: URL;
  let requested: URL;
  try {
    final = new URL(finalUrl);
    requested = new URL(requestedUrl);
  } catch {
    return { kind: 'redirected', to: null };
  }
  const host = final.hostname.toLowerCase();
  const onPlatform = PLATFORM_DOMAINS.some((domain) => host.endsWith(`.${domain}`));
  if (final.protocol === 'https:' && (host === requested.hostname.toLowerCase() || onPlatform)) return null;
  return { kind: 'redirected', to: `${final.protocol}//${final.host}` }; // the origin only: a path or query may hold a session id
}

/**
 * Where a fetched page ended, as it may be kept and shown: without path parameters nor query
 * values (names kept: `?lang=`), fragment or credentials. A server that sees no cookie (the
 * request sends none) may redirect to `…/cookies-policy/;jsessionid=…` or `…?PHPSESSID=…`: a
 * session cookie's value.
 */
function pageAddress(address: string): string {
  try {
    return addressWithoutValues(new URL(address));
  } catch {
    return withoutPathParameters(address.split(/[?#]/, 1)[0]!); // not reached: finalUrlProblem parsed it (or it is the URL asked for)
  }
}

/**
 * Fetches one page anonymously (no cookies sent or stored), following redirects only to where a
 * charter may be trusted (finalUrlProblem), and reads at most MAX_CHARTER_PAGE_BYTES of it: a
 * larger page is refused, not cut. Never throws: failures come back as a problem.
 */
export async function fetchCharterPage(url: string, fetchImpl: FetchLike): Promise<CharterPage | PageProblem> {
  let response: Response;
  const timeout = AbortSignal.timeout(PAGE_TIMEOUT_MS);
  try {
    response = await fetchImpl(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: timeout });
  } catch (error) {
    return unreached(error, timeout);
  }
  const redirected = finalUrlProblem(url, response.url);
  if (redirected !== null) {
    await response.body?.cancel().catch(() => undefined);
    return { problem: redirected, weight: 2 };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return {
      problem: { kind: 'http', status: response.status },
      weight: response.status === 404 ? 1 : 2,
      url: pageAddress(response.url || url),
    };
  }
  const tooLarge: PageProblem = { problem: { kind: 'too-large', limit: MAX_CHARTER_PAGE_BYTES }, weight: 2 };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_CHARTER_PAGE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  let body: string | null;
  try {
    body = await readCapped(response, MAX_CHARTER_PAGE_BYTES);
  } catch (error) {
    return unreached(error, timeout); // it broke, or ran out of time, while reading
  }
  if (body === null) return tooLarge;
  return { url: pageAddress(response.url || url), body, contentType: response.headers.get('content-type') };
}

/**
 * A response's text, or null when it is longer than `limit` bytes (reading stops there). Decoded
 * in the encoding the page declares (page-encoding.ts).
 */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > limit) return null;
    chunks.push(bytes);
    received = bytes.byteLength;
  } else {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return decodePage(bytes, pageEncoding(response.headers.get('content-type'), bytes));
}

/** An address or path without its trailing slash. */
const trimmed = (text: string) => text.replace(/\/$/, '');

/**
 * True when `address` (a kept charter's page) is `path` asked of `host`, or the page that request
 * ended on (`endedAt`, after the redirects a custom domain makes), a trailing slash aside. A request
 * that ended nowhere known (no answer, or a redirect refused) is known by its path alone: a
 * charter a custom domain redirected to the platform's sub-domain was read at the same path.
 */
function isPageOf(address: unknown, host: string, path: string, endedAt: string | undefined): boolean {
  // Not text: a record altered in storage names no page.
  if (typeof address !== 'string') return false;
  if (endedAt !== undefined && trimmed(endedAt) === trimmed(address)) return true;
  try {
    const url = new URL(address);
    return (endedAt === undefined || url.host === host.toLowerCase()) && trimmed(url.pathname) === trimmed(path);
  } catch {
    return false;
  }
}

/**
 * Tries the charter paths in order, over https only: a charter read over plain http could be
 * forged on the way to declare every cookie and silence the findings. Requests carry no cookies
 * and store none, so reading a charter never changes what the site's record shows. Never
 * throws: failures are described in `problem`.
 */
export async function fetchLiveCharter(
  host: string,
  fetchImpl: FetchLike,
  now: () => number = Date.now,
  /** The record of the charter kept for `host`, if any: where it was read from (`url`), and by which charter path (`path`). */
  readBefore: Pick<LiveCharterRecord, 'url' | 'path'> | null = null,
): Promise<LiveCharterRecord> {
  // Of several failures, report the one that explains most: a table none of whose rows could be
  // read over a page without a table or a server error, and those over a 404; the later one on a
  // tie. The rows not read go with the failure they explain.
  type Noted = { found: LiveCharterProblem; weight: number; unreadRows?: UnreadRow[] };
  let problem: Noted = { found: NETWORK_ERROR, weight: 0 };
  // What the path that led to the kept charter answered now, which says whether it is kept (set by note()).
  const kept: { atPath: Noted | null } = { atPath: null };
  // The path whose request led to the kept charter, wherever it ended (a redirect to another page of
  // the host, or from a custom domain to the platform's). A record without it (an older version's,
  // or one altered in storage) is judged by the page it was read from (isPageOf).
  const keptPath = CHARTER_PATHS.find((path) => path === readBefore?.path);
  const ledToKeptCharter = (path: string, endedAt: string | undefined) =>
    keptPath !== undefined ? path === keptPath : isPageOf(readBefore?.url ?? null, host, path, endedAt);
  const note = (failure: PageFailure, path: string, weight: number, endedAt?: string, unreadRows: UnreadRow[] = []) => {
    const noted: Noted = { found: { ...failure, path }, weight, ...(unreadRows.length > 0 ? { unreadRows } : null) };
    if (ledToKeptCharter(path, endedAt)) kept.atPath = noted;
    if (weight > 0 && weight >= problem.weight) problem = noted;
  };
  // The paths not reached (no connection, or too slow), each with its failure.
  const notReached: Array<{ path: string; failure: PageFailure }> = [];
  for (const path of CHARTER_PATHS) {
    const page = await fetchCharterPage(`https://${host}${path}`, fetchImpl);
    if ('problem' in page) {
      note(page.problem, path, page.weight, page.url);
      if (page.weight === 0) notReached.push({ path, failure: page.problem });
      continue;
    }
    // Said as such: "no cookie table" would send a charter's author looking for a table in a page with nothing.
    if (isBlankText(page.body)) {
      note({ kind: 'empty' }, path, 2, page.url);
      continue;
    }
    try {
      const read = readLivePage(page.body, page.contentType);
      // Rows of a table none of which could be read are kept too, on the failure: all the page tells.
      if (read.charter === null) {
        note({ kind: 'no-rows', reason: read.noRows }, path, 3, page.url, read.unreadRows);
        continue;
      }
      const { charter, unreadRows } = read;
      // The rows not read are kept: without them a cookie declared in one would be said to be in no charter, and nothing would say why.
      return { host, fetchedAt: now(), url: page.url, path, charter, problem: null, ...(unreadRows.length > 0 ? { unreadRows } : null) };
    } catch (error) {
      note(pageFailureOfError(error), path, 2, page.url);
    }
  }
  // The path that led to the kept charter decides, whatever the other path did: a failure that may
  // pass there (no connection, a server error) keeps the charter beside it (afterAttempt); an answer
  // that is no charter (a 404, a page with no table, a redirect off the platform) says it is gone.
  // Not the other path's request ending at the kept page: addresses are kept without query values
  // and path parameters (pageAddress), so two pages (`?tab=cookies`, `?tab=information`) may read
  // as one (tried on 2026-12-06 and reverted: it dropped a charter whose own path only erred).
  const decisive = kept.atPath;
  if (decisive !== null) problem = decisive;
  else if (notReached.length > 0) {
    // 404s at some paths say nothing of one the connection failed to reach (or that was too slow):
    // the charter may be there (most portals publish it at the first). That failure is said
    // instead, a passing one: the charter read before is kept (afterAttempt), as after a server
    // error. Reached nowhere: the first path's failure, with no path.
    const first = notReached[0]!;
    const onlyNotFound = problem.found.kind === 'http' && problem.found.status === 404;
    if (onlyNotFound) problem = { found: { ...first.failure, path: first.path }, weight: 0 };
    else if (problem.weight === 0) problem = { found: first.failure, weight: 0 };
  }
  const { unreadRows } = problem;
  return { host, fetchedAt: now(), url: null, charter: null, problem: problem.found, ...(unreadRows ? { unreadRows } : null) };
}

/** Why a fetched page gave no charter, from what reading it threw (the charter CLI says the same of an HTML page). */
export function pageFailureOfError(error: unknown): PageFailure {
  if (!(error instanceof CharterError)) return { kind: 'unreadable' };
  switch (error.kind) {
    case 'no-table':
    case 'no-entries':
    case 'empty':
      return { kind: 'no-table' };
    case 'binary':
    case 'not-utf8':
      return { kind: 'not-text' };
    case 'too-large':
      return { kind: 'unreadable' }; // not reached: a page within MAX_CHARTER_PAGE_BYTES is within the text limit
  }
}

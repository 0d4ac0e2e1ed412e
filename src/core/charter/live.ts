/**
 * Reading a portal's live charter: where the platform publishes it, and what a fetch attempt
 * leaves behind (kept in storage.session, so one fetch serves every popup for a day).
 */
import { CharterError } from './errors.ts';
import { htmlToText } from './html-to-text.ts';
import { parseCharter } from './parse.ts';
import type { ParsedCharter } from './types.ts';

/** Paths where portals publish their charter, in the order they are tried. */
export const CHARTER_PATHS = ['/terms/cookies-policy/', '/terms/cookies-information'] as const;

/** A successful read is trusted for a day; a failed one is retried after ten minutes. */
export const LIVE_CHARTER_MAX_AGE_MS = 24 * 3600 * 1000;
export const LIVE_CHARTER_RETRY_MS = 10 * 60 * 1000;

/** Largest charter page read: real ones are a few tens of kilobytes. */
export const MAX_CHARTER_PAGE_BYTES = 2_000_000;

/** The outcome of the last attempt to read a site's live charter. */
export type LiveCharterRecord = {
  /** Site host. */
  host: string;
  /** When the attempt finished (ms since the epoch). */
  fetchedAt: number;
  /** Page the charter was read from; null when none could be read. */
  url: string | null;
  /** The charter read; null when the attempt failed. */
  charter: ParsedCharter | null;
  /** Why no charter was read ("HTTP 404", "network error", "no cookie table"); null on success. */
  problem: string | null;
};

/** True when the record should be fetched again. */
export function isStale(record: LiveCharterRecord | undefined, now: number): boolean {
  if (!record) return true;
  return now - record.fetchedAt > (record.charter ? LIVE_CHARTER_MAX_AGE_MS : LIVE_CHARTER_RETRY_MS);
}

/** Reads a charter page (HTML, or plain text for a charter served as text). Throws CharterError. */
export function readCharterPage(body: string, contentType: string | null): ParsedCharter {
  const isHtml = (contentType ?? '').includes('html') || /^\s*<(!doctype|html|head|body)/i.test(body);
  return parseCharter(isHtml ? htmlToText(body) : body);
}

/** A response's text, reading no more than `limit` bytes of it (a huge page is cut, not swallowed whole). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return (await response.text()).slice(0, limit);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (received >= limit) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}

/** The fetch we need: the URL, and options that keep the request anonymous. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Tries the charter paths in order, over https only: a charter read over plain http could be
 * forged on the way to declare every cookie and silence the findings. Requests carry no cookies
 * and store none, so reading a charter never changes what the site's record shows. Never
 * throws: failures are described in `problem`.
 */
export async function fetchLiveCharter(host: string, fetchImpl: FetchLike, now: () => number = Date.now): Promise<LiveCharterRecord> {
  // Of several failures, report the one that explains most: a page without a table or a server
  // error over a 404, a 404 over a connection that failed; the later one on a tie.
  let problem = { text: 'network error (offline, or the site cannot be reached)', weight: 0 };
  const note = (text: string, weight: number) => {
    if (weight >= problem.weight) problem = { text, weight };
  };
  for (const path of CHARTER_PATHS) {
    const url = `https://${host}${path}`;
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: AbortSignal.timeout(10_000) });
      if (!response.ok) {
        note(`HTTP ${response.status} at ${path}`, response.status === 404 ? 1 : 2);
        continue;
      }
      body = await readCapped(response, MAX_CHARTER_PAGE_BYTES);
    } catch {
      continue; // no connection, or it broke while reading: the network error stands
    }
    try {
      return { host, fetchedAt: now(), url: response.url || url, charter: readCharterPage(body, response.headers.get('content-type')), problem: null };
    } catch (error) {
      note(error instanceof CharterError ? `no cookie table at ${path}` : `unreadable page at ${path}`, 2);
    }
  }
  return { host, fetchedAt: now(), url: null, charter: null, problem: problem.text };
}

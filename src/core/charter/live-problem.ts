import { noReadableRowOf, noReadableRowText, type NoReadableRow } from './unread-reason.ts';

/**
 * Why a portal's live charter could not be read: a closed set of causes, each with the detail
 * worth showing (an HTTP status, a size limit, where a redirect went, which path), kept as data so
 * the popup words it in its own language and the exports and the CLI in English (liveProblemText).
 */

/** Why one charter page gave no charter. */
export type PageFailure =
  /** Offline, the site cannot be reached, or the connection broke while the page was read. */
  | { kind: 'network' }
  /** The page took longer than the read's limit (10 s) to answer: a slow server, not one out of reach. */
  | { kind: 'timeout' }
  /** Redirected where a charter cannot be trusted; `to` is the origin it went to (`http://host`), null when not an address. */
  | { kind: 'redirected'; to: string | null }
  /** The server answered with an error status. */
  | { kind: 'http'; status: number }
  /** The page is larger than `limit` bytes: refused, not cut. */
  | { kind: 'too-large'; limit: number }
  /**
   * The charter read from the page would take more than `limit` bytes of storage.session (each
   * entry repeats its row's purpose: a page within every limit can make megabytes): not kept.
   */
  | { kind: 'too-large-to-keep'; limit: number }
  /** The server answered with nothing, or only white space. */
  | { kind: 'empty' }
  /** The page holds no cookie table. */
  | { kind: 'no-table' }
  /**
   * The page holds a cookie table, but none of its rows could be read: `reason` says which tables
   * and the first row not read, as data (in English "no readable cookie row in the table at line 3
   * (line 4: …)"); in a record an older version stored, that English text.
   */
  | { kind: 'no-rows'; reason: NoReadableRow | string }
  /** The page is binary data, or not UTF-8. */
  | { kind: 'not-text' }
  /** Any other reason the page could not be read. */
  | { kind: 'unreadable' };

/**
 * Why no live charter was read: the page failure that explains most, with the charter path it
 * happened at (none for a network error met at every path); 'unknown' for a record an older
 * version stored as English text, or anything else not understood.
 */
export type LiveCharterProblem = (PageFailure & { path?: string }) | { kind: 'unknown' };

/** A redirect's origin, as finalUrlProblem writes it: `https://host` is another site, anything else is not https. */
export function redirectedToAnotherSite(to: string): boolean {
  return to.startsWith('https:');
}

/** A page failure in English words ("HTTP 404", "page larger than 2,000,000 bytes"), for the CLI and the exports. */
export function pageFailureText(failure: PageFailure): string {
  switch (failure.kind) {
    case 'network':
      return 'network error (offline, or the site cannot be reached)';
    case 'timeout':
      return 'the charter page took too long to answer';
    case 'redirected':
      if (failure.to === null) return 'redirected to an invalid address';
      return `redirected to ${failure.to}, ${redirectedToAnotherSite(failure.to) ? 'another site' : 'not https'}`;
    case 'http':
      return `HTTP ${failure.status}`;
    case 'too-large':
      return `page larger than ${failure.limit.toLocaleString('en')} bytes`;
    case 'too-large-to-keep':
      return `charter over ${failure.limit.toLocaleString('en')} bytes once read, too large to keep`;
    case 'empty':
      return 'the page is empty';
    case 'no-table':
      return 'no cookie table';
    case 'no-rows':
      return noRowsText(failure.reason);
    case 'not-text':
      return 'not a text page (binary data, or not UTF-8)';
    case 'unreadable':
      return 'unreadable page';
  }
}

/** Longest no-rows reason in English a live charter's problem gives: its first unread row's reason may quote a long cell. */
const MAX_NO_ROWS_REASON_LENGTH = 500;

/** Why no table of a live charter gave a row, in English, cut to MAX_NO_ROWS_REASON_LENGTH (an older version's text as it is). */
export function noRowsText(reason: NoReadableRow | string): string {
  if (typeof reason === 'string') return reason;
  const text = noReadableRowText(reason);
  return text.length > MAX_NO_ROWS_REASON_LENGTH ? `${text.slice(0, MAX_NO_ROWS_REASON_LENGTH)}…` : text;
}

/** A live charter's problem in English words ("HTTP 404 at /terms/cookies-information"), as the JSON export keeps it. */
export function liveProblemText(problem: LiveCharterProblem): string {
  if (problem.kind === 'unknown') return 'could not be read';
  const text = pageFailureText(problem);
  return problem.path === undefined ? text : `${text} at ${problem.path}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The failure a stored value describes, or null when it is none of ours. */
function pageFailureOf(stored: Record<string, unknown>): PageFailure | null {
  switch (stored.kind) {
    case 'network':
    case 'timeout':
    case 'empty':
    case 'no-table':
    case 'not-text':
    case 'unreadable':
      return { kind: stored.kind };
    case 'redirected':
      return typeof stored.to === 'string' || stored.to === null ? { kind: 'redirected', to: stored.to } : null;
    case 'no-rows': {
      const reason = typeof stored.reason === 'string' ? stored.reason : noReadableRowOf(stored.reason);
      return reason === null ? null : { kind: 'no-rows', reason };
    }
    case 'http':
      return Number.isInteger(stored.status) ? { kind: 'http', status: stored.status as number } : null;
    case 'too-large':
    case 'too-large-to-keep':
      return Number.isFinite(stored.limit) ? { kind: stored.kind, limit: stored.limit as number } : null;
    default:
      return null;
  }
}

/**
 * A live charter record's problem as stored: null for none; a problem of this version as it is;
 * anything else (the English text an older version stored, a broken value) as 'unknown', so no
 * reader shows "undefined" or fails on it.
 */
export function liveProblemOf(stored: unknown): LiveCharterProblem | null {
  if (stored === null || stored === undefined) return null;
  if (!isRecord(stored)) return { kind: 'unknown' };
  const failure = pageFailureOf(stored);
  if (failure === null) return { kind: 'unknown' };
  return typeof stored.path === 'string' ? { ...failure, path: stored.path } : failure;
}

/** What an attempt to read a site's live charter leaves behind, and when it is read again (no parser: the worker loads that when it fetches). */
import type { LiveCharterProblem } from './live-problem.ts';
import type { UnreadRow } from './parse.ts';
import type { ParsedCharter } from './types.ts';
import { isFiniteNumber, isObject, isString } from '../value-shape.ts';

/** A successful read is trusted for a day; a failed one is retried after ten minutes. */
export const LIVE_CHARTER_MAX_AGE_MS = 24 * 3600 * 1000;
export const LIVE_CHARTER_RETRY_MS = 10 * 60 * 1000;

/** The outcome of the last attempt to read a site's live charter. */
export type LiveCharterRecord = {
  /** Site host. */
  host: string;
  /** When the attempt finished (ms since the epoch). */
  fetchedAt: number;
  /** Page the charter was read from; null when none could be read. */
  url: string | null;
  /**
   * The charter path (CHARTER_PATHS) whose request gave the charter, wherever its redirects ended
   * (`url`): the next read judges the kept charter by what that path answers then. Absent when no
   * charter was read, and in a record an older version stored (then judged by `url`).
   */
  path?: string;
  /** The charter read; null when the attempt failed. */
  charter: ParsedCharter | null;
  /**
   * Rows of that charter the parser could not read (line, shortened text, reason; at most
   * MAX_UNREAD_ROWS_LISTED and the note counting the rest): a cookie declared in one of them is
   * not in `charter`. On a failed read, the rows of a table none of whose rows could be read
   * (`problem` 'no-rows'). Absent when every row was read, when no charter and no such table
   * was, and in a record an older version stored.
   */
  unreadRows?: UnreadRow[];
  /**
   * Why no charter was read (an HTTP status, a network error, no cookie table, at which path); null
   * on success. A record an older version stored holds English text here: read it through liveProblemOf.
   */
  problem: LiveCharterProblem | null;
  /**
   * When the last attempt failed while the charter read at `fetchedAt` is kept (a network error or
   * a server error: `problem` says which); absent otherwise.
   */
  failedAt?: number;
  /**
   * Names this attempt among every record of its host (live-charters.ts gives each stored one a
   * new name): a report built from a record is known by it (report-memo.ts), whatever the clock
   * did between two attempts. Absent in a record an older version stored.
   */
  attempt?: string;
};

/**
 * True when the record should be fetched again: a charter after a day, a failure (even beside a
 * kept charter) after ten minutes, and one dated after `now`: the clock was set back since (NTP, a
 * machine resumed), so how old it is is not known, and a failed read must not wait out the step;
 * so is one whose time is not a number.
 */
export function isStale(record: LiveCharterRecord | undefined, now: number): boolean {
  if (!record) return true;
  const at = record.failedAt ?? record.fetchedAt;
  // A time that is no number (what storage should not hold) is no age either: NaN is never old.
  if (!Number.isFinite(at) || at > now) return true;
  const maxAge = record.failedAt !== undefined || !record.charter ? LIVE_CHARTER_RETRY_MS : LIVE_CHARTER_MAX_AGE_MS;
  return now - at > maxAge;
}

const isStringOrNull = (value: unknown) => value === null || isString(value);
const MATCHES: ReadonlySet<unknown> = new Set(['exact', 'prefix']);
const CATEGORIES: ReadonlySet<unknown> = new Set(['necessary', 'statistics', 'third-party', 'other']);
const LANGUAGES: ReadonlySet<unknown> = new Set(['fr', 'en', null]);

/** A charter's entry as the parser writes it (CharterEntry): what the verdicts are matched against. */
const isCharterEntry = (entry: unknown) =>
  isObject(entry) &&
  isString(entry.provider) &&
  isStringOrNull(entry.service) &&
  isString(entry.cookie) &&
  MATCHES.has(entry.match) &&
  isString(entry.purpose) &&
  isStringOrNull(entry.duration) &&
  CATEGORIES.has(entry.category);

const isCharter = (charter: unknown) =>
  isObject(charter) &&
  isStringOrNull(charter.portal) &&
  LANGUAGES.has(charter.language) &&
  Array.isArray(charter.entries) &&
  charter.entries.every(isCharterEntry);

/** A row not read, as far as its record is checked: copyUnreadRow reads its reason and entries as it finds them. */
const isUnreadRow = (row: unknown) =>
  isObject(row) && typeof row.line === 'number' && isString(row.text) && (row.more === undefined || typeof row.more === 'number');

/**
 * Whether a value read from storage is a record as this version, or an older one, stores it,
 * checked field by field. Its problem and its rows not read are read through liveProblemOf and
 * copyUnreadRow, which take what they find (an older version's English text): only their
 * container is checked here. Anything else (what storage should not hold) counts as no record.
 */
export function isLiveCharterRecord(value: unknown): value is LiveCharterRecord {
  return (
    isObject(value) &&
    isString(value.host) &&
    isFiniteNumber(value.fetchedAt) &&
    isStringOrNull(value.url) &&
    (value.path === undefined || isString(value.path)) &&
    (value.charter === null || isCharter(value.charter)) &&
    (value.unreadRows === undefined || (Array.isArray(value.unreadRows) && value.unreadRows.every(isUnreadRow))) &&
    (value.problem === null || isString(value.problem) || isObject(value.problem)) &&
    (value.failedAt === undefined || isFiniteNumber(value.failedAt)) &&
    (value.attempt === undefined || isString(value.attempt))
  );
}

/**
 * The record to keep after an attempt: the attempt itself, unless it failed for a reason that says
 * nothing about the charter (offline, a server error) while an earlier charter was read: then that
 * charter stays, with the problem beside it, rather than the site losing its charter to a blip.
 */
export function afterAttempt(previous: LiveCharterRecord | null, attempt: LiveCharterRecord): LiveCharterRecord {
  if (attempt.charter !== null || !previous?.charter || !isPassing(attempt.problem)) return attempt;
  return { ...previous, problem: attempt.problem, failedAt: attempt.fetchedAt };
}

/**
 * HTTP statuses that refuse this read, not the page: a sign-in or a firewall's bot check (401,
 * 403), a timeout (408), too many requests (429). Beside the server's own errors (5xx).
 */
const REFUSED_FOR_NOW = [401, 403, 408, 429];

/**
 * A failure that may be gone on the next try: no answer, or none in time, the server's own error,
 * this read refused, or one the charter does not explain (the worker could not read or keep it).
 */
function isPassing(problem: LiveCharterProblem | null): boolean {
  if (problem === null) return false;
  return (
    problem.kind === 'unknown' ||
    problem.kind === 'network' ||
    problem.kind === 'timeout' ||
    (problem.kind === 'http' && (problem.status >= 500 || REFUSED_FOR_NOW.includes(problem.status)))
  );
}

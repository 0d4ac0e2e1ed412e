/** What an attempt to read a site's live charter leaves behind, and when it is read again (no parser: the worker loads that when it fetches). */
import type { LiveCharterProblem } from './live-problem.ts';
import type { ParsedCharter } from './types.ts';

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
  /** The charter read; null when the attempt failed. */
  charter: ParsedCharter | null;
  /**
   * Why no charter was read (an HTTP status, a network error, no cookie table, at which path); null
   * on success. A record an older version stored holds English text here: read it through liveProblemOf.
   */
  problem: LiveCharterProblem | null;
};

/** True when the record should be fetched again. */
export function isStale(record: LiveCharterRecord | undefined, now: number): boolean {
  if (!record) return true;
  return now - record.fetchedAt > (record.charter ? LIVE_CHARTER_MAX_AGE_MS : LIVE_CHARTER_RETRY_MS);
}

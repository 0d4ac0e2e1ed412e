import { afterAttempt, isStale, type LiveCharterRecord } from '../core/charter/live-record.ts';
import { keepableLiveCharter } from '../core/storage/record-limit.ts';
import { liveCharterItem, type SessionArea } from '../core/storage/session-items.ts';
import { WriteTooLargeError } from './site-store.ts';

/** Live charters: read from storage.session, fetched when missing or stale, one fetch per host at a time. */
export type LiveCharters = {
  /** The last attempt for `host`, if any. */
  get(host: string): Promise<LiveCharterRecord | null>;
  /** Fetches the charter when it is missing or stale (or always, with `force`); resolves when stored. */
  refresh(host: string, force?: boolean): Promise<LiveCharterRecord>;
  /** True while a read of `host`'s charter is under way, or asked for with `force` (not while a refresh finds the stored one fresh): it ends in a storage change. */
  pending(host: string): boolean;
};

/** Fetches and reads a portal's charter now (core/charter/live.ts, fetchLiveCharter): never throws, says what failed. */
export type ReadCharter = (
  host: string,
  now: () => number,
  /** The record whose charter is kept, if any: the read judges it by the path that led to it (fetchLiveCharter). */
  readBefore: LiveCharterRecord | null,
) => Promise<LiveCharterRecord>;

/** An attempt that read nothing, for no reason the charter gives ('unknown': "could not be read"). */
const notRead = (host: string, at: number): LiveCharterRecord => ({
  host,
  fetchedAt: at,
  url: null,
  charter: null,
  problem: { kind: 'unknown' },
});

/**
 * @param readCharter the charter reader; the worker imports it when first needed (later-parts.ts),
 *   not at every wake
 */
export function createLiveCharters(session: SessionArea, readCharter: ReadCharter, now: () => number = Date.now): LiveCharters {
  // Fetches under way (not state: a restarted worker simply fetches again).
  const inFlight = new Map<string, { work: Promise<LiveCharterRecord>; forced: boolean }>();
  // Reads under way (a fetch, then its outcome stored), by host: what `pending` says.
  const reading = new Map<string, number>();

  /** An unreadable record, or one of another shape (liveCharterItem's decode), counts as none: the charter is fetched again (and the record written over). */
  const get = (host: string): Promise<LiveCharterRecord | null> => liveCharterItem(host).get(session);

  /** Reads `host`'s charter and stores the outcome (`current`: the record stored before, if any). */
  async function readAndKeep(host: string, current: LiveCharterRecord | null): Promise<LiveCharterRecord> {
    // A read that cannot be made (the worker's second script, the reader, not loaded) is a failed
    // attempt, stored as any other: the pages told the read was under way hear its end (they
    // follow storage changes) and say it failed, where they said "being read" for ever.
    const attempt = await readCharter(host, now, current?.charter ? current : null).catch(() => notRead(host, now()));
    // A network blip keeps the charter read before, with the problem beside it.
    const read: LiveCharterRecord = { ...afterAttempt(current, attempt), attempt: crypto.randomUUID() };
    // One storage should not hold is not kept: its refusal is, as any failed read, so it is not read again at every tab shown.
    const record = keepableLiveCharter(read);
    try {
      await liveCharterItem(host).set(session, record);
      return record;
    } catch (error) {
      // Within its own limit, but more than the store's whole budget: refused before any site's
      // record was dropped for it. Kept as that refusal only when this count agrees it passes
      // the budget; any other error stands.
      const refusal = error instanceof WriteTooLargeError ? keepableLiveCharter(record, error.limitBytes) : record;
      if (refusal !== record) {
        await liveCharterItem(host).set(session, refusal);
        return refusal;
      }
      // Refused for another reason (storage.session over its quota). Storage may hold it all the
      // same (Firefox writes item by item): then it is this read's outcome (the badges follow it).
      // When storage cannot even say, nothing is written over what it may hold: the error stands.
      let held: LiveCharterRecord | null;
      try {
        held = await get(host);
      } catch {
        throw error;
      }
      if (held && held.attempt === record.attempt) return held;
      // Else this failure to keep it is stored instead, no larger than the record it replaces, so
      // that the pages hear the read ended; if even that is refused, the error stands.
      const failure: LiveCharterRecord = { ...afterAttempt(current, notRead(host, now())), attempt: crypto.randomUUID() };
      try {
        await liveCharterItem(host).set(session, failure);
      } catch {
        throw error;
      }
      return failure;
    }
  }

  function refresh(host: string, force = false): Promise<LiveCharterRecord> {
    const running = inFlight.get(host);
    // A forced read joins a forced one; after an ordinary one (which may just return the cache) it runs again.
    if (running && (running.forced || !force)) return running.work;
    const previous = running?.work.catch(() => undefined);
    // Registered before the first await, so concurrent callers share this one.
    const work = (async () => {
      await previous;
      const current = await get(host);
      if (current && !force && !isStale(current, now())) return current;
      // Pending while it reads: a page told so hears the read's end as its record's storage change,
      // which a refresh finding the stored record still fresh never makes.
      reading.set(host, (reading.get(host) ?? 0) + 1);
      try {
        return await readAndKeep(host, current);
      } finally {
        const left = (reading.get(host) ?? 1) - 1;
        if (left > 0) reading.set(host, left);
        else reading.delete(host);
      }
    })().finally(() => {
      if (inFlight.get(host)?.work === work) inFlight.delete(host);
    });
    inFlight.set(host, { work, forced: force });
    return work;
  }

  // A forced read always reads, even queued behind an ordinary refresh: pending from when it is asked.
  return { get, refresh, pending: (host) => reading.has(host) || inFlight.get(host)?.forced === true };
}

import { fetchLiveCharter, isStale, type FetchLike, type LiveCharterRecord } from '../core/charter/live.ts';
import type { SessionArea } from './site-store.ts';

/** Storage key of a site's live-charter record. */
const charterKey = (host: string) => `charter:${host}`;

/** Live charters: read from storage.session, fetched when missing or stale, one fetch per host at a time. */
export type LiveCharters = {
  /** The last attempt for `host`, if any. */
  get(host: string): Promise<LiveCharterRecord | null>;
  /** Fetches the charter when it is missing or stale (or always, with `force`); resolves when stored. */
  refresh(host: string, force?: boolean): Promise<LiveCharterRecord>;
  /** True while a refresh for `host` is under way. */
  pending(host: string): boolean;
};

export function createLiveCharters(session: SessionArea, fetchImpl: FetchLike, now: () => number = Date.now): LiveCharters {
  // Fetches under way (not state: a restarted worker simply fetches again).
  const inFlight = new Map<string, { work: Promise<LiveCharterRecord>; forced: boolean }>();

  async function get(host: string): Promise<LiveCharterRecord | null> {
    const stored = (await session.read([charterKey(host)]))[charterKey(host)];
    if (stored === undefined) return null;
    if (typeof stored !== 'string') return stored as LiveCharterRecord; // written as an object by an earlier version
    try {
      return JSON.parse(stored) as LiveCharterRecord;
    } catch {
      return null; // unreadable: fetched again
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
      const record = await fetchLiveCharter(host, fetchImpl, now);
      // As JSON text: storage counts a string by its length, an object by far more (session-quota.ts).
      await session.write({ [charterKey(host)]: JSON.stringify(record) });
      return record;
    })().finally(() => {
      if (inFlight.get(host)?.work === work) inFlight.delete(host);
    });
    inFlight.set(host, { work, forced: force });
    return work;
  }

  return { get, refresh, pending: (host) => inFlight.has(host) };
}

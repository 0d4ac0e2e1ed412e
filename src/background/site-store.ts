import { appendTimeline, emptySite, type SiteRecord } from '../core/cookies/site-record.ts';
import { createDebouncedWriter } from './debounced-writer.ts';

/** Storage keys of site records: `site:<storeId>|<host>`. */
const SITE_KEY_PREFIX = 'site:';

/** The key of a site record in storage.session. */
export function siteKey(storeId: string, host: string): string {
  return `${SITE_KEY_PREFIX}${storeId}|${host}`;
}

/** The host a site key names. */
function hostOfKey(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

/** The session storage calls the store needs (a fake in tests, storage.session in the worker). */
export type SessionArea = {
  read(keys: string[] | null): Promise<Record<string, unknown>>;
  write(items: Record<string, unknown>): Promise<void>;
};

/** Site records, restored from storage.session on wake and written back through one writer. */
export type SiteStore = {
  /** Restores the records from storage; call once, before anything else. */
  load(): Promise<void>;
  /** The record of `host` in cookie store `storeId`, or an empty one. */
  get(storeId: string, host: string): SiteRecord;
  /** Hosts that have a record, in any store (cheap: reads no record). */
  hosts(): Set<string>;
  /** Every record held. */
  all(): SiteRecord[];
  /** Replaces a record and queues it for writing. */
  put(site: SiteRecord): void;
  /** Marks, in every record with events, that the worker was stopped and started again. */
  markRestart(now: number): void;
  /** Writes what is queued now. */
  flush(): Promise<void>;
};

/**
 * The in-memory map is a read cache of storage.session, rebuilt by `load()` each time the
 * worker wakes: storage stays the source of truth, and reads during a burst of events stay cheap.
 * Writes are batched: what changes while one write is under way goes in the next.
 *
 * Each record is stored as one JSON string, and parsed only when first used: the browser
 * copies one string far faster than thousands of small objects, and a wake-up for one cookie
 * event on one portal need not read every portal's record. That keeps the time to `ready` low.
 */
export function createSiteStore(session: SessionArea, writeDelayMs = 20): SiteStore {
  /** Parsed records, or the stored JSON text of records not used yet. */
  const cache = new Map<string, SiteRecord | string>();
  /** When the worker restarted, for records parsed later (they get the marker then). */
  let restartedAt: number | null = null;
  const writer = createDebouncedWriter(
    (items) => session.write(Object.fromEntries(Object.entries(items).map(([key, site]) => [key, JSON.stringify(site)]))),
    writeDelayMs,
  );

  function put(site: SiteRecord): void {
    const key = siteKey(site.storeId, site.host);
    cache.set(key, site);
    writer.schedule(key, site);
  }

  function parsed(key: string): SiteRecord | undefined {
    const value = cache.get(key);
    if (typeof value !== 'string') return value;
    let site: SiteRecord;
    try {
      site = JSON.parse(value) as SiteRecord;
    } catch {
      // A record that cannot be read is dropped, not fatal: the next cookie scan rebuilds it.
      cache.delete(key);
      return undefined;
    }
    if (restartedAt !== null && site.timeline.length > 0) put(appendTimeline(site, { type: 'worker-restart', at: restartedAt }));
    else cache.set(key, site);
    return site;
  }

  return {
    async load() {
      const stored = await session.read(null);
      for (const [key, value] of Object.entries(stored)) {
        if (key.startsWith(SITE_KEY_PREFIX)) cache.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    },
    get: (storeId, host) => parsed(siteKey(storeId, host)) ?? emptySite(host, storeId),
    hosts: () => new Set([...cache.keys()].map(hostOfKey)),
    all: () => [...cache.keys()].flatMap((key) => parsed(key) ?? []),
    put,
    markRestart(now) {
      restartedAt = now;
      for (const value of cache.values()) {
        if (typeof value !== 'string' && value.timeline.length > 0) put(appendTimeline(value, { type: 'worker-restart', at: now }));
      }
    },
    flush: () => writer.flush(),
  };
}

import { emptySite, type SiteRecord } from '../core/cookies/site-record.ts';
import { createDebouncedWriter } from './debounced-writer.ts';

/** Storage keys of site records: `site:<storeId>|<host>`. */
const SITE_KEY_PREFIX = 'site:';

/** The key of a site record in storage.session. */
export function siteKey(storeId: string, host: string): string {
  return `${SITE_KEY_PREFIX}${storeId}|${host}`;
}

/** The session storage calls the store needs (a fake in tests, storage.session in the worker). */
export type SessionArea = {
  read(keys: string[] | null): Promise<Record<string, unknown>>;
  write(items: Record<string, unknown>): Promise<void>;
};

/** Site records, restored from storage.session on wake and written back through one writer. */
export type SiteStore = {
  /** Restores every site record from storage; call once, before anything else. */
  load(): Promise<void>;
  /** The record of `host` in cookie store `storeId`, or an empty one. */
  get(storeId: string, host: string): SiteRecord;
  /** Every record held. */
  all(): SiteRecord[];
  /** Replaces a record and queues it for writing. */
  put(site: SiteRecord): void;
  /** Writes what is queued now. */
  flush(): Promise<void>;
};

/**
 * The in-memory map is a read cache of storage.session, rebuilt by `load()` each time the
 * worker wakes: storage stays the source of truth, and reads during a burst of events stay cheap.
 * Writes are batched: what changes while one write is under way goes in the next.
 */
export function createSiteStore(session: SessionArea, writeDelayMs = 20): SiteStore {
  const cache = new Map<string, SiteRecord>();
  const writer = createDebouncedWriter((items) => session.write(items), writeDelayMs);
  return {
    async load() {
      const stored = await session.read(null);
      for (const [key, value] of Object.entries(stored)) {
        if (key.startsWith(SITE_KEY_PREFIX)) cache.set(key, value as SiteRecord);
      }
    },
    get: (storeId, host) => cache.get(siteKey(storeId, host)) ?? emptySite(host, storeId),
    all: () => [...cache.values()],
    put(site) {
      const key = siteKey(site.storeId, site.host);
      cache.set(key, site);
      writer.schedule(key, site);
    },
    flush: () => writer.flush(),
  };
}

import { emptySite, type SiteRecord } from '../core/cookies/site-record.ts';
import { createDebouncedWriter } from './debounced-writer.ts';

/** Storage keys of site records: `site:<host>`. */
const SITE_KEY_PREFIX = 'site:';

/** The session storage calls the store needs (a fake in tests, storage.session in the worker). */
export type SessionArea = {
  read(keys: string[] | null): Promise<Record<string, unknown>>;
  write(items: Record<string, unknown>): Promise<void>;
};

/** Site records, restored from storage.session on wake and written back through one writer. */
export type SiteStore = {
  /** Restores every site record from storage; call once, before anything else. */
  load(): Promise<void>;
  /** The record of `host`, or an empty one. */
  get(host: string): SiteRecord;
  /** Hosts that have a record. */
  hosts(): string[];
  /** Replaces the record of `host` and queues it for writing. */
  put(site: SiteRecord): void;
  /** Writes what is queued now. */
  flush(): Promise<void>;
};

/**
 * The in-memory map is a read cache of storage.session, rebuilt by `load()` each time the
 * worker wakes: storage stays the source of truth, and reads during a burst of events stay cheap.
 */
export function createSiteStore(session: SessionArea, writeDelayMs = 100): SiteStore {
  const cache = new Map<string, SiteRecord>();
  const writer = createDebouncedWriter((items) => session.write(items), writeDelayMs);
  return {
    async load() {
      const stored = await session.read(null);
      for (const [key, value] of Object.entries(stored)) {
        if (key.startsWith(SITE_KEY_PREFIX)) cache.set(key.slice(SITE_KEY_PREFIX.length), value as SiteRecord);
      }
    },
    get: (host) => cache.get(host) ?? emptySite(host),
    hosts: () => [...cache.keys()],
    put(site) {
      cache.set(site.host, site);
      writer.schedule(SITE_KEY_PREFIX + site.host, site);
    },
    flush: () => writer.flush(),
  };
}

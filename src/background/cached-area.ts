import type { FullSessionArea } from '../core/storage/session-items.ts';

/** A read cache of a session area. */
export type CachedArea = FullSessionArea & {
  /** Forgets `keys`: another writer below this cache removed them (the store, to make room). */
  forget(keys: readonly string[]): void;
};

/** A key read and found absent. */
const ABSENT = Symbol('absent');

/**
 * A read cache of storage.session for what the popup's request reads at every open (a site's
 * live charter, its kept run): each read is a round trip to the browser, which is busy loading
 * the very page that asked. Storage stays the source of truth, and the worker its only writer
 * (pages only read it), as for the site records (site-store.ts): the cache holds only what a read
 * returned, drops a key whenever this worker writes or removes it, and starts empty at each
 * wake. A read under way when its key is written does not fill the cache (each key's generation
 * is checked), so it never holds an older value than storage. Only text values are kept (stored
 * records are JSON text, which nobody can change in place); `read(null)` always goes to storage.
 */
export function createCachedArea(area: FullSessionArea): CachedArea {
  const kept = new Map<string, unknown>();
  const generations = new Map<string, number>();
  const generation = (key: string) => generations.get(key) ?? 0;
  const drop = (keys: readonly string[]) => {
    for (const key of keys) {
      kept.delete(key);
      generations.set(key, generation(key) + 1);
    }
  };

  return {
    forget: drop,
    async read(keys) {
      if (keys === null) return area.read(null);
      const missing = keys.filter((key) => !kept.has(key));
      const started = new Map(missing.map((key) => [key, generation(key)]));
      const fresh = missing.length > 0 ? await area.read(missing) : {};
      for (const key of missing) {
        const value = Object.hasOwn(fresh, key) ? fresh[key] : ABSENT;
        if (generation(key) === started.get(key) && (value === ABSENT || typeof value === 'string')) kept.set(key, value);
      }
      const values: Record<string, unknown> = {};
      for (const key of keys) {
        const value = Object.hasOwn(fresh, key) ? fresh[key] : kept.get(key);
        if (value !== undefined && value !== ABSENT) values[key] = value;
      }
      return values;
    },
    async write(items) {
      drop(Object.keys(items));
      try {
        await area.write(items);
      } finally {
        // Also after a refused write: storage may hold part of it (Firefox writes item by item).
        drop(Object.keys(items));
      }
    },
    async remove(keys) {
      drop(keys);
      try {
        await area.remove(keys);
      } finally {
        drop(keys);
      }
    },
  };
}

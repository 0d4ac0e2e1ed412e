import type { FullSessionArea } from '../../src/core/storage/session-items.ts';

/**
 * The quota rules of storage.session as measured in the real browsers (see
 * src/core/storage/session-quota.ts for the measurements), written here independently of the
 * extension's own estimate so a test can hold one against the other.
 */
export const QUOTA_RULES = {
  chrome: {
    quota: 10_485_760,
    /** Heap bytes of a key or string value: inline up to 22 UTF-8 bytes, 26 for 23, else UTF-8 + 1 rounded up to 8. */
    itemBytes: (key: string, value: string) => chromeString(key) + chromeString(value),
    /** Refused when the total would reach the quota. */
    refuses: (total: number) => total >= 10_485_760,
    error: 'Session storage quota bytes exceeded. Values were not stored.',
    /** One check for the whole call, which is written whole or not at all (SessionStorageManager::Set). */
    checksEachItem: false,
  },
  firefox: {
    quota: 10_485_760,
    /** Key characters + structured-clone size of the value (1 byte a character if all Latin-1, else 2 per unit) rounded up to 8, + 16. */
    itemBytes: (key: string, value: string) => cloneBytes(key) + Math.ceil(cloneBytes(value) / 8) * 8 + 16,
    /** Refused when the total would pass the quota. */
    refuses: (total: number) => total > 10_485_760,
    error: 'QuotaExceededError: storage.session API call exceeded its quota limitations.',
    /**
     * After checking the whole call, Firefox sets the items one by one and checks each again
     * (ExtensionStorage.sys.mjs, QuotaMap.set): one that grows the total past the quota before a
     * later one shrinks it is refused there, the items before it already written.
     */
    checksEachItem: true,
  },
} as const;

function chromeString(text: string): number {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes <= 22) return 0;
  return bytes === 23 ? 26 : Math.ceil((bytes + 1) / 8) * 8;
}

function cloneBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

export type FakeSession = FullSessionArea & {
  /** Read calls so far, and the keys each asked for (null: every key). */
  reads: (string[] | null)[];
  /** What is stored. */
  data: Record<string, unknown>;
  /** Write calls so far, refused ones included. */
  writes: number;
  /** Write calls refused for quota. */
  refused: number;
  /** The browser's count of the bytes in use (only with a quota rule). */
  bytesInUse(): number;
};

/** Whether the fake lists keys alone, as storage.session.getKeys does (Chromium 130+, Firefox 143+): true unless said otherwise. */
export type FakeSessionOptions = { listsKeys?: boolean };

/**
 * An in-memory storage.session: what survives when the worker is stopped. With `quota`, it
 * counts bytes and refuses writes as that browser does: the whole `set` call, keeping nothing.
 * With `listsKeys: false`, it has no `keys` (an older browser: the store reads every value at wake).
 */
export function fakeSession(
  initial: Record<string, unknown> = {},
  quota?: keyof typeof QUOTA_RULES,
  options: FakeSessionOptions = {},
): FakeSession {
  const rule = quota ? QUOTA_RULES[quota] : null;
  const cost = (key: string, value: unknown) => (rule ? rule.itemBytes(key, typeof value === 'string' ? value : JSON.stringify(value)) : 0);
  const area: FakeSession = {
    data: structuredClone(initial),
    reads: [],
    writes: 0,
    refused: 0,
    bytesInUse: () => Object.entries(area.data).reduce((sum, [key, value]) => sum + cost(key, value), 0),
    async read(keys: string[] | null) {
      area.reads.push(keys && [...keys]);
      const all = structuredClone(area.data);
      return keys ? Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])) : all;
    },
    async write(items: Record<string, unknown>) {
      area.writes++;
      const delta = (key: string, value: unknown) => cost(key, value) - (key in area.data ? cost(key, area.data[key]) : 0);
      if (rule) {
        let total = area.bytesInUse();
        for (const [key, value] of Object.entries(items)) total += delta(key, value);
        if (rule.refuses(total)) {
          area.refused++;
          throw new Error(rule.error);
        }
      }
      for (const [key, value] of Object.entries(structuredClone(items))) {
        if (rule?.checksEachItem && rule.refuses(area.bytesInUse() + delta(key, value))) {
          area.refused++;
          throw new Error(rule.error);
        }
        area.data[key] = value;
      }
    },
    async remove(keys: string[]) {
      for (const key of keys) delete area.data[key];
    },
  };
  if (options.listsKeys ?? true) area.keys = async () => Object.keys(area.data);
  return area;
}

import type { SessionArea } from '../../src/background/site-store.ts';

/** An in-memory storage.session: what survives when the worker is stopped. */
export function fakeSession(initial: Record<string, unknown> = {}): SessionArea & { data: Record<string, unknown>; writes: number } {
  const area = {
    data: structuredClone(initial),
    writes: 0,
    async read(keys: string[] | null) {
      const all = structuredClone(area.data);
      return keys ? Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])) : all;
    },
    async write(items: Record<string, unknown>) {
      area.writes++;
      Object.assign(area.data, structuredClone(items));
    },
  };
  return area;
}

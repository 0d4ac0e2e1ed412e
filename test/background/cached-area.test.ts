import { describe, expect, it } from 'vitest';
import { createCachedArea } from '../../src/background/cached-area.ts';
import type { FullSessionArea } from '../../src/core/storage/session-items.ts';

/** A storage.session that counts its reads and lets a test hold one open. */
function countingArea(data: Record<string, unknown> = {}) {
  let reads = 0;
  let hold: Promise<void> | null = null;
  const area: FullSessionArea = {
    async read(keys) {
      reads++;
      const snapshot = { ...data };
      if (hold) await hold;
      return Object.fromEntries(Object.entries(snapshot).filter(([key]) => keys === null || keys.includes(key)));
    },
    async write(items) {
      Object.assign(data, items);
    },
    async remove(keys) {
      for (const key of keys) delete data[key];
    },
  };
  return {
    area,
    data,
    reads: () => reads,
    holdReads: () => {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

describe('the worker’s read cache of storage.session', () => {
  it('reads a key from storage once, absent or present, and answers again from memory', async () => {
    const storage = countingArea({ 'charter:a': '{"x":1}' });
    const cached = createCachedArea(storage.area);
    expect(await cached.read(['charter:a', 'run:b'])).toEqual({ 'charter:a': '{"x":1}' });
    expect(await cached.read(['charter:a', 'run:b'])).toEqual({ 'charter:a': '{"x":1}' });
    expect(await cached.read(['charter:a'])).toEqual({ 'charter:a': '{"x":1}' });
    expect(storage.reads()).toBe(1);
  });

  it('writes and removes through, and reads those keys afresh after', async () => {
    const storage = countingArea({ 'charter:a': '"old"' });
    const cached = createCachedArea(storage.area);
    await cached.read(['charter:a']);
    await cached.write({ 'charter:a': '"new"' });
    expect(storage.data['charter:a']).toBe('"new"');
    expect(await cached.read(['charter:a'])).toEqual({ 'charter:a': '"new"' });
    await cached.remove(['charter:a']);
    expect(await cached.read(['charter:a'])).toEqual({});
    expect(storage.reads()).toBe(3);
  });

  it('forgets keys removed below it (the store makes room), and reads them afresh', async () => {
    const storage = countingArea({ 'run:0|a': '{"run":1}', 'charter:a': '{"x":1}' });
    const cached = createCachedArea(storage.area);
    await cached.read(['run:0|a', 'charter:a']);
    delete storage.data['run:0|a'];
    cached.forget(['run:0|a']);
    expect(await cached.read(['run:0|a', 'charter:a'])).toEqual({ 'charter:a': '{"x":1}' });
    expect(storage.reads()).toBe(2);
  });

  it('never keeps what a read returned when its key was written while the read was under way', async () => {
    const storage = countingArea({ 'charter:a': '"old"' });
    const cached = createCachedArea(storage.area);
    const release = storage.holdReads();
    const reading = cached.read(['charter:a']);
    await cached.write({ 'charter:a': '"new"' });
    release();
    // That read saw storage before the write: it answers so, and keeps nothing.
    expect(await reading).toEqual({ 'charter:a': '"old"' });
    expect(await cached.read(['charter:a'])).toEqual({ 'charter:a': '"new"' });
  });

  it('keeps only text (records are JSON text), and never caches a read of everything', async () => {
    const storage = countingArea({ legacy: { kept: false }, 'charter:a': '1' });
    const cached = createCachedArea(storage.area);
    await cached.read(['legacy']);
    await cached.read(['legacy']);
    expect(storage.reads()).toBe(2);
    await cached.read(null);
    await cached.read(null);
    expect(storage.reads()).toBe(4);
  });

  it('drops a key whose write was refused (storage may hold part of it)', async () => {
    const storage = countingArea({ 'charter:a': '"old"' });
    const cached = createCachedArea({ ...storage.area, write: () => Promise.reject(new Error('quota')) });
    await cached.read(['charter:a']);
    await expect(cached.write({ 'charter:a': '"new"' })).rejects.toThrow('quota');
    await cached.read(['charter:a']);
    expect(storage.reads()).toBe(2);
  });
});

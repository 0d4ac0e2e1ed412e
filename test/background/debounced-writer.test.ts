import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedWriter } from '../../src/background/debounced-writer.ts';

describe('createDebouncedWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst into one write holding the last value of each key', async () => {
    const writes: Record<string, unknown>[] = [];
    const writer = createDebouncedWriter(async (items) => void writes.push(items), 100);
    for (let i = 0; i < 50; i++) writer.schedule(`site:${i % 2}`, i);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([{ 'site:0': 48, 'site:1': 49 }]);
  });

  it('still writes during a steady stream of changes', async () => {
    const writes: Record<string, unknown>[] = [];
    const writer = createDebouncedWriter(async (items) => void writes.push(items), 100);
    for (let t = 0; t < 1000; t += 10) {
      writer.schedule('site:a', t);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(writes.length).toBeGreaterThanOrEqual(9);
  });

  it('runs writes one after another, and batches what arrives during a write', async () => {
    const log: string[] = [];
    let release!: () => void;
    const writer = createDebouncedWriter(async (items) => {
      const values = Object.values(items).join('+');
      log.push(`start ${values}`);
      if (values === '1') await new Promise<void>((resolve) => (release = resolve));
      log.push(`end ${values}`);
    }, 10);
    writer.schedule('a', 1);
    const first = writer.flush();
    await vi.advanceTimersByTimeAsync(0);
    writer.schedule('a', 2);
    writer.schedule('b', 3);
    const second = writer.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2+3', 'end 2+3']);
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const writer = createDebouncedWriter(
      async () => {
        calls++;
        if (calls === 1) throw new Error('quota');
      },
      10,
      (error) => errors.push(error),
    );
    writer.schedule('a', 1);
    await writer.flush();
    writer.schedule('a', 2);
    await writer.flush();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

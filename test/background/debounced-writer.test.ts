import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedWriter } from '../../src/background/debounced-writer.ts';

/**
 * A writer (10 ms debounce, a refused write tried again after 1 s) whose storage records each
 * write it is given, then answers as `answer` does with the count of writes so far.
 */
function writerRecording(answer: (count: number) => Promise<void> | void) {
  const writes: Record<string, unknown>[] = [];
  const writer = createDebouncedWriter(
    async (items) => {
      writes.push(items);
      await answer(writes.length);
    },
    10,
    () => undefined,
    undefined,
    1000,
  );
  return { writes, writer };
}

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

  it('keeps what a refused write held, and tries it again after a while (changes meanwhile wait with it), newest values first', async () => {
    let refuse = true;
    const { writes, writer } = writerRecording(() => {
      if (refuse) throw new Error('quota');
    });
    writer.schedule('a', 1);
    writer.schedule('b', 1);
    await writer.flush();
    expect(writer.waiting()).toBe(true);
    writer.schedule('b', 2);
    refuse = false;
    // A refusal backs off: the next try is the retry, not the usual 10 ms.
    await vi.advanceTimersByTimeAsync(10);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(990);
    expect(writes).toEqual([
      { a: 1, b: 1 },
      { b: 2, a: 1 },
    ]);
    expect(writer.waiting()).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toHaveLength(2);
  });

  it('retries on its own when nothing else comes', async () => {
    let calls = 0;
    const writer = createDebouncedWriter(
      async () => {
        if (++calls === 1) throw new Error('busy');
      },
      10,
      () => undefined,
      undefined,
      500,
    );
    writer.schedule('a', 1);
    await writer.flush();
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
  });

  it('writeNow resolves once written, and rejects with the error when refused', async () => {
    let refuse = false;
    const writes: Record<string, unknown>[] = [];
    const writer = createDebouncedWriter(
      async (items) => {
        if (refuse) throw new Error('quota');
        writes.push(items);
      },
      10,
      () => undefined,
    );
    await writer.writeNow({ c: 'x' });
    expect(writes).toEqual([{ c: 'x' }]);
    refuse = true;
    await expect(writer.writeNow({ c: 'y' })).rejects.toThrow('quota');
  });

  it('drops what writeNow could not write, so one write that can never be made does not refuse every later one', async () => {
    const writes: Record<string, unknown>[] = [];
    const errors: unknown[] = [];
    // Storage refuses any write that holds the big run, whatever comes with it.
    const writer = createDebouncedWriter(
      async (items) => {
        if ('run:big' in items) throw new Error('quota');
        writes.push(items);
      },
      10,
      (error) => void errors.push(error),
      undefined,
      1000,
    );
    writer.schedule('site:a', 1);
    await expect(writer.writeNow({ 'run:big': 'x'.repeat(100) })).rejects.toThrow('quota');
    // Heard as any refused write is (the store marks its changes unsaved)...
    expect(errors).toHaveLength(1);
    // ...and what was queued beside it is tried again, without it.
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([{ 'site:a': 1 }]);
    writer.schedule('site:b', 1);
    await writer.flush();
    await writer.writeNow({ 'run:small': 'y' });
    expect(writes).toEqual([{ 'site:a': 1 }, { 'site:b': 1 }, { 'run:small': 'y' }]);
    expect(errors).toHaveLength(1);
  });

  it('discards a queued value', async () => {
    const writes: Record<string, unknown>[] = [];
    const writer = createDebouncedWriter(async (items) => void writes.push(items), 10);
    writer.schedule('a', 1);
    writer.schedule('b', 1);
    writer.discard('a');
    await writer.flush();
    expect(writes).toEqual([{ b: 1 }]);
  });

  it('does not queue again what was discarded while the write carrying it was under way, when that write is refused', async () => {
    let release!: () => void;
    const { writes, writer } = writerRecording(async (count) => {
      if (count > 1) return;
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('busy');
    });
    writer.schedule('a', 1);
    writer.schedule('b', 1);
    const first = writer.flush();
    await vi.advanceTimersByTimeAsync(0);
    writer.discard('a');
    release();
    await first;
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([{ a: 1, b: 1 }, { b: 1 }]);
    expect(writer.waiting()).toBe(false);
    // A value queued after the discard is written as any other.
    writer.schedule('a', 2);
    await writer.flush();
    expect(writes.at(-1)).toEqual({ a: 2 });
  });
});

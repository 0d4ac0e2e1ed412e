/**
 * Coalesces many small state changes into few storage writes, one at a time.
 * The first change after a write starts the clock, so a steady stream of cookie events
 * still gets written every `delayMs` (a debounce that never fired would lose it all when
 * the browser stops the worker). Writes run in order on one promise chain, and changes that
 * arrive while a write is under way wait for it and go out together in the next one.
 *
 * A refused write loses nothing: its items wait for the next write (unless a newer value of the
 * same key came meanwhile, or it was discarded meanwhile), which comes after `retryDelayMs`
 * (changes meanwhile wait with them, or an explicit flush), and `onError` hears of it (the store
 * makes it visible in the report).
 * But `writeNow`'s own items: its caller hears of the refusal, and they are not tried again.
 */
export type DebouncedWriter = {
  /** Queues `value` under `key`; a later value for the same key replaces it. */
  schedule(key: string, value: unknown): void;
  /** Writes what is queued now; resolves when every write so far has finished (refused ones included). */
  flush(): Promise<void>;
  /** Queues `items` and writes them now; rejects with the error when they could not be written, and then drops them from the queue. */
  writeNow(items: Record<string, unknown>): Promise<void>;
  /**
   * Drops what is queued under `key`, and what the write under way carries under it should that
   * write be refused: it is not queued again. Only a later `schedule` writes the key again.
   */
  discard(key: string): void;
  /** True while something waits to be written: queued, or kept from a refused write for its retry. */
  waiting(): boolean;
};

type Timers = { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };

export function createDebouncedWriter(
  write: (items: Record<string, unknown>) => Promise<void>,
  delayMs: number,
  onError: (error: unknown) => void = (error) => console.error('Cookie Charter Inspector: state write failed', error),
  timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
  retryDelayMs = 5000,
): DebouncedWriter {
  const pending = new Map<string, unknown>();
  let timer: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  let lastError: unknown = null;
  /** Keys discarded while a write is under way: refused, that write queues none of them again (they were removed or forgotten meanwhile). */
  let discardedDuringWrite: Set<string> | null = null;

  function flush(): Promise<void> {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (pending.size > 0) {
      chain = chain.then(async () => {
        // Taken when this write starts, so it carries everything queued while the last one ran.
        const items = Object.fromEntries(pending);
        pending.clear();
        if (Object.keys(items).length === 0) return;
        const discarded = new Set<string>();
        discardedDuringWrite = discarded;
        try {
          await write(items);
        } catch (error) {
          for (const [key, value] of Object.entries(items)) if (!pending.has(key) && !discarded.has(key)) pending.set(key, value);
          if (timer === null && pending.size > 0) timer = timers.setTimeout(() => void flush(), retryDelayMs);
          lastError = error;
          onError(error);
        } finally {
          discardedDuringWrite = null;
        }
      });
    }
    return chain;
  }

  function schedule(key: string, value: unknown): void {
    pending.set(key, value);
    if (timer === null) timer = timers.setTimeout(() => void flush(), delayMs);
  }

  async function writeNow(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) pending.set(key, value);
    await flush();
    // Still queued, the very same value: that write was refused. The caller has the error and
    // its items leave the queue: left there, one that can never be written (too large) would go
    // with every later write and have each refused. The others in it are tried again as before.
    const refused = Object.entries(items).filter(([key, value]) => pending.get(key) === value);
    if (refused.length === 0) return;
    for (const [key] of refused) pending.delete(key);
    throw lastError;
  }

  function discard(key: string): void {
    pending.delete(key);
    discardedDuringWrite?.add(key);
  }

  return { schedule, flush, writeNow, discard, waiting: () => pending.size > 0 };
}

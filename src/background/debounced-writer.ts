/**
 * Coalesces many small state changes into few storage writes, one at a time.
 * The first change after a write starts the clock, so a steady stream of cookie events
 * still gets written every `delayMs` (a debounce that never fired would lose it all when
 * the browser stops the worker). Writes run in order on one promise chain, and changes that
 * arrive while a write is under way wait for it and go out together in the next one.
 */
export type DebouncedWriter = {
  /** Queues `value` under `key`; a later value for the same key replaces it. */
  schedule(key: string, value: unknown): void;
  /** Writes what is queued now; resolves when every write so far has finished. */
  flush(): Promise<void>;
};

type Timers = { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };

export function createDebouncedWriter(
  write: (items: Record<string, unknown>) => Promise<void>,
  delayMs: number,
  onError: (error: unknown) => void = (error) => console.error('Cookie Charter Inspector: state write failed', error),
  timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
): DebouncedWriter {
  const pending = new Map<string, unknown>();
  let timer: unknown = null;
  let chain: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (pending.size > 0) {
      chain = chain
        .then(() => {
          // Taken when this write starts, so it carries everything queued while the last one ran.
          const items = Object.fromEntries(pending);
          pending.clear();
          return Object.keys(items).length > 0 ? write(items) : undefined;
        })
        .catch(onError);
    }
    return chain;
  }

  function schedule(key: string, value: unknown): void {
    pending.set(key, value);
    if (timer === null) timer = timers.setTimeout(() => void flush(), delayMs);
  }

  return { schedule, flush };
}

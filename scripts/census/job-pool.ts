/**
 * A fixed pool of workers taking the next item from a shared counter: at most `jobs` items run at
 * once, each starts as soon as one ends, and results go where the caller puts them by index, so
 * the outcome does not depend on the order in which items finish.
 */

/**
 * Runs `work(index)` for 0 ≤ index < `count`, `jobs` at a time. A rejection stops the pool (no
 * new item starts), waits for the items under way, and rejects with it: the caller turns an
 * item's own failure into its result, and lets only what must end the run reject.
 */
export async function runPool(count: number, jobs: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < count) {
      const index = next++;
      try {
        await work(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, count)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

import { describe, expect, it } from 'vitest';
import { runPool } from '../../../scripts/census/job-pool.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job pool', () => {
  it('runs every item, at most `jobs` at once, starting the next as soon as one ends', async () => {
    let running = 0;
    let most = 0;
    const results: number[] = [];
    await runPool(7, 3, async (index) => {
      running++;
      most = Math.max(most, running);
      await tick(index % 2 === 0 ? 5 : 1);
      results[index] = index * 10;
      running--;
    });
    expect(most).toBe(3);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('stops starting items after a rejection, waits for those under way, and rejects with it', async () => {
    const started: number[] = [];
    const failure = new Error('no browser');
    await expect(
      runPool(10, 2, async (index) => {
        started.push(index);
        await tick(2);
        if (index === 1) throw failure;
      }),
    ).rejects.toBe(failure);
    expect(started.length).toBeLessThan(10);
  });

  it('handles an empty list and more jobs than items', async () => {
    await runPool(0, 4, async () => {
      throw new Error('never called');
    });
    const seen: number[] = [];
    await runPool(2, 8, async (index) => void seen.push(index));
    expect(seen.sort()).toEqual([0, 1]);
  });
});

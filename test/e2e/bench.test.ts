/** The browser benchmarks run once on a tiny input in real Chromium, so they cannot rot; no time is asserted. */
import { describe, expect, it } from 'vitest';
import { liveLatency, popupAndWorker, popupBytes } from '../../scripts/bench/browser-benches.ts';
import { auditProfileMemory, censusThroughput } from '../../scripts/bench/census-benches.ts';

describe('browser benchmarks (tiny runs)', () => {
  it('weigh the popup’s own files', () => {
    const [raw, gzip] = popupBytes();
    expect(raw!.median).toBeGreaterThan(gzip!.median);
    expect(gzip!.budget).toEqual({ kind: 'max', value: 15_000 });
  });

  it('time the popup and the worker’s wake with recorded state', async () => {
    const figures = await popupAndWorker('tiny');
    expect(figures.map((f) => f.name)).toEqual([
      'first paint, 10 cookies (from navigation)',
      'report rendered, 10 cookies (from navigation)',
      'report rendered, 10 cookies (from popup script start)',
      'browser start-up before our first line',
      'our first line to ready, 10 cookies recorded',
      'worker start to ready, 10 cookies recorded (all of it)',
    ]);
    for (const f of figures) expect(Number.isFinite(f.median)).toBe(true);
  });

  it('count portals a minute of a tiny demo census at one job and two, and the memory of one audit profile', async () => {
    const throughput = await censusThroughput('tiny');
    expect(throughput.map((f) => f.name)).toEqual([
      'demo census, 2 portals, --consent refuse --pages 1, --jobs 1',
      'demo census, 2 portals, --consent refuse --pages 1, --jobs 2',
    ]);
    const [memory] = await auditProfileMemory('tiny');
    expect(memory!.name).toBe('memory of one audit profile, chromium (peak PSS, 1 pages)');
    for (const f of [...throughput, memory!]) expect(f.median).toBeGreaterThan(0);
  }, 120_000);

  it('time a cookie change from the worker to the DevTools panel’s row', async () => {
    const figures = await liveLatency('tiny');
    expect(figures.map((f) => f.group)).toEqual(['live panel', 'live panel', 'live panel', 'live panel']);
    expect(figures[1]!.samples).toHaveLength(3);
    expect(figures[3]!.samples).toHaveLength(2);
    for (const f of figures) expect(Number.isFinite(f.median)).toBe(true);
  });
});

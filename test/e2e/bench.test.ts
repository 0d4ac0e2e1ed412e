/** The browser benchmarks run once on a tiny input in real Chromium, so they cannot rot; no time is asserted. */
import { describe, expect, it } from 'vitest';
import { liveLatency, popupAndWorker, popupBytes } from '../../scripts/bench/browser-benches.ts';
import { auditProfileMemory, censusThroughput } from '../../scripts/bench/census-benches.ts';
import { firefoxBackgroundWake } from '../../scripts/bench/firefox-benches.ts';

describe('browser benchmarks (tiny runs)', () => {
  it('weigh the popup’s own files', () => {
    const [raw, gzip, untilReport] = popupBytes();
    expect(raw!.median).toBeGreaterThan(gzip!.median);
    expect(gzip!.budget).toEqual({ kind: 'max', value: 15_000 });
    // The report's view is loaded apart, after the first paint: more is loaded before the report is on screen.
    expect(untilReport!.median).toBeGreaterThan(gzip!.median);
  });

  it('time the popup and the worker against the floor, cold and warm, and weigh the popup’s heap', async () => {
    const figures = await popupAndWorker('tiny');
    const byName = new Map(figures.map((f) => [f.name, f]));
    expect([...byName.keys()]).toEqual([
      'first paint of the minimal extension’s popup (from navigation)',
      'first paint (loading state), all sizes',
      'the minimal popup’s worker answer painted (from navigation)',
      'the minimal popup’s worker answer painted, against its first paint',
      'the minimal popup’s 50 rows read from storage painted (from navigation)',
      'the minimal popup’s 50 rows read from storage painted, against its popup’s first paint',
      'report painted, 10 cookies',
      "report painted, 10 cookies, against the floor's answer painted",
      "report painted, 10 cookies, against the floor's rows painted",
      'report painted, 10 cookies (from popup script start)',
      "worker's answer, 10 cookies (from popup script start)",
      'report painted, 20 cookies',
      "report painted, 20 cookies, against the floor's answer painted",
      "report painted, 20 cookies, against the floor's rows painted",
      'report painted, 20 cookies (from popup script start)',
      "worker's answer, 20 cookies (from popup script start)",
      "report's view loaded (from popup script start), all sizes",
      'report in the document to painted, all sizes',
      'report painted, 20 cookies against 10',
      'cold start: report painted on a stopped worker, 20 cookies (popup in a frame)',
      'the minimal worker woken: message to answer, from the caller',
      'the minimal worker’s first line (ms after the browser started it)',
      'stopped worker woken, 20 cookies recorded: message to answer once ready, from the caller',
      "worker start to ready, 20 cookies recorded (the worker's clock)",
      'browser start-up before our first line',
      'our first line to ready, 20 cookies recorded',
      'JS heap after GC above the floor, 60 cookies, every row shown',
      'DOM nodes, 60 cookies, every row shown',
      'JS heap after GC above the floor, 20 cookies, first page shown',
      'DOM nodes, 20 cookies, first page shown',
      'JS heap after GC of the minimal extension’s popup',
    ]);
    // Every figure measured; the paint after the document is a difference of two clocks' readings
    // (the paint's comes in steps), so only finite.
    for (const f of figures) {
      if (f.name.startsWith('report in the document to painted')) expect(Number.isFinite(f.median), f.name).toBe(true);
      else expect(f.median, f.name).toBeGreaterThan(0);
    }
    // Budgets are ratios to the floor (or to our own figure), never milliseconds.
    const budgeted = figures.filter((f) => f.budget);
    expect(budgeted.map((f) => [f.name, f.unit, f.budget!.value])).toEqual([
      ['first paint (loading state), all sizes', '×', 1.1],
      ['report painted, 20 cookies against 10', '×', 1.3],
      ['cold start: report painted on a stopped worker, 20 cookies (popup in a frame)', '×', 1.5],
      ['stopped worker woken, 20 cookies recorded: message to answer once ready, from the caller', '×', 1.5],
      ['JS heap after GC above the floor, 60 cookies, every row shown', 'MiB', 1],
    ]);
    // Every ratio carries its two sides in milliseconds, printed beside it.
    for (const f of figures.filter((f) => f.unit === '×')) expect(f.beside!.reference, f.name).toBeGreaterThan(0);
    // Every row shown: more nodes than with one page of a smaller site.
    expect(byName.get('DOM nodes, 60 cookies, every row shown')!.median).toBeGreaterThan(
      byName.get('DOM nodes, 20 cookies, first page shown')!.median,
    );
  });

  it('time Firefox’s background page woken against the floor’s, in Firefox ESR', async () => {
    const figures = await firefoxBackgroundWake('tiny');
    expect(figures.map((f) => [f.group, f.name, f.unit])).toEqual([
      ['floor', 'Firefox: the minimal background page woken: message to answer, from the caller', 'ms'],
      ['firefox wake', 'stopped background page woken, 20 cookies recorded: message to answer once ready, from the caller', '×'],
      ['floor', 'Firefox: the minimal background page’s first line (ms after its page started)', 'ms'],
      ['firefox wake', "background page start to ready, 20 cookies recorded (the page's clock)", 'ms'],
      ['firefox wake', 'background page start to our first line (the page’s clock)', 'ms'],
    ]);
    // Firefox's clocks may tick in whole milliseconds: a time may read 0, never less, never NaN.
    for (const f of figures) expect(f.median, f.name).toBeGreaterThanOrEqual(0);
    expect(figures[1]!.beside!.reference).toBeGreaterThan(0);
    expect(figures.some((f) => f.budget)).toBe(false);
  }, 120_000);

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

import { describe, expect, it } from 'vitest';
import { markFirst, TIMING_MARKS } from '../../src/core/timing-marks.ts';

/** A Performance that keeps its marks in a list. */
function fakePerformance() {
  const marks: string[] = [];
  return {
    marks,
    mark: (name: string) => void marks.push(name),
    getEntriesByName: (name: string) => marks.filter((mark) => mark === name),
  } as unknown as Pick<Performance, 'mark' | 'getEntriesByName'> & { marks: string[] };
}

describe('markFirst', () => {
  it('marks a moment under its bench name, once: later calls keep the first time', () => {
    const perf = fakePerformance();
    markFirst('reportRendered', perf);
    markFirst('reportRendered', perf);
    markFirst('start', perf);
    expect(perf.marks).toEqual(['cci:report-rendered', 'cci:start']);
  });

  it('names every moment distinctly, in the namespace the benchmark reads', () => {
    const names = Object.values(TIMING_MARKS);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^cci:[a-z-]+$/);
  });
});

import { describe, expect, it } from 'vitest';
import { markFirst, markLiveRow, REPORT_PAINT_TIMING, TIMING_MARKS } from '../../src/core/timing-marks.ts';

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
    markFirst('reportInDocument', perf);
    markFirst('reportInDocument', perf);
    markFirst('start', perf);
    expect(perf.marks).toEqual(['cci:report-in-document', 'cci:start']);
  });

  it('names every moment distinctly, in the namespace the benchmark reads', () => {
    const names = [...Object.values(TIMING_MARKS), REPORT_PAINT_TIMING];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^cci:[a-z-]+$/);
  });
});

describe('markLiveRow', () => {
  it('marks the row in the document, then painted on the next frame, each with the event’s place and heard time', () => {
    const marks: Array<[string, unknown]> = [];
    const perf = { mark: (name: string, options?: { detail?: unknown }) => void marks.push([name, options?.detail]) } as never;
    let frame: (() => void) | undefined;
    markLiveRow(12, 345.5, perf, (run) => (frame = run));
    expect(marks).toEqual([[TIMING_MARKS.liveRow, { seq: 12, heardAt: 345.5 }]]);
    frame!();
    expect(marks[1]).toEqual([TIMING_MARKS.liveRowPainted, { seq: 12, heardAt: 345.5 }]);
  });
});

/**
 * The moments the popup marks for `npm run bench` (scripts/bench/browser-benches.ts reads them
 * back), behind one helper: views name a moment, and the mark names are written once.
 */

/** Performance mark names, by moment. */
export const TIMING_MARKS = {
  /** The popup's script starts: from here to the report on screen is the popup's own work. */
  start: 'cci:start',
  /** The worker's first answer arrived. */
  reportReceived: 'cci:report-received',
  /** The first report is in the document. */
  reportRendered: 'cci:report-rendered',
} as const;

export type TimingMoment = keyof typeof TIMING_MARKS;

/** Marks `moment` the first time it happens in this page; later calls leave the first mark alone. */
export function markFirst(moment: TimingMoment, perf: Pick<Performance, 'mark' | 'getEntriesByName'> = performance): void {
  const name = TIMING_MARKS[moment];
  if (perf.getEntriesByName(name).length === 0) perf.mark(name);
}

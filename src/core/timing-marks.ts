/**
 * The moments the pages mark for `npm run bench` (scripts/bench/browser-benches.ts reads them
 * back), behind one helper: views name a moment, and the mark names are written once.
 */

/** Performance mark names, by moment. */
export const TIMING_MARKS = {
  /** The popup's script starts: from here to the report on screen is the popup's own work. */
  start: 'cci:start',
  /** The worker's first answer arrived (with the report's view loaded: see pages/mount-page.tsx). */
  reportReceived: 'cci:report-received',
  /** The worker's answer to the first request arrived (the view may still be loading). */
  workerAnswered: 'cci:worker-answered',
  /** The first page the worker kept in storage was shown without waiting for its answer (pages/page-actions.ts). */
  keptPageShown: 'cci:kept-page-shown',
  /** The report's view, loaded apart from the page's first scripts, is there. */
  reportViewLoaded: 'cci:report-view-loaded',
  /** The first report is in the document (not yet painted: see REPORT_PAINT_TIMING). */
  reportInDocument: 'cci:report-in-document',
  /** An event the worker pushed is in the document (detail: its place and when the worker heard the change). */
  liveRow: 'cci:live-row',
  /** The frame after it was painted. */
  liveRowPainted: 'cci:live-row-painted',
} as const;

/**
 * The Element Timing identifier of the report's first line (its host name): the browser notes
 * when that element was first painted, which is when the first report was on screen. Chromium
 * only (Firefox has no Element Timing); the benchmark reads it in Chromium.
 */
export const REPORT_PAINT_TIMING = 'cci:report-painted';

/** The attribute that asks for it, spread on the element (Preact's types do not list `elementtiming`). */
export const reportPaintTiming = { elementtiming: REPORT_PAINT_TIMING } as const;

export type TimingMoment = Exclude<keyof typeof TIMING_MARKS, 'liveRow' | 'liveRowPainted'>;

/** What the live-row marks carry: the event's place in its timeline, and when the worker heard the change (performance.timeOrigin + performance.now()). */
export type LiveRowDetail = { seq: number; heardAt: number };

/** Marks `moment` the first time it happens in this page; later calls leave the first mark alone. */
export function markFirst(moment: TimingMoment, perf: Pick<Performance, 'mark' | 'getEntriesByName'> = performance): void {
  const name = TIMING_MARKS[moment];
  if (perf.getEntriesByName(name).length === 0) perf.mark(name);
}

/**
 * Marks that a pushed event's row is in the document, then that it was painted (the frame after:
 * a timer queued from the next animation frame runs once it is on screen). The benchmark reads
 * both; pages in a hidden DevTools panel get no animation frame, so only the first.
 */
export function markLiveRow(
  seq: number,
  heardAt: number,
  perf: Pick<Performance, 'mark'> = performance,
  nextFrame: (run: () => void) => unknown = (run) => requestAnimationFrame(() => setTimeout(run, 0)),
): void {
  const detail: LiveRowDetail = { seq, heardAt };
  perf.mark(TIMING_MARKS.liveRow, { detail });
  nextFrame(() => perf.mark(TIMING_MARKS.liveRowPainted, { detail }));
}

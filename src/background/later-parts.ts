/**
 * The worker's second script: what it needs now and then, not at each wake. Reading a portal's
 * live charter (htmlparser2 and the charter parser) and exporting a report or a charter draft are
 * about half the worker's code; in its one script, every wake paid for them (Chrome reads a
 * worker's script and its compiled form before the first line runs). Built apart
 * (scripts/classic-worker.ts), installed with the worker and imported when first needed
 * (later-parts-script.ts). A starting worker is handed every script installed with it, read or
 * not: these 114 kB cost nothing measurable at wake, where the 506 kB Open Cookie Database did
 * (registry-loader.ts). Nothing here may hold state: the worker imports it afresh after each wake.
 */
export { fetchLiveCharter } from '../core/charter/live.ts';
export { exportCharterDraft } from '../core/draft/draft-export.ts';
export { exportReport } from '../core/report/export.ts';

/**
 * The worker's second script: what it needs now and then, not at each wake. Reading a portal's
 * live charter (htmlparser2 and the charter parser) and exporting a report or a charter draft are
 * about half the worker's code; in its one script, every wake paid for them (Chrome reads a
 * worker's script and its compiled form before the first line runs). Built apart
 * (scripts/classic-worker.ts), installed with the worker and imported when first needed
 * (later-parts-script.ts). A starting worker is still handed every script installed with it, read
 * or not, with its compiled code (this one's 152 kB, about 300 kB compiled): measured on
 * 2026-12-03 (Chromium 156, 2 cores, 40 wakes of each, alternating), 37.3 ms to answer with it
 * installed, 32.0 without. Where else it could run, see README's issue-16 notes: an offscreen
 * document took that off the wake and put the whole report's crossing on each export, not kept.
 * Nothing here may hold state: the worker imports it afresh after each wake.
 */
export { fetchLiveCharter } from '../core/charter/live.ts';
export { exportCharterDraft } from '../core/draft/draft-export.ts';
export { exportReport } from '../core/report/export.ts';

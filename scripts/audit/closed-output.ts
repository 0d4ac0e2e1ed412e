/**
 * A standard output closed before the run ends (`npm start | head -2`): the run stops there, without
 * Node's stack trace and without the exit code 1 that `--strict` gives findings, which CI could
 * misread. Exit 2, README's "bad input or environment": the run was cut short, its reports not all
 * written. Shared by the audit, the census it runs and `census:merge`.
 */
import { removeScratchDirsLeft } from '../browsers/browser-under-test.ts';
import { processTree } from '../browsers/process-tree.ts';

/** The exit code of a run whose output was closed before its end (README, the audit's exit codes). */
export const OUTPUT_CLOSED_EXIT = 2;

/**
 * Calls `end` once, at the first error `output` reports (EPIPE: its reader is gone; any other: it
 * cannot be written either), instead of letting Node throw it as an unhandled 'error' event.
 */
export function onOutputClosed(output: NodeJS.EventEmitter, end: () => void): void {
  let ended = false;
  output.on('error', () => {
    if (ended) return;
    ended = true;
    end();
  });
}

/**
 * Ends the command quietly when its standard output is closed: the processes it started (a
 * browser and its children) are ended with it, as a run over its time limit ends its browser, and
 * the browser's profile is removed.
 */
export function stopWhenStdoutCloses(): void {
  onOutputClosed(process.stdout, () => {
    for (const pid of processTree(process.pid).slice(1).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // Its profile too, once the browser that wrote in it is gone.
    removeScratchDirsLeft();
    process.exit(OUTPUT_CLOSED_EXIT);
  });
}

/**
 * A standard output closed before the run ends (`npm start | head -2`): the run stops there, without
 * Node's stack trace and without the exit code 1 that `--strict` gives findings, which CI could
 * misread. Exit 2, README's "bad input or environment": the run was cut short, its reports not all
 * written. Shared by the audit, the census it runs and `census:merge`. A run stopped by Ctrl-C or
 * SIGTERM ends the same way, with its own exit code.
 */
import { removeScratchDirsLeft } from '../browsers/browser-under-test.ts';
import { isRunning, processTree } from '../browsers/process-tree.ts';

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

/** How long endRunNow waits for the processes it killed to stop before removing their folders again. */
const KILL_WAIT_MS = 2_000;

let ending = false;

/**
 * Ends the command with `code`, once: the processes it started (a browser and its children) are
 * killed at once, as a run over its time limit ends its browser, and the scratch folders removed,
 * the browser's profile with them; removed again once those processes run no more (one not dead
 * yet could still write there) and at any exit meanwhile (Playwright's own SIGINT handler exits
 * 130 once it has closed the browser). The wait is not a blocking one: tsx, which runs the
 * command, waits 30 ms for its word that a signal was heard before killing it outright.
 */
export function endRunNow(code: number): void {
  if (ending) return;
  ending = true;
  // Nothing more said: the run goes on a moment while its processes die, failing as they do
  // (a browser gone, a launch refused), and its errors would follow the exit's cause.
  for (const output of [process.stdout, process.stderr]) output.write = () => true;
  const started = processTree(process.pid).slice(1).reverse();
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  removeScratchDirsLeft();
  process.on('exit', removeScratchDirsLeft);
  const until = Date.now() + KILL_WAIT_MS;
  const exitOnceStopped = () => {
    if (started.some(isRunning) && Date.now() < until) setTimeout(exitOnceStopped, 20);
    else process.exit(code);
  };
  exitOnceStopped();
}

/**
 * Exits with `code` once what was written to `output` is out. A write to a closed output fails
 * with an 'error' heard a tick later (EPIPE), after a process.exit in the same tick, or after the
 * awaits that end a run: the command then exited 0 or 1 with its last lines lost. Waiting for an
 * empty write's callback, and a turn after it, lets that error end the run first (exit 2). A run
 * already ending (its output closed, a signal: endRunNow) keeps its own code.
 */
export function exitOnceWritten(code: number, output: NodeJS.WritableStream = process.stdout): void {
  if (ending) return;
  output.write('', () =>
    setImmediate(() => {
      if (!ending) process.exit(code);
    }),
  );
}

/**
 * Ends the command quietly when its standard output or error is closed (exit 2): a closed stderr
 * (`2>&1 | true`) met as it says why it refuses an argument crashed with exit 1, --strict's code.
 */
export function stopWhenOutputCloses(): void {
  for (const output of [process.stdout, process.stderr]) onOutputClosed(output, () => endRunNow(OUTPUT_CLOSED_EXIT));
}

/**
 * The exit code of a run stopped by a signal, as a shell gives a command a signal ended: 128 and
 * the signal's number (README, the audit's exit codes).
 */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** Calls `end` with the signal's exit code at SIGINT (Ctrl-C) or SIGTERM, sent to `target`. */
export function onStopSignal(target: NodeJS.EventEmitter, end: (code: number) => void): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) target.on(signal, () => end(code));
}

/**
 * Ends the command at Ctrl-C or SIGTERM as when its output closes (endRunNow): Node's default
 * would exit leaving the browser's profile, cookie values and all, in TMPDIR.
 */
export function stopOnSignals(): void {
  onStopSignal(process, endRunNow);
}

/**
 * A census's progress. On a terminal: one bar on stderr, with portals done out of all, how many
 * failed, and the time left (cli-progress estimates it from the recent pace). Elsewhere (CI logs,
 * a pipe): one plain line per portal done, on stdout. Hosts and errors come from outside: they
 * pass through the terminal-text filter.
 */
import { SingleBar } from 'cli-progress';
import { terminalText } from '../../src/core/terminal-text.ts';
import type { CensusRow } from './census-report.ts';

/** Follows the census. */
export type Progress = {
  /** A portal is done (audited, or failed: its row says which). */
  done(row: CensusRow): void;
  /** The census is over: the bar is cleared. */
  stop(): void;
};

/** Where progress goes and how it is shown. */
export type ProgressOptions = {
  /** Portals in the census (this shard). */
  total: number;
  /** True on a terminal (process.stderr.isTTY): a bar; otherwise plain lines. */
  tty: boolean;
  /** Writes a plain line (stdout). */
  line: (text: string) => void;
  /** The bar's stream (stderr). */
  stream?: NodeJS.WritableStream;
  /** Seconds since the census started, for the plain lines. */
  elapsed: () => number;
};

/**
 * `data.x.org: 3 cookies, 2 findings (1 high)`, then `, 4 live-charter lines not read` when the
 * live charter was not read whole (its cookies may be wrongly called undeclared: said as it
 * happens, not only in the files at the end), or `data.x.org: failed: cannot reach …`.
 */
export function rowLine(row: CensusRow): string {
  if (row.error !== null) return terminalText(`${row.host}: failed: ${row.error}`);
  const findings = row.findings!;
  const severe = findings.bySeverity.high > 0 ? ` (${findings.bySeverity.high} high)` : '';
  const unread = row.charter.unread ?? 0;
  const notRead = unread > 0 ? `, ${unread} live-charter line${unread === 1 ? '' : 's'} not read` : '';
  return terminalText(`${row.host}: ${counted(row.cookies!, 'cookie')}, ${counted(findings.total, 'finding')}${severe}${notRead}`);
}

/** `1 cookie`, `2 cookies`, `0 findings`. */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function createProgress(options: ProgressOptions): Progress {
  let done = 0;
  let failed = 0;
  if (!options.tty) {
    return {
      done(row) {
        done++;
        if (row.error !== null) failed++;
        const width = String(options.total).length;
        options.line(`[${options.elapsed().toFixed(1).padStart(6)}s] ${String(done).padStart(width)}/${options.total} ${rowLine(row)}`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    format: 'portals {bar} {value}/{total} | failed {failed} | ETA {eta_formatted} | {last}',
    stream: options.stream ?? process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 5,
  });
  bar.start(options.total, 0, { failed: 0, last: '' });
  return {
    done(row) {
      if (row.error !== null) failed++;
      bar.increment(1, { failed, last: rowLine(row).slice(0, 60) });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `npm start -- --portals FILE|demo`: audits every portal of a list (or of its shard), each in
 * fresh profiles, `jobs` at once, and writes the census. A portal that cannot be reached or read
 * is a row with its error; only what stops every audit (no browser, a bad list) ends the run.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingBrowserError, type BrowserUnderTest } from '../browsers/browser-under-test.ts';
import { choiceNotMade, comparisonOfRuns } from '../audit/audit-output.ts';
import { quoteTyped, UsageError, type AuditOptions } from '../audit/options.ts';
import { runTimeLimitMs, runWithin, type RunOptions, type RunResult } from '../audit/run.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import {
  censusDocument,
  censusExitCode,
  choicesOf,
  errorLine,
  errorRow,
  otherChoiceWarnings,
  portalFolder,
  portalRow,
  type CensusRow,
  type CensusRun,
  type CensusTool,
  type Choice,
} from './census-report.ts';
import { writeCensus } from './census-output.ts';
import { runPool } from './job-pool.ts';
import { parsePortalList, shardPositions, type PortalList } from './portal-list.ts';
import type { Progress } from './progress.ts';

/** What a census runs with: the browser, the audit itself, the demo portal, and where it reports. */
export type CensusDeps = {
  /** One audit run (run.ts's auditRun). */
  audit: (options: RunOptions) => Promise<RunResult>;
  /** Starts the browser with the build in `extensionDir`; `hostMap` sends the demo's hosts to its server. */
  launch: (extensionDir: string, hostMap: { hosts: readonly string[]; port: number } | undefined) => Promise<BrowserUnderTest>;
  /** The browser's version and cookie policy (throws MissingBrowserError when it is not installed). */
  browser: () => { version: string; cookiePolicy: string };
  /** Starts the demo portals' server (`--portals demo`): its port and the hosts it plays. */
  startDemo: () => Promise<{ port: number; hosts: readonly string[]; close(): Promise<void> }>;
  /** Follows the census (progress.ts). */
  progress: (total: number) => Progress;
  /** A line on stdout. */
  print: (text: string) => void;
  /** How long one run of a portal may take, for `pages` pages. */
  runTimeoutMs?: (pages: number) => number;
  /** What audits (censusTool, by default). */
  tool?: () => CensusTool;
  /** Where `--out` lies (typed-path.ts); by default `options.out` itself. Lines name it as typed. */
  outPlace?: string;
};

/** The files the extension's registry is generated into, which its build bundles. */
const REGISTRY_FILES = ['bundled-charters.generated.json', 'open-cookie-database.generated.json'].map(
  (name) => new URL(`../../src/core/registry/${name}`, import.meta.url),
);

/** This tool's version and registry hash: shards that differ in either are not parts of one census. */
export function censusTool(): CensusTool {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const registry = createHash('sha256');
  for (const file of REGISTRY_FILES) registry.update(readFileSync(file));
  return { version, registry: registry.digest('hex') };
}

/** Most lines skipped as a host already listed that are named one by one. */
const MAX_REPEATED_SHOWN = 10;

/** Most bytes a list file may have: 100,000 portals of long URLs, comments included. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** Whether something other than a folder is at `place` (nothing there, or nothing that can be looked at: false). */
function isNonFolderAt(place: string): boolean {
  try {
    return statSync(place, { throwIfNoEntry: false })?.isDirectory() === false;
  } catch {
    return false;
  }
}

/**
 * The list's text: the demo's, or the file's (a file that cannot be read, a FIFO, a device or a
 * huge file is bad input). A file named `demo` where the command was typed is never passed over for
 * the demo's list (as `npm run charter` reads a file that exists, whatever its name): `demo` is
 * then refused, `./demo` names the file. A folder named so is no list: the demo it is.
 */
function listText(portals: string, demoList: string, place: string): string {
  if (portals === 'demo') {
    if (isNonFolderAt(place)) {
      throw new UsageError(
        '--portals demo: a file named demo is here: give ./demo to read it as the list, or run the demo census from another folder',
      );
    }
    return demoList;
  }
  const refuse = (reason: string) => new UsageError(`--portals ${quoteTyped(portals)}: ${reason}`);
  try {
    // Looked at before it is read: reading a FIFO or a terminal would wait for ever.
    const stats = statSync(place);
    if (!stats.isFile()) throw refuse(stats.isDirectory() ? 'a folder, not a list' : 'not a regular file');
    if (stats.size > MAX_LIST_BYTES) {
      throw refuse(`${stats.size.toLocaleString('en')} bytes, over the limit of ${MAX_LIST_BYTES.toLocaleString('en')}: not read`);
    }
    return readFileSync(place, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw refuse(`cannot read the list (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * The census's list, read and checked: the demo's (`demoList`) or the file `portals` names (as
 * typed, in errors; read at `place`, typed-path.ts). A one-line UsageError otherwise; called
 * before `--out` is made or anything is built.
 */
export function readPortalList(portals: string, demoList: string, place: string = portals): PortalList {
  return parsePortalList(listText(portals, demoList, place), portals);
}

/**
 * Runs the census of `list` (readPortalList); resolves to the exit code (0, or 1 with --strict
 * and findings or a run that recorded another choice than the one asked, 2 when no portal could be audited).
 */
export async function runCensus(options: AuditOptions & { portals: string }, list: PortalList, deps: CensusDeps): Promise<number> {
  const positions = shardPositions(list.urls.length, options.shard);
  const outPlace = deps.outPlace ?? options.out;
  const { version, cookiePolicy } = deps.browser();
  const run: CensusRun = {
    tool: (deps.tool ?? censusTool)(),
    browser: options.browser,
    browserVersion: version,
    cookiePolicy,
    consent: options.consent,
    pages: options.pages,
  };
  const demo = options.portals === 'demo' ? await deps.startDemo() : null;
  const hostMap = demo ? { hosts: demo.hosts, port: demo.port } : undefined;
  const target = options.browser === 'firefox' ? 'firefox' : 'chrome';
  const choices = choicesOf(options.consent);
  const timeoutMs = (deps.runTimeoutMs ?? runTimeLimitMs)(options.pages);
  const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
  for (const line of list.repeated.slice(0, MAX_REPEATED_SHOWN)) deps.print(terminalText(line));
  if (list.repeated.length > MAX_REPEATED_SHOWN)
    deps.print(`and ${list.repeated.length - MAX_REPEATED_SHOWN} more line(s) skipped, their host already listed`);
  deps.print(
    terminalText(
      `census of ${positions.length} portal(s)${shard} from ${options.portals}, ${options.jobs} at once, ${options.browser} ${version}, consent: ${options.consent}, ${options.pages} page(s) each`,
    ),
  );

  /** Audits one portal: its runs in its folder, with their progress lines in audit.log. */
  async function auditPortal(position: number): Promise<CensusRow> {
    const url = list.urls[position]!;
    const host = portalFolder(url);
    const folder = join(outPlace, host);
    const log = (message: string) => appendFileSync(join(folder, 'audit.log'), `${new Date().toISOString()} ${terminalText(message)}\n`);
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'audit.log'), '');
      const runs: Array<{ choice: Choice } & RunResult> = [];
      for (const choice of choices) {
        log(`consent: ${choice}, fresh profile`);
        const result = await runWithin(
          {
            launch: (extensionDir) => deps.launch(extensionDir, hostMap),
            target,
            url,
            consent: choice,
            pages: options.pages,
            outDir: choices.length > 1 ? join(folder, choice) : folder,
            log,
          },
          timeoutMs,
          deps.audit,
        );
        runs.push({ choice, ...result });
      }
      if (runs.length === 2) writeFileSync(join(folder, 'comparison.md'), comparisonOfRuns(runs[0]!, runs[1]!));
      // As for one portal (main.ts): each run without the choice asked is a warning; one that recorded
      // another choice (after a click, or the site's own) is in its row's otherChoice, named on stdout once the census is done
      // (otherChoiceWarnings), and fails --strict (its findings say nothing of it).
      const otherChoice: Choice[] = [];
      for (const run of runs) {
        const notMade = choiceNotMade(run.choice, run);
        if (notMade === null) continue;
        log(`warning: ${notMade.reason}`);
        if (notMade.strict) otherChoice.push(run.choice);
      }
      return portalRow(position, url, runs, host, otherChoice);
    } catch (error) {
      // Nothing can be audited without the browser: the census stops (exit 2).
      if (error instanceof MissingBrowserError) throw error;
      try {
        // As its row: an address's query values may carry a session id.
        log(`failed: ${errorLine(error)}`);
      } catch {
        // The folder itself could not be written: the row says why.
      }
      if (process.env.AUDIT_DEBUG) console.error(error);
      return errorRow(position, url, error, existsSync(join(folder, 'audit.log')) ? host : null);
    }
  }

  const rows: CensusRow[] = [];
  const progress = deps.progress(positions.length);
  try {
    await runPool(positions.length, options.jobs, async (index) => {
      const row = await auditPortal(positions[index]!);
      rows.push(row);
      progress.done(row);
    });
  } finally {
    progress.stop();
    await demo?.close();
  }
  const document = censusDocument(run, { sha256: list.sha256, size: list.urls.length }, options.shard, rows);
  // Said once the progress is over (a line would break its bar), in list order; as census:merge says them.
  for (const warning of otherChoiceWarnings(document.portals)) deps.print(terminalText(warning));
  writeCensus(outPlace, document);
  const code = censusExitCode(document, options.strict);
  const failed = rows.filter((row) => row.error !== null).length;
  const withFindings = rows.filter((row) => (row.findings?.total ?? 0) > 0).length;
  const otherChoice = rows.filter((row) => row.otherChoice.length > 0).length;
  const unmade = otherChoice > 0 ? `, ${otherChoice} with a run that recorded another choice than the one asked` : '';
  deps.print(
    `wrote ${options.out}/census.json, census.md, census.csv, census.html: ${rows.length} portal(s), ${failed} failed, ${withFindings} with findings${unmade}${code === 1 ? ' (--strict: exit 1)' : code === 2 ? ' (no portal could be audited: exit 2)' : ''}`,
  );
  return code;
}

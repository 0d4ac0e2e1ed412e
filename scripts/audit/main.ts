/**
 * `npm start -- [URL] [--consent accept|refuse|none|both] [--browser chromium|firefox] [--pages N] [--out DIR] [--strict] [--draft [--lang fr|en]] [--charter FILE]`
 * `npm start -- --portals FILE|demo [--jobs K] [--shard I/N] [--consent …] [--browser …] [--pages N] [--out DIR] [--strict]`
 *
 * The consent flow checked headless: builds the extension if needed, loads its audit build in a
 * real browser, visits the page, clicks the consent banner, visits the other kinds of page, and
 * writes the report the popup would show. With no URL it audits the bundled demo portal, served
 * on loopback under a portal host name. With --portals it runs a census (scripts/census/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { buildIfNeeded } from '../build-if-needed.ts';
import { join } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from '../browsers/chromium.ts';
import { FIREFOX_PATH, launchFirefox } from '../browsers/firefox.ts';
import { COOKIE_POLICY, MissingBrowserError, type LaunchOptions } from '../browsers/browser-under-test.ts';
import { DEMO_HOST, PORTAL_HOSTS, startPortalServer, type PortalServer, type ServedCharter } from '../demo-portal/server.ts';
import { DEMO_CENSUS_HOSTS } from '../demo-portal/census-portals.ts';
import { parseAuditArgs, USAGE, UsageError, type AuditOptions } from './options.ts';
import { AuditError, auditRun, runTimeLimitMs, runWithin, type RunResult } from './run.ts';
import { earlierRunLeftovers, earlierRunWarning, prepareOutDir, writtenPaths } from './out-dir.ts';
import { choiceNotMade, comparisonOfRuns, exitCode, findingCount, formatReport } from './audit-output.ts';
import { DRAFT_FILES, draftSummary, readServedCharter, writeCharterDraft } from './charter-files.ts';
import { readPortalList, runCensus } from '../census/run-census.ts';
import { shardPositions, type PortalList } from '../census/portal-list.ts';
import { createProgress } from '../census/progress.ts';
import type { Report } from '../../src/core/report/index.ts';
import { terminalText } from '../../src/core/terminal-text.ts';
import { errorLine, portalFolder } from '../census/census-report.ts';
import { exitOnceWritten, stopOnSignals, stopWhenOutputCloses } from './closed-output.ts';
import { typedOutPlace, typedPathPlace } from './typed-path.ts';

const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
// Progress lines carry outside text (the consent button's words, a page's error): never raw.
const log = (message: string) => console.log(`[${elapsed().toFixed(1).padStart(5)}s] ${terminalText(message)}`);

/** Launches the chosen browser with an extension build, the audit's cookie policy pinned. */
function launcher(options: AuditOptions, hostMap: LaunchOptions['hostMap']) {
  return (extensionDir: string) => {
    const launchOptions: LaunchOptions = { extensionDir, pinCookiePolicy: true, ...(hostMap ? { hostMap } : {}) };
    return options.browser === 'firefox' ? launchFirefox(launchOptions) : launchChromium(launchOptions);
  };
}

/** The browser's version, from its binary; MissingBrowserError (with how to install it) when absent. */
function browserInfo(options: AuditOptions): { version: string; cookiePolicy: string } {
  const [path, install] = options.browser === 'firefox' ? [FIREFOX_PATH, 'firefox-esr'] : [CHROMIUM_PATH, 'chromium'];
  const name = options.browser === 'firefox' ? 'Firefox ESR' : 'Chromium';
  if (!existsSync(path)) throw new MissingBrowserError(`${name} not found at ${path}: install it with \`apt-get install -y ${install}\``);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return { version, cookiePolicy: COOKIE_POLICY[options.browser] };
}

async function auditOne(options: AuditOptions, charter: ServedCharter | null): Promise<number> {
  let demo: PortalServer | null = null;
  let url = options.url;
  if (!url) {
    demo = await startPortalServer(0, charter ? { charter } : {});
    url = new URL(`http://${DEMO_HOST}/`);
    log(`demo portal ${DEMO_HOST} served on 127.0.0.1:${demo.port}`);
    if (options.charter) log(`demo portal's charter page serves ${options.charter}`);
  }
  const launch = launcher(options, demo ? { hosts: PORTAL_HOSTS, port: demo.port } : undefined);
  const target = options.browser === 'firefox' ? 'firefox' : 'chrome';
  const choices = options.consent === 'both' ? (['accept', 'refuse'] as const) : ([options.consent] as const);

  // Written where --out lies (typed-path.ts), named as typed.
  const outPlace = typedOutPlace(options.out);
  try {
    const runs: Array<[(typeof choices)[number], RunResult]> = [];
    for (const consent of choices) {
      const outDir = options.consent === 'both' ? join(options.out, consent) : options.out;
      log(`launching ${options.browser} with the extension (consent: ${consent}, fresh profile, ${COOKIE_POLICY[options.browser]})…`);
      // Within the census's time limit: a page that never answers would otherwise hold the run for ever (exit 2).
      const run = await runWithin(
        { launch, target, url, consent, pages: options.pages, outDir: typedOutPlace(outDir), log },
        runTimeLimitMs(options.pages),
      );
      const notLoaded = run.notLoaded.length > 0 ? ` (not loaded: ${run.notLoaded.join(' ')})` : '';
      log(`visited ${run.pages.length} page(s): ${run.pages.join(' ')}${notLoaded}`);
      log(`wrote ${outDir}/report.json, report.md, popup.png`);
      runs.push([consent, run]);
    }
    const notMade = runs.flatMap(([consent, run]) => choiceNotMade(consent, run) ?? []);
    for (const { reason } of notMade) log(`warning: ${reason}`);
    const reports = runs.map(([consent, run]): [string, Report] => [consent, run.report]);
    console.log('');
    for (const [consent, report] of reports) console.log(formatReport(report, `Consent: ${consent}`));
    if (runs.length === 2) {
      const comparison = comparisonOfRuns(runs[0]![1], runs[1]![1]);
      mkdirSync(outPlace, { recursive: true });
      writeFileSync(join(outPlace, 'comparison.md'), comparison);
      console.log(comparison);
    }
    if (options.draft) {
      mkdirSync(outPlace, { recursive: true });
      const { draft } = writeCharterDraft(
        outPlace,
        reports.map(([, report]) => report),
        options.language,
      );
      const written = [DRAFT_FILES.markdown, DRAFT_FILES.html].map((name) => join(options.out, name));
      log(`wrote ${written.join(' and ')}: ${draftSummary(draft)}`);
    }
    // Counted across the runs as a census row counts them: a refusal's "not seen" is no finding when the accept run saw it.
    const all = reports.map(([, report]) => report);
    const code = exitCode(all, options.strict, notMade.filter((each) => each.strict).length);
    const unmade = notMade.length > 0 ? `, ${notMade.length} run(s) without the choice asked` : '';
    log(`done: ${findingCount(all)} finding(s)${unmade}${code ? ' (--strict: exit 1)' : ''}`);
    return code;
  } finally {
    await demo?.close();
  }
}

/** The demo census's list: the demo portals, served on loopback. */
const DEMO_LIST = DEMO_CENSUS_HOSTS.map((host) => `http://${host}/`).join('\n');

async function main(options: AuditOptions, charter: ServedCharter | null, list: PortalList | null): Promise<number> {
  try {
    buildIfNeeded(options.browser === 'firefox' ? 'firefox' : 'chrome', log);
  } catch (error) {
    throw new AuditError((error as Error).message);
  }
  if (options.portals === null || list === null) return auditOne(options, charter);
  return runCensus({ ...options, portals: options.portals }, list, {
    audit: auditRun,
    launch: (extensionDir, hostMap) => launcher(options, hostMap)(extensionDir),
    browser: () => browserInfo(options),
    startDemo: async () => {
      const server = await startPortalServer();
      log(`demo portals served on 127.0.0.1:${server.port}: ${DEMO_CENSUS_HOSTS.join(', ')}`);
      return { port: server.port, hosts: PORTAL_HOSTS, close: () => server.close() };
    },
    progress: (total) => createProgress({ total, tty: process.stderr.isTTY === true, line: (text) => console.log(text), elapsed }),
    print: (text) => log(text),
    outPlace: typedOutPlace(options.out),
  });
}

/** The command once its arguments are read: its exit code. */
async function command(options: AuditOptions): Promise<number> {
  // Read before anything is built or launched, the list before --out is made: a bad --charter
  // or list would otherwise fail only after the build, or leave empty folders behind.
  // Paths read from the folder the command was typed in (npm's INIT_CWD: typed-path.ts), named as typed.
  const charter = options.charter ? readServedCharter(options.charter, typedPathPlace(options.charter)) : null;
  const list = options.portals === null ? null : readPortalList(options.portals, DEMO_LIST, typedPathPlace(options.portals));
  const hosts =
    list === null ? null : shardPositions(list.urls.length, options.shard).map((position) => portalFolder(list.urls[position]!));
  // Every path the run writes checked free now: a folder report.json would fail the run only once done.
  const written = { consent: options.consent, draft: options.draft, hosts };
  prepareOutDir(options.out, { writer: hosts === null ? 'audit' : 'census', paths: writtenPaths(written) }, typedOutPlace(options.out));
  // Said, never deleted: what an earlier run wrote there and this one will not rewrite (out-dir.ts).
  const leftovers = earlierRunLeftovers(typedOutPlace(options.out), written);
  const warning = earlierRunWarning(options.out, leftovers);
  if (warning !== null) console.error(`audit: ${terminalText(warning)}`);
  return main(options, charter, list);
}

// `npm start | head`: the run stops at its first line that cannot be written (exit 2), no stack trace.
stopWhenOutputCloses();
// Ctrl-C or SIGTERM: the browser ended and its profile removed (exit 130 or 143).
stopOnSignals();
try {
  const options = parseAuditArgs(process.argv.slice(2));
  // Once its lines are out: one that could not be written makes it exit 2 (closed-output.ts).
  if (options.help) {
    console.log(USAGE);
    exitOnceWritten(0);
  } else exitOnceWritten(await command(options));
} catch (error) {
  if (error instanceof UsageError || error instanceof AuditError || error instanceof MissingBrowserError) {
    console.error(`audit: ${terminalText(error.message)}`);
  } else {
    // Anything else is a bug of ours: still exit 2, never the 1 that --strict gives findings.
    console.error(`audit: unexpected error: ${errorLine(error)}`);
    if (process.env.AUDIT_DEBUG) console.error(error);
  }
  exitOnceWritten(2);
}

/**
 * One audit run: a fresh browser profile with the audit build of the extension (access to every
 * site and webRequest, so cookies of embedded content are seen), a visit, a consent choice, the
 * other kinds of page (crawl.ts), and the report collected through the extension's own message
 * contract (what the popup shows).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserUnderTest, PageUnderTest } from '../browsers/browser-under-test.ts';
import { extensionPage, request } from '../browsers/extension-api.ts';
import { killTree } from '../browsers/process-tree.ts';
import { exportReport, type Report } from '../../src/core/report/index.ts';
import { addressesWithoutValuesIn, addressWithoutValues, withoutPathParameters } from '../../src/core/path-parameters.ts';
import { auditExtension } from './audit-extension.ts';
import { BANNER_WAIT_MS, clickConsentOnceShown } from './consent-banner.ts';
import { createCrawl, MAX_LINKS } from './crawl.ts';

/** A failure of the environment or the target (unreachable, no access): one line, exit 2. */
export class AuditError extends Error {}

export type RunOptions = {
  /** Starts the browser with the extension built in `extensionDir` (the audit build, see audit-extension.ts). */
  launch: (extensionDir: string) => Promise<BrowserUnderTest>;
  /** Which build the browser loads: the audit build for its browser. */
  target: 'chrome' | 'firefox';
  /** Page to visit first. */
  url: URL;
  /** Consent choice to make on the first page. */
  consent: 'accept' | 'refuse' | 'none';
  /** How many pages to visit, the first included (crawl.ts picks the others). */
  pages?: number;
  /** Folder for report.json, report.md and popup.png. */
  outDir: string;
  /** Progress lines. */
  log: (message: string) => void;
  /** Aborts the run: its browser is ended, process tree and all, and the run fails with the signal's reason. */
  signal?: AbortSignal;
};

/** What a run found, and where it went. */
export type RunResult = {
  /** The report the popup would show. */
  report: Report;
  /** Paths of the pages visited, in order, without their path parameters (`;jsessionid=…`). */
  pages: string[];
  /** Those of `pages` that did not load: what they set may be missing from the report. */
  notLoaded: string[];
  /** The consent banner button clicked (clickConsent's label); null when none was found, or none was asked for. */
  clicked: string | null;
};

const NAVIGATION_TIMEOUT_MS = 20_000;

/** A run may take this long, plus this much a page, before its browser is ended. */
const RUN_BASE_MS = 45_000;
const RUN_PER_PAGE_MS = 30_000;

/** The start page loaded again when no other page stayed on the host: a load, a settle, a watch. */
const START_AGAIN_MS = NAVIGATION_TIMEOUT_MS + 10_000 + BANNER_WAIT_MS;

/** How long a run of `pages` pages may take (runWithin). */
export const runTimeLimitMs = (pages: number): number => RUN_BASE_MS + RUN_PER_PAGE_MS * pages + (pages > 1 ? START_AGAIN_MS : 0);

/** Polls until two reads a while apart agree (no new cookie events), within a bound. */
async function settle(api: PageUnderTest, host: string): Promise<Report> {
  const signature = (report: Report) => `${report.timeline.events.length}|${report.cookies.length}|${report.charter.live?.fetchedAt ?? ''}`;
  let last = '';
  let stableReads = 0;
  let report = await reportFor(api, host);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && stableReads < 3) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    report = await reportFor(api, host);
    const current = signature(report);
    stableReads = current === last ? stableReads + 1 : 0;
    last = current;
  }
  return report;
}

async function reportFor(api: PageUnderTest, host: string): Promise<Report> {
  const view = await request(api, 'getReport', { host });
  if (view.kind !== 'report') throw new AuditError(`the extension has no access to ${host}`);
  return view.report;
}

/**
 * One line of a navigation error, without the driver's call log, and with the URLs it names
 * (the page asked for, a redirect's target) without their values, as the audit prints them.
 */
export const reasonOf = (error: unknown) =>
  addressesWithoutValuesIn((error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^.*?(net::|NS_)/, '$1'));

/** Navigates, within NAVIGATION_TIMEOUT_MS. */
async function visit(page: PageUnderTest, url: URL): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      page.goto(url.href),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${NAVIGATION_TIMEOUT_MS / 1000} s`)), NAVIGATION_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs in the page: where it is now, and its links as the DOM resolved them (the portal renders
 * them with script). Source text, as in consent-banner.ts.
 */
const READ_LINKS = `(() => ({ url: location.href, links: [...document.querySelectorAll('a[href]')].slice(0, ${MAX_LINKS}).map((a) => a.href) }))()`;

/**
 * Where the page is now and its links, failing the run when it is on another host than the one
 * typed: every report read is of the host typed, empty of the other's cookies. A page may move
 * after its first read too (a meta refresh or a script's redirect seconds after loading).
 */
async function readOnHost(page: PageUnderTest, host: string, address: string): Promise<{ url: string; links: string[] }> {
  const here = await readHere(page);
  const landed = elsewhere(here.url, host);
  if (landed)
    throw new AuditError(`${address} redirected to ${addressWithoutValues(landed)}, another host: audit ${landed.hostname} instead`);
  return here;
}

/** Where the page is within BANNER_WAIT_MS when it goes to another host then, else null (read every 250 ms). */
async function startPageMoves(page: PageUnderTest, host: string): Promise<URL | null> {
  for (const end = Date.now() + BANNER_WAIT_MS; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const here = elsewhere((await readHere(page)).url, host);
    if (here) return here;
    if (Date.now() >= end) return null;
  }
}

/** The page's address when it is on another host than `host`, else null. */
function elsewhere(address: string, host: string): URL | null {
  const url = new URL(address);
  return url.hostname.toLowerCase() === host ? null : url;
}

const readHere = async (page: PageUnderTest) => (await page.evaluateScript(READ_LINKS)) as { url: string; links: string[] };

/** Ends the browser when `signal` aborts: its whole process tree, as a browser that stopped answering may not close. */
function endOnAbort(browser: BrowserUnderTest, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const end = () =>
    void browser.processId().then(
      (pid) => (pid === null ? undefined : killTree(pid)),
      () => undefined,
    );
  signal.addEventListener('abort', end, { once: true });
  return () => signal.removeEventListener('abort', end);
}

export async function auditRun({ launch, target, url, consent, pages = 1, outDir, log, signal }: RunOptions): Promise<RunResult> {
  const host = url.hostname.toLowerCase();
  signal?.throwIfAborted();
  const extension = auditExtension(target);
  const browser = await launch(extension.dir).catch((error: unknown) => {
    extension.remove();
    throw error;
  });
  const stopWatching = endOnAbort(browser, signal);
  const aborted = () => signal?.aborted === true;
  try {
    // Aborted while the browser started: endOnAbort came too late to hear it.
    signal?.throwIfAborted();
    const api = await extensionPage(browser);
    await reportFor(api, host);

    // The browser visits the URL as given; what is printed, logged and kept has no value of it (a session id, a token).
    const address = addressWithoutValues(url);
    log(`visiting ${address}…`);
    const page = await browser.newPage();
    try {
      await visit(page, url);
    } catch (error) {
      throw new AuditError(`cannot reach ${address}: ${reasonOf(error)}`);
    }
    await settle(api, host);
    // The report read is the host typed: a start URL that redirects to another host (an old
    // custom domain to the platform's sub-domain) would pass with an empty report. Checked again
    // after the choice, and before the report or after the crawl: a redirect may come later.
    await readOnHost(page, host, address);
    // The start page loaded again (`after` says when, in a failure's words), its cookie events settled.
    // Where a failed load leaves the page (the other host, the browser's error page) says nothing.
    const loadStartAgain = async (after: string) => {
      try {
        await visit(page, url);
      } catch (error) {
        if (aborted()) throw error;
        throw new AuditError(`cannot reach ${address} again${after}: ${reasonOf(error)}`);
      }
      await settle(api, host);
    };

    let clicked: string | null = null;
    if (consent !== 'none') {
      log(`consent: choosing "${consent}"…`);
      // Never a click on another host: the banner wait may outlast a timed redirect.
      clicked = await clickConsentOnceShown(page, consent, BANNER_WAIT_MS, host);
      log(
        clicked ? `consent: clicked "${clicked}"` : `consent: no consent banner button found on the page within ${BANNER_WAIT_MS / 1000} s`,
      );
      await settle(api, host);
      // A click may lead to a consent manager's page on another host: the choice is made, the
      // portal is still the one audited, from its start page again.
      const afterClick = elsewhere((await readHere(page)).url, host);
      if (clicked !== null && afterClick) {
        // Said of the page, not the click: a start page's own timed redirect may have come meanwhile.
        log(`consent: the page is on ${addressWithoutValues(afterClick)} after the click, another host: back to ${address}`);
        await loadStartAgain(' after the consent click');
      }
    }

    // The other pages, in the same profile, after the choice: one of each kind (crawl.ts).
    const crawl = createCrawl(url);
    const visited = [withoutPathParameters(url.pathname)];
    const notLoaded: string[] = [];
    // Where the crawl's pages that ended on another host went, and whether one stayed on the host.
    let movedTo: URL | null = null;
    let oneStayed = false;
    let here = await readOnHost(page, host, address);
    crawl.visited(new URL(here.url));
    while (visited.length < pages) {
      crawl.links(new URL(here.url), here.links);
      const next = crawl.next();
      if (!next) {
        log(`no other kind of page to visit (${visited.length} visited)`);
        break;
      }
      log(`page ${visited.length + 1}/${pages} (${next.kind}): ${next.url.pathname}`);
      visited.push(next.url.pathname);
      try {
        await visit(page, next.url);
      } catch (error) {
        if (aborted()) throw error;
        log(`could not load ${next.url.pathname}: ${reasonOf(error)}`);
        notLoaded.push(next.url.pathname);
        continue;
      }
      await settle(api, host);
      // A page that sends the visitor elsewhere (a content page linking out) is left out as a page
      // that did not load, as long as another stayed on the host: when none did, the portal moved.
      const landed = await readHere(page);
      const away = elsewhere(landed.url, host);
      if (away) {
        log(`could not load ${next.url.pathname}: it moved to ${addressWithoutValues(away)}, another host`);
        notLoaded.push(next.url.pathname);
        movedTo ??= away;
        continue;
      }
      oneStayed = true;
      here = landed;
      crawl.visited(new URL(landed.url));
    }
    // None stayed: the portal moved if its start page, loaded again, moves too (watched as long as a
    // banner is waited for: a timed redirect); else those pages alone went elsewhere (a sign-in service).
    if (movedTo && !oneStayed) {
      log(`every other page visited moved to another host: ${address} again, to see whether it moves too`);
      await loadStartAgain('');
      const moved = await startPageMoves(page, host);
      if (moved)
        throw new AuditError(
          `the pages of ${address} redirected to ${addressWithoutValues(moved)}, another host: audit ${moved.hostname} instead`,
        );
    }

    log('collecting the report…');
    const report = await settle(api, host);
    // The start page still shown (no other page visited): it may have moved since (a timed redirect).
    if (visited.length === 1) await readOnHost(page, host, address);
    mkdirSync(outDir, { recursive: true });
    // Exported here, by the functions the worker's export uses, from the one read the table, the
    // findings and the exit code come from: a request for each file would read a page still
    // writing cookies later, and the files would disagree with what was printed.
    writeFileSync(join(outDir, 'report.json'), exportReport(report, 'json').text);
    writeFileSync(join(outDir, 'report.md'), exportReport(report, 'markdown').text);
    const popup = await browser.newPage();
    await popup.setViewport(460, 900);
    await popup.goto(browser.popupUrl(`?host=${encodeURIComponent(host)}&theme=light`));
    await popup.waitFor('main[data-state="ready"] .report');
    await popup.screenshot(join(outDir, 'popup.png'));
    return { report, pages: visited, notLoaded, clicked };
  } catch (error) {
    // A run ended by its signal fails with the signal's reason, not with what the dead browser said.
    if (aborted()) throw signal!.reason;
    throw error;
  } finally {
    stopWatching();
    await browser.close().catch(() => undefined);
    extension.remove();
  }
}

/**
 * `audit` (auditRun) with a time limit: only navigations have their own, and a page busy after its
 * load never answers the scripts the run evaluates in it. Past `timeoutMs` the run's signal aborts:
 * its browser is ended and it fails with an AuditError that says so.
 */
export async function runWithin(
  options: Omit<RunOptions, 'signal'>,
  timeoutMs: number,
  audit: (options: RunOptions) => Promise<RunResult> = auditRun,
): Promise<RunResult> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new AuditError(`no result within ${Math.round(timeoutMs / 1000)} s: the browser was ended`)),
    timeoutMs,
  );
  try {
    return await audit({ ...options, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One audit run: a fresh browser profile with the extension, a visit, a consent choice, and the
 * report collected through the extension's own message contract (what the popup shows).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserUnderTest, PageUnderTest } from '../browsers/browser-under-test.ts';
import { extensionPage, request } from '../browsers/extension-api.ts';
import type { Report } from '../../src/core/report/index.ts';
import { clickConsent } from './consent-banner.ts';

/** A failure of the environment or the target (unreachable, no access): one line, exit 2. */
export class AuditError extends Error {}

export type RunOptions = {
  /** Starts the browser with the extension. */
  launch: () => Promise<BrowserUnderTest>;
  /** Page to visit. */
  url: URL;
  /** Consent choice to make on the page. */
  consent: 'accept' | 'refuse' | 'none';
  /** Folder for report.json, report.md and popup.png. */
  outDir: string;
  /** Progress lines. */
  log: (message: string) => void;
};

const NAVIGATION_TIMEOUT_MS = 20_000;

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

/** Asks for access to `host` through the popup's own button (Firefox grants it without a prompt). */
async function grantAccess(browser: BrowserUnderTest, host: string): Promise<void> {
  if (browser.name !== 'firefox') {
    throw new AuditError(
      `the extension has no access to ${host}, and headless Chromium cannot grant it: use --browser firefox, or a portal under *.opendatasoft.com, *.huwise.com or a bundled host`,
    );
  }
  const popup = await browser.newPage();
  await popup.goto(browser.popupUrl(`?host=${encodeURIComponent(host)}`));
  await popup.waitFor('[data-access] button');
  await popup.click('[data-access] button');
  await popup.waitFor('[data-charter]');
  await popup.close();
}

export async function auditRun({ launch, url, consent, outDir, log }: RunOptions): Promise<Report> {
  const host = url.hostname.toLowerCase();
  const browser = await launch();
  try {
    const api = await extensionPage(browser);
    const access = await request(api, 'getReport', { host });
    if (access.kind === 'no-access') {
      log(`asking for access to ${host}…`);
      await grantAccess(browser, host);
    }

    log(`visiting ${url.href}…`);
    const page = await browser.newPage();
    try {
      await Promise.race([
        page.goto(url.href),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${NAVIGATION_TIMEOUT_MS / 1000} s`)), NAVIGATION_TIMEOUT_MS),
        ),
      ]);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^.*?(net::|NS_)/, '$1');
      throw new AuditError(`cannot reach ${url.href}: ${reason}`);
    }
    await settle(api, host);

    if (consent !== 'none') {
      log(`consent: choosing "${consent}"…`);
      const clicked = await clickConsent(page, consent);
      log(clicked ? `consent: clicked "${clicked}"` : 'consent: no consent banner button found on the page');
      await settle(api, host);
    }

    log('collecting the report…');
    const report = await settle(api, host);
    mkdirSync(outDir, { recursive: true });
    const json = await request(api, 'exportReport', { host, format: 'json' });
    const markdown = await request(api, 'exportReport', { host, format: 'markdown' });
    writeFileSync(join(outDir, 'report.json'), json.text);
    writeFileSync(join(outDir, 'report.md'), markdown.text);
    const popup = await browser.newPage();
    await popup.setViewport(460, 900);
    await popup.goto(browser.popupUrl(`?host=${encodeURIComponent(host)}&theme=light`));
    await popup.waitFor('main[data-state="ready"] .report');
    await popup.screenshot(join(outDir, 'popup.png'));
    return report;
  } finally {
    await browser.close();
  }
}

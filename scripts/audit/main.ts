/**
 * `npm start -- [URL] [--consent accept|refuse|none|both] [--browser chromium|firefox] [--out DIR] [--strict] [--draft [--lang fr|en]] [--charter FILE]`
 *
 * The consent flow checked headless: builds the extension if needed, loads it in a real browser,
 * visits the page, clicks the consent banner, and writes the report the popup would show. With no
 * URL it audits the bundled demo portal, served on loopback under a portal host name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildIfNeeded } from '../build-if-needed.ts';
import { join } from 'node:path';
import { launchChromium } from '../browsers/chromium.ts';
import { launchFirefox } from '../browsers/firefox.ts';
import { MissingBrowserError, type LaunchOptions } from '../browsers/browser-under-test.ts';
import { DEMO_HOST, PORTAL_HOSTS, startPortalServer, type PortalServer, type ServedCharter } from '../demo-portal/server.ts';
import { parseAuditArgs, USAGE, UsageError, type AuditOptions } from './options.ts';
import { AuditError, auditRun } from './run.ts';
import { prepareOutDir } from './out-dir.ts';
import { exitCode, formatComparison, formatReport } from './audit-output.ts';
import { draftSummary, readServedCharter, writeCharterDraft } from './charter-files.ts';
import { compareRuns, type Report } from '../../src/core/report/index.ts';
import { terminalText } from '../../src/core/terminal-text.ts';

const started = Date.now();
// Progress lines carry outside text (the consent button's words, a page's error): never raw.
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${terminalText(message)}`);

async function main(options: AuditOptions, charter: ServedCharter | null): Promise<number> {
  try {
    buildIfNeeded(options.browser === 'firefox' ? 'firefox' : 'chrome', log);
  } catch (error) {
    throw new AuditError((error as Error).message);
  }
  let demo: PortalServer | null = null;
  let url = options.url;
  if (!url) {
    demo = await startPortalServer(0, charter ? { charter } : {});
    url = new URL(`http://${DEMO_HOST}/`);
    log(`demo portal ${DEMO_HOST} served on 127.0.0.1:${demo.port}`);
    if (options.charter) log(`demo portal's charter page serves ${options.charter}`);
  }
  const launchOptions: LaunchOptions = demo ? { hostMap: { hosts: PORTAL_HOSTS, port: demo.port } } : {};
  const launch = () => (options.browser === 'firefox' ? launchFirefox(launchOptions) : launchChromium(launchOptions));
  const choices = options.consent === 'both' ? (['accept', 'refuse'] as const) : ([options.consent] as const);

  try {
    const reports: Array<[string, Report]> = [];
    for (const consent of choices) {
      const outDir = options.consent === 'both' ? join(options.out, consent) : options.out;
      log(`launching ${options.browser} with the extension (consent: ${consent}, fresh profile)…`);
      const report = await auditRun({ launch, url, consent, outDir, log });
      log(`wrote ${outDir}/report.json, report.md, popup.png`);
      reports.push([consent, report]);
    }
    console.log('');
    for (const [consent, report] of reports) console.log(formatReport(report, `Consent: ${consent}`));
    if (reports.length === 2) {
      const comparison = formatComparison(compareRuns(reports[0]![1], reports[1]![1]));
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'comparison.md'), comparison);
      console.log(comparison);
    }
    if (options.draft) {
      mkdirSync(options.out, { recursive: true });
      const { draft, paths } = writeCharterDraft(
        options.out,
        reports.map(([, report]) => report),
        options.language,
      );
      log(`wrote ${paths.join(' and ')}: ${draftSummary(draft)}`);
    }
    const code = exitCode(
      reports.map(([, report]) => report),
      options.strict,
    );
    const findings = reports.reduce((sum, [, report]) => sum + report.findings.length, 0);
    log(`done: ${findings} finding(s)${code ? ' (--strict: exit 1)' : ''}`);
    return code;
  } finally {
    await demo?.close();
  }
}

try {
  const options = parseAuditArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  // Before building or launching anything: a bad --out or --charter would only fail after the browser ran.
  const charter = options.charter ? readServedCharter(options.charter) : null;
  prepareOutDir(options.out, options.consent === 'both' ? ['accept', 'refuse'] : []);
  process.exit(await main(options, charter));
} catch (error) {
  if (error instanceof UsageError || error instanceof AuditError || error instanceof MissingBrowserError) {
    console.error(`audit: ${terminalText(error.message)}`);
    process.exit(2);
  }
  // Anything else is a bug of ours: still exit 2, never the 1 that --strict gives findings.
  console.error(`audit: unexpected error: ${terminalText(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error))}`);
  if (process.env.AUDIT_DEBUG) console.error(error);
  process.exit(2);
}

/**
 * Benchmarks in real headless Chromium with the built extension: what the popup weighs, how fast
 * it shows a report of 10, 500 and 2,000 cookies, and how fast the worker is ready when it wakes
 * with 2,000 cookies recorded. State is put in storage.session, then the worker is stopped over
 * the DevTools protocol, so it wakes and restores it as it does after the browser idles it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstExtensionPage, launchChromium, stopServiceWorker as stopWorker } from '../browsers/chromium.ts';
import { extensionPage, presentNames, request, tabIdOf, waitForReport } from '../browsers/extension-api.ts';
import type { PageUnderTest } from '../browsers/browser-under-test.ts';
import { PORTAL_HOSTS, startPortalServer } from '../demo-portal/server.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../src/core/cookies/index.ts';
import { siteItem } from '../../src/core/storage/index.ts';
import { TIMING_MARKS, type LiveRowDetail } from '../../src/core/timing-marks.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchSize } from './node-benches.ts';

export const BENCH_HOST = 'bench.opendatasoft.com';

/** Files the popup page loads: its scripts (entry and preloads) and its styles. */
export function popupAssets(distDir = 'dist/chrome'): { js: string[]; css: string[] } {
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as { action: { default_popup: string } };
  const html = readFileSync(join(distDir, manifest.action.default_popup), 'utf8');
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => join(distDir, m[1]!.replace(/^\//, '')));
  return {
    js: [...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)],
    css: refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

export function popupBytes(): Figure[] {
  const { js, css } = popupAssets();
  const size = (files: string[], gzip: boolean) =>
    files.reduce((sum, file) => sum + (gzip ? gzipSync(readFileSync(file), { level: 9 }).length : readFileSync(file).length), 0);
  return [
    figure('popup size', 'JS loaded by the popup, raw', 'bytes', [size(js, false)]),
    figure('popup size', 'JS loaded by the popup, gzip', 'bytes', [size(js, true)], { kind: 'max', value: 15_000 }),
    figure('popup size', 'CSS, raw', 'bytes', [size(css, false)]),
    figure('popup size', 'CSS, gzip', 'bytes', [size(css, true)]),
  ];
}

/** A site record with `count` cookies of every kind, and a full timeline. */
export function syntheticSite(count: number): SiteRecord {
  const site = emptySite(BENCH_HOST, '0');
  const names = (i: number) =>
    [`cookie_${i}`, `_pk_id.${i}.a1b2`, `_ga_${i.toString(36).toUpperCase()}`, `widget_${i}`, 'sessionid', `_hjSessionUser_${i}`][i % 6]!;
  for (let i = 0; i < count; i++) {
    recordCookieChange(
      site,
      {
        name: i % 6 === 4 && i > 6 ? `sessionid_${i}` : names(i),
        value: 'x',
        domain: BENCH_HOST,
        path: `/p${i % 7}`,
        hostOnly: true,
        secure: i % 2 === 0,
        httpOnly: i % 3 === 0,
        sameSite: 'lax',
        session: i % 5 === 0,
        expirationDate: 1_900_000_000 + i,
        storeId: '0',
      },
      false,
      1_795_000_000_000 + i,
    );
  }
  return site;
}

type PageExtensionApi = { storage: { session: { set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> } } };

/** The bench site's record of `count` cookies, as storage.session holds it in the normal windows' store. */
function benchSiteState(count: number): Record<string, string> {
  const item = siteItem('0', BENCH_HOST);
  return { [item.key]: item.encode(syntheticSite(count)) };
}

async function putState(api: PageUnderTest, items: Record<string, unknown>): Promise<void> {
  await api.evaluate(async (state) => {
    const ext = (globalThis as unknown as { chrome: PageExtensionApi }).chrome;
    await ext.storage.session.clear();
    await ext.storage.session.set(state);
  }, items);
}

export async function popupAndWorker(size: BenchSize): Promise<Figure[]> {
  const counts = size === 'full' ? [10, 500, 2000] : [10];
  const runs = size === 'full' ? 7 : 1;
  const portal = await startPortalServer();
  const browser = await launchChromium({ hostMap: { hosts: [...PORTAL_HOSTS, BENCH_HOST], port: portal.port } });
  const figures: Figure[] = [];
  try {
    const api = await extensionPage(browser);
    const apiPage = firstExtensionPage(browser.context);
    for (const count of counts) {
      await putState(api, benchSiteState(count));
      await stopWorker(apiPage);
      const firstPaint: number[] = [];
      const rendered: number[] = [];
      const ownWork: number[] = [];
      // One warm-up run (it also wakes the worker), then the measured ones.
      for (let run = -1; run < runs; run++) {
        const popup = await browser.newPage();
        await popup.goto(browser.popupUrl(`?host=${BENCH_HOST}`));
        await popup.waitFor('main[data-state="ready"] .report');
        const marks = await popup.evaluate(async (names) => {
          // The mark is set in an effect right after the first report render.
          for (let i = 0; i < 100 && performance.getEntriesByName(names.reportRendered).length === 0; i++)
            await new Promise((r) => setTimeout(r, 10));
          // No named helper here: the script runner would wrap it in a function the page lacks.
          const [paint, start, received, report] = ['first-contentful-paint', names.start, names.reportReceived, names.reportRendered].map(
            (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
          );
          return { paint: paint!, start: start!, received: received!, report: report! };
        }, TIMING_MARKS);
        if (run >= 0) {
          firstPaint.push(marks.paint);
          rendered.push(marks.report);
          ownWork.push(marks.report - marks.start);
          if (process.env.BENCH_DEBUG) console.log(count, JSON.stringify(marks));
        }
        await popup.close();
      }
      figures.push(figure('popup', `first paint, ${count} cookies (from navigation)`, 'ms', firstPaint));
      figures.push(figure('popup', `report rendered, ${count} cookies (from navigation)`, 'ms', rendered));
      figures.push(
        figure(
          'popup',
          `report rendered, ${count} cookies (from popup script start)`,
          'ms',
          ownWork,
          count === 500 ? { kind: 'max', value: 50 } : undefined,
        ),
      );
    }

    // Worker wake with the largest state.
    const wakeCount = counts.at(-1)!;
    await putState(api, benchSiteState(wakeCount));
    const ready: number[] = [];
    const ourPart: number[] = [];
    const browserPart: number[] = [];
    for (let run = 0; run < Math.max(runs, 1); run++) {
      await stopWorker(apiPage);
      const diagnostics = await request(api, 'getDiagnostics', {});
      if (diagnostics.cookies < wakeCount) throw new Error(`the worker restored ${diagnostics.cookies} cookies, not ${wakeCount}`);
      ready.push(diagnostics.readyMs);
      ourPart.push(diagnostics.readyMs - diagnostics.codeStartedMs);
      browserPart.push(diagnostics.codeStartedMs);
      if (process.env.BENCH_DEBUG) console.log('wake', JSON.stringify(diagnostics));
    }
    figures.push(figure('worker wake', `browser start-up before our first line`, 'ms', browserPart));
    figures.push(
      figure('worker wake', `our first line to ready, ${wakeCount} cookies recorded`, 'ms', ourPart, { kind: 'max', value: 20 }),
    );
    figures.push(figure('worker wake', `worker start to ready, ${wakeCount} cookies recorded (all of it)`, 'ms', ready));
  } finally {
    await browser.close();
    await portal.close();
  }
  return figures;
}

/** The q-quantile of samples (nearest rank), for the live budget's p95. */
function nearestRank(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Live latency, in headless Chromium: the DevTools panel page (opened in a tab for the portal's
 * tab, two columns, the timeline shown) while cookies change in the portal's tab, set over the
 * DevTools protocol one at a time every 20 to 50 ms, then a burst of 50 at once. Each change is
 * timed from the moment it reached the worker (its cookies.onChanged listener, on the shared clock
 * performance.timeOrigin + performance.now()) to its row in the panel's document and to the
 * frame that painted it (marks `cci:live-row` and `cci:live-row-painted`, core/timing-marks.ts).
 */
export async function liveLatency(size: BenchSize): Promise<Figure[]> {
  const count = size === 'full' ? 100 : 3;
  const burst = size === 'full' ? 50 : 2;
  const host = 'data.tco.re';
  const portal = await startPortalServer();
  const browser = await launchChromium({ hostMap: { hosts: PORTAL_HOSTS, port: portal.port } });
  try {
    const api = await extensionPage(browser);
    const site = await browser.context.newPage();
    await site.goto(`http://${host}/`);
    await waitForReport(api, host, (report) => presentNames(report).includes('sessionid'));
    const tabId = await tabIdOf(api, `http://${host}/*`);
    const panel = await browser.newPage();
    await panel.setViewport(1100, 800);
    await panel.goto(browser.extensionUrl(`src/panel/index.html?tabId=${tabId}`));
    await panel.waitFor('main[data-layout="wide"] .events');
    const cdp = await browser.context.newCDPSession(site);
    const setCookie = (name: string) => cdp.send('Network.setCookie', { name, value: 'x', domain: host, path: '/' });

    /** The latencies of the rows marked so far (in the document, and painted), in ms, by event. */
    const marked = () =>
      // No named helper inside: the script runner would wrap it in a function the page lacks.
      panel
        .evaluate(
          (names) =>
            [names.liveRow, names.liveRowPainted].map((name) =>
              performance.getEntriesByName(name).map((entry) => ({
                seq: ((entry as PerformanceMark).detail as LiveRowDetail).seq,
                ms: performance.timeOrigin + entry.startTime - ((entry as PerformanceMark).detail as LiveRowDetail).heardAt,
              })),
            ),
          TIMING_MARKS,
        )
        .then(([inDocument, painted]) => ({ inDocument: inDocument!, painted: painted! }));
    const waitForMarks = async (total: number) => {
      const deadline = Date.now() + 30_000;
      while ((await marked()).painted.length < total) {
        if (Date.now() > deadline) throw new Error(`the panel showed ${(await marked()).painted.length} of ${total} events`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    for (let i = 0; i < count; i++) {
      await setCookie(`bench_${i}`);
      await new Promise((resolve) => setTimeout(resolve, 20 + (i % 7) * 5));
    }
    await waitForMarks(count);
    const steady = await marked();
    await Promise.all(Array.from({ length: burst }, (_, i) => setCookie(`burst_${i}`)));
    await waitForMarks(count + burst);
    const all = await marked();
    const burstSeqs = new Set(all.painted.slice(count).map((mark) => mark.seq));
    const burstPainted = all.painted.filter((mark) => burstSeqs.has(mark.seq)).map((mark) => mark.ms);
    const painted = steady.painted.map((mark) => mark.ms);
    if (process.env.BENCH_DEBUG) console.log('live', JSON.stringify(painted));
    return [
      figure(
        'live panel',
        `cookie change at the worker to row in the document (${count} changes)`,
        'ms',
        steady.inDocument.map((mark) => mark.ms),
      ),
      figure('live panel', `cookie change at the worker to row on screen (${count} changes)`, 'ms', painted, { kind: 'max', value: 100 }),
      figure('live panel', `the same, p95 (one figure: the 95th percentile)`, 'ms', [nearestRank(painted, 0.95)], {
        kind: 'max',
        value: 250,
      }),
      figure('live panel', `burst of ${burst} changes at once, each to row on screen`, 'ms', burstPainted),
    ];
  } finally {
    await browser.close();
    await portal.close();
  }
}

/**
 * Benchmarks that run in Node on the pure core and the worker's logic with fakes: charter
 * parsing, the registry, and the background's event processing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCharterBytes, parseCharter } from '../../src/core/charter/index.ts';
import {
  buildRegistry,
  BUNDLED_CHARTERS,
  bundledOpenCookieDatabaseRows,
  matchCookie,
  type Registry,
  rowsFromDocument,
} from '../../src/core/registry/index.ts';
import generatedOpenCookieDatabase from '../../src/core/registry/open-cookie-database.generated.json' with { type: 'json' };
import { createSiteStore } from '../../src/background/site-store.ts';
import type { SessionArea } from '../../src/core/storage/index.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import type { BrowserCookie } from '../../src/core/cookies/index.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { withSiteCharter } from '../../src/core/registry/registry.ts';
import { buildReport } from '../../src/core/report/report.ts';
import { createReportMemo } from '../../src/core/report/report-memo.ts';
import { createFirstPages } from '../../src/core/report/report-page.ts';
import { decodeSiteRecord, siteItem } from '../../src/core/storage/session-items.ts';
import { benchHost, syntheticSite } from './browser-benches.ts';
import { draftCharter, draftHtml, draftMarkdown } from '../../src/core/draft/index.ts';
import { figure, timePerCall, type Figure } from './stats.ts';

/** `full` for `npm run bench`; `tiny` for the test suite, which only checks the code still runs. */
export type BenchSize = 'full' | 'tiny';

const scale = (size: BenchSize, full: number, tiny: number) => (size === 'full' ? full : tiny);

/** A charter of the old template with `rows` rows, tab-separated, in three sections. */
export function syntheticCharter(rows: number): string {
  const lines = ['## Charte cookies', '', '### A quoi servent les cookies sur la plateforme <https://bench.opendatasoft.com>', ''];
  const sections = ['Cookies nécessaires au bon fonctionnement de la plateforme', "Cookies de mesure d'audience", 'Cookies tiers'];
  for (let i = 0; i < rows; i++) {
    if (i % Math.ceil(rows / sections.length) === 0)
      lines.push(
        '',
        `#### ${sections[Math.floor(i / Math.ceil(rows / sections.length))]}`,
        '',
        'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      );
    lines.push(`Prestataire ${i % 17}\tService ${i}\tcookie_${i}${i % 5 === 0 ? '.*' : ''}\tFinalité numéro ${i} du cookie`);
  }
  return lines.join('\n');
}

export function charterParsing(size: BenchSize): Figure[] {
  const samples = scale(size, 9, 1);
  const figures: Figure[] = [];
  for (const file of readdirSync('charters')
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    const text = decodeCharterBytes(readFileSync(join('charters', file)));
    figures.push(
      figure(
        'charter parsing',
        file.replace(/\.txt$/, ''),
        'ms',
        timePerCall(() => parseCharter(text), samples, scale(size, 200, 1)),
      ),
    );
  }
  const synthetic = syntheticCharter(scale(size, 1000, 20));
  const parsed = parseCharter(synthetic);
  if (parsed.entries.length !== scale(size, 1000, 20)) throw new Error(`synthetic charter read ${parsed.entries.length} entries`);
  figures.push(
    figure(
      'charter parsing',
      `synthetic ${scale(size, 1000, 20)}-row charter`,
      'ms',
      timePerCall(() => parseCharter(synthetic), samples, scale(size, 5, 1)),
    ),
  );
  return figures;
}

/** Names for lookups of each kind, cycling through realistic variety. */
function lookupNames(kind: 'exact' | 'prefix' | 'fallback', count: number): string[] {
  const exact = ['sessionid', 'csrftoken', 'django_language', 'cookies_preferences'];
  const prefix = (i: number) =>
    [`_pk_id.${i}.a1b2`, `_pk_ses.${i}.c3`, `_ga_${(i * 7919).toString(36).toUpperCase()}`, `_gat_gtag_UA_${i}_1`][i % 4]!;
  const fallback = (i: number) => [`_hjSessionUser_${i}`, '_fbp', `unknown_${i}`, 'AWSALB', `__cf_bm`, `mystery${i % 50}`][i % 6]!;
  return Array.from({ length: count }, (_, i) =>
    kind === 'exact' ? exact[i % exact.length]! : kind === 'prefix' ? prefix(i) : fallback(i),
  );
}

export function registry(size: BenchSize): Figure[] {
  const samples = scale(size, 9, 1);
  const load = timePerCall(
    () => buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: rowsFromDocument(generatedOpenCookieDatabase) }),
    samples,
    1,
  );
  const figures = [figure('registry', 'load (decode database + index everything)', 'ms', load)];
  const built: Registry = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  const lookups = scale(size, 100_000, 50);
  for (const kind of ['exact', 'prefix', 'fallback'] as const) {
    const names = lookupNames(kind, lookups);
    const perSecond: number[] = [];
    for (let s = -1; s < samples; s++) {
      const start = performance.now();
      for (const name of names) matchCookie(built, 'data.tco.re', { name, domain: 'data.tco.re' });
      const seconds = (performance.now() - start) / 1000;
      if (s >= 0) perSecond.push(lookups / seconds);
    }
    figures.push(
      figure('registry', `${kind} lookups (${lookups.toLocaleString('en')})`, 'lookups/s', perSecond, { kind: 'min', value: 200_000 }),
    );
  }
  return figures;
}

/** A storage.session stand-in that counts writes and keeps nothing (the bench measures the worker). */
function countingSession(): SessionArea & { writes: number } {
  const area = {
    writes: 0,
    read: async () => ({}),
    write: async () => void area.writes++,
  };
  return area;
}

/** The cookie events of a busy portal: the platform's, Matomo's, and many short-lived ones. */
function cookieEvents(count: number): Array<{ cookie: BrowserCookie; removed: boolean }> {
  return Array.from({ length: count }, (_, i) => ({
    cookie: {
      name: i % 3 === 0 ? 'sessionid' : i % 3 === 1 ? `_pk_ses.1.${i % 40}` : `widget_${i % 500}`,
      value: 'v',
      domain: 'data.tco.re',
      path: '/',
      hostOnly: true,
      secure: true,
      httpOnly: false,
      sameSite: 'lax',
      session: false,
      expirationDate: 1_900_000_000,
      storeId: '0',
    },
    removed: i % 10 === 9,
  }));
}

export async function background(size: BenchSize): Promise<Figure[]> {
  const samples = scale(size, 7, 1);
  const count = scale(size, 50_000, 100);
  const built = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  const bundled = new Set(Object.keys(BUNDLED_CHARTERS));
  const events = cookieEvents(count);
  const perSecond: number[] = [];
  for (let s = -1; s < samples; s++) {
    const store = createSiteStore(countingSession(), 20);
    await store.load();
    const recorder = createRecorder(store, (host) => isPortalHost(host, bundled));
    const start = performance.now();
    let applied: Promise<unknown> = Promise.resolve();
    for (const { cookie, removed } of events) {
      applied = recorder.cookieChanged(cookie, removed, 'explicit');
      matchCookie(built, 'data.tco.re', cookie);
    }
    // Events are applied in the recorder's turn: the clock stops when the last one is.
    await applied;
    const seconds = (performance.now() - start) / 1000;
    await store.flush();
    if (s >= 0) perSecond.push(count / seconds);
  }

  // Writes: 1,000 events arriving 10 per millisecond, as a page load bursts them.
  const writes: number[] = [];
  for (let s = 0; s < samples; s++) {
    const session = countingSession();
    const store = createSiteStore(session, 20);
    await store.load();
    const recorder = createRecorder(store, (host) => isPortalHost(host, bundled));
    const burst = cookieEvents(1000);
    let applied: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < burst.length; i++) {
      applied = recorder.cookieChanged(burst[i]!.cookie, burst[i]!.removed, 'explicit');
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await applied;
    await store.flush();
    writes.push(session.writes);
  }
  return [
    figure('background', `cookie events processed (${count.toLocaleString('en')}, match + record)`, 'events/s', perSecond, {
      kind: 'min',
      value: 20_000,
    }),
    figure('background', 'storage writes per 1,000 events (10 events/ms)', 'writes', writes),
  ];
}

/**
 * Drafting a corrected charter, as the worker does for the popup's export: a site of `count`
 * cookies, half declared by a synthetic charter (prefixes among them), half not, drafted and
 * written as Markdown and HTML. Each row is read back by the parser before it is kept, so this
 * is the figure that says what that check costs.
 */
export function charterDraft(size: BenchSize): Figure[] {
  const count = scale(size, 2000, 20);
  const host = 'bench.opendatasoft.com';
  const charter = parseCharter(syntheticCharter(scale(size, 300, 10)));
  const registry = withSiteCharter(buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() }), host, charter, 'live');
  const site = emptySite(host, '0');
  const now = 1_800_000_000_000;
  for (let i = 0; i < count; i++) {
    const name = i % 2 === 0 ? `cookie_${(i / 2) % charter.entries.length}${i % 10 === 0 ? '.x' : ''}` : `widget_${i}`;
    const cookie: BrowserCookie = {
      name,
      value: '',
      domain: host,
      path: `/${i}`,
      hostOnly: true,
      secure: true,
      httpOnly: false,
      sameSite: 'lax',
      session: i % 3 === 0,
      expirationDate: i % 3 === 0 ? undefined : now / 1000 + (i % 400) * 86400,
      storeId: '0',
    };
    recordCookieChange(site, cookie, false, now);
  }
  const report = buildReport(site, registry, now);
  const draft = () => {
    const drafted = draftCharter([report]);
    draftMarkdown(drafted);
    draftHtml(drafted);
  };
  return [
    figure('charter draft', `${count.toLocaleString('en')} cookies, Markdown and HTML`, 'ms', timePerCall(draft, scale(size, 5, 1), 1)),
  ];
}

/**
 * What a worker that has just woken does for the popup's first ask: the site's record decoded
 * from its stored JSON, its report built from scratch (an empty memo), its first page cut. The
 * site is the popup benchmark's (`syntheticSite`), against the bundled registry. This process has
 * run the same code before, so these are the figures of optimised code: a woken worker runs it
 * unoptimised, several times slower (see the popup's cold start figure).
 */
export function reportBuild(size: BenchSize): Figure[] {
  const count = scale(size, 2000, 20);
  const host = benchHost(count);
  const stored = siteItem('0', host).encode(syntheticSite(count, host));
  const base = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  const losses = { sitesDropped: 0, lastDropAt: null, unsavedSince: null };
  const samples = scale(size, 15, 1);
  const iterations = scale(size, 5, 1);
  const decoded = decodeSiteRecord(stored)!;
  const cookies = `${count.toLocaleString('en')} cookies`;
  return [
    figure(
      'report',
      `record decoded from its stored JSON, ${cookies}`,
      'ms',
      timePerCall(() => decodeSiteRecord(stored), samples, iterations),
    ),
    figure(
      'report',
      `report built from scratch and its first page cut, ${cookies}`,
      'ms',
      timePerCall(
        () => {
          const report = createReportMemo().report({ site: decoded, revision: 1, base, live: null, now: 1, losses });
          createFirstPages()(report, { cookies: 50, findings: 20, events: 20 });
        },
        samples,
        iterations,
      ),
    ),
  ];
}

import { describe, expect, it, vi } from 'vitest';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { createConsentRuns, type ConsentRuns } from '../../src/background/consent-runs.ts';
import { createLiveCharters, type ReadCharter } from '../../src/background/live-charters.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteReports, type SiteReportsDeps } from '../../src/background/site-reports.ts';
import { createSiteStore, type SiteStoreOptions } from '../../src/background/site-store.ts';
import type { LiveCharterRecord } from '../../src/core/charter/live.ts';
import { emptySite, evictedRecord, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import type { StoreLosses } from '../../src/core/report/report.ts';
import { browserCookie } from '../support/cookies.ts';
import { wiredReportsDeps } from '../support/wired-reports.ts';
import { fakeSession } from '../support/fake-session.ts';
import { FIRST_PAGE } from '../../src/core/message-contract.ts';
import {
  consentRunItem,
  isLiveCharterKey,
  liveCharterItem,
  pageKey,
  siteKey,
  sitePageItem,
  type FullSessionArea,
} from '../../src/core/storage/session-items.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

const HOST = 'data.example-metropole.fr';
const registry = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: [] });

async function setup(overrides: Partial<SiteReportsDeps> = {}, storeOptions: SiteStoreOptions = {}) {
  const session = fakeSession();
  const store = createSiteStore(session, 5, storeOptions);
  await store.load();
  const recorder = createRecorder(store, (host) => host === HOST);
  const refreshed: string[] = [];
  let charterReads = 0;
  // Each record a test stores has a time of its own, as every one the worker stores has (live-charters.ts).
  const stored = new Map<string, LiveCharterRecord>();
  const live = {
    set: (host: string, record: LiveCharterRecord) => void stored.set(host, record),
    get: (host: string) => stored.get(host),
  };
  const reports = createSiteReports({
    pages: store,
    afterAnswer: (task) => task(),
    recorder,
    recordRevision: (host, storeId) => store.revision(storeId, host),
    liveCharters: {
      get: async (host) => live.get(host) ?? null,
      refresh: async (host) => {
        refreshed.push(host);
        return { host, fetchedAt: 1, url: null, charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-information' } };
      },
      pending: (host) => refreshed.includes(host),
    },
    registry: async () => registry,
    storageStatus: () => ({ sitesDropped: 3, lastDropAt: 7, unsavedSince: null }),
    hasHostAccess: async (host) => host === HOST,
    defaultStoreId: async () => 'firefox-default',
    onCharterRead: () => void charterReads++,
    isPortal: (host) => host === HOST,
    now: () => 1234,
    ...overrides,
  });
  return { reports, recorder, store, session, refreshed, live, charterReads: () => charterReads };
}

describe('site reports', () => {
  it('start loading the registry when asked to prepare, without waiting, and never fail for it', async () => {
    let loads = 0;
    const { reports } = await setup({ registry: () => (loads++, Promise.reject(new Error('not packaged'))) });
    expect(reports.prepare()).toBeUndefined();
    expect(loads).toBe(1);
    // The failure shows when a report needs the registry.
    await expect(reports.report(HOST, 'firefox-default')).rejects.toThrow('not packaged');
  });

  it('resolve a query: lower-case host, and the default cookie store when none is named', async () => {
    const { reports } = await setup();
    expect(await reports.resolve({ host: '  Data.Example-Metropole.FR ' })).toEqual({ host: HOST, storeId: 'firefox-default' });
    expect(await reports.resolve({ host: HOST, storeId: 'firefox-private' })).toEqual({ host: HOST, storeId: 'firefox-private' });
    // An empty store names none, as everywhere else (sameSite, the first page's key, the popup's ?store=).
    expect(await reports.resolve({ host: HOST, storeId: '' })).toEqual({ host: HOST, storeId: 'firefox-default' });
  });

  it('show the normal windows’ report to a query whose store is empty, not an empty one of a store of its own', async () => {
    const { reports, recorder } = await setup();
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 1);
    const view = await reports.view({ host: HOST, storeId: '' });
    expect(view.kind === 'report' && view.report.cookies.map((c) => c.name)).toEqual(['sessionid']);
  });

  it('show the report of a site the extension can see, with what the store could not keep', async () => {
    const { reports, recorder } = await setup();
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 1);
    const view = await reports.view({ host: HOST });
    expect(view.kind).toBe('report');
    if (view.kind !== 'report') return;
    expect(view.report).toMatchObject({ host: HOST, storeId: 'firefox-default', generatedAt: 1234, charter: { kind: 'bundled' } });
    expect(view.report.cookies.map((c) => c.name)).toEqual(['sessionid']);
    expect(view.report.storage).toMatchObject({ sitesDropped: 3, lastDropAt: 7 });
  });

  it('give the run kept to compare with, of the site in the store asked for, and none when there is none', async () => {
    const run = { savedAt: 5, consent: { state: 'accepted' as const, trackers: {} }, cookies: [], findings: 0, againstRefusal: [] };
    const asked: string[] = [];
    const { reports } = await setup({
      savedRun: async (host, storeId) => (asked.push(`${storeId}|${host}`), storeId === 'kept' ? run : null),
    });
    expect(await reports.view({ host: HOST, storeId: 'kept' })).toMatchObject({ kind: 'report', savedRun: run });
    expect(await reports.view({ host: HOST })).not.toHaveProperty('savedRun');
    expect(asked).toEqual([`kept|${HOST}`, `firefox-default|${HOST}`]);
  });

  it('show the site’s report with no kept run when the kept run cannot be read', async () => {
    const { reports } = await setup({
      savedRun: async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'state')")),
    });
    const view = await reports.view({ host: HOST });
    expect(view.kind).toBe('report');
    expect(view).not.toHaveProperty('savedRun');
  });

  it('show the site’s report with no kept run when the one stored is of another shape', async () => {
    let runs: ConsentRuns | null = null;
    const { reports, session } = await setup({ savedRun: (host, storeId) => runs!.get(host, storeId) });
    runs = createConsentRuns(
      session,
      (host, storeId) => reports.report(host, storeId),
      (key) => key,
    );
    session.data[consentRunItem('0', HOST).key] = JSON.stringify({ savedAt: 1, findings: 0, report: {} });
    const view = await reports.view({ host: HOST, storeId: '0' });
    expect(view.kind).toBe('report');
    expect(view).not.toHaveProperty('savedRun');
  });

  it('read the live charter of a site seen for the first time in the background, and say when it is stored', async () => {
    const { reports, refreshed, charterReads } = await setup();
    const view = await reports.view({ host: HOST });
    expect(refreshed).toEqual([HOST]);
    expect(view).toMatchObject({ kind: 'report', charterPending: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(charterReads()).toBe(1);
  });

  it('check a site against its live charter once one was read, without reading it again', async () => {
    const { reports, refreshed, live } = await setup();
    live.set(HOST, { host: HOST, fetchedAt: 99, url: `https://${HOST}/terms/cookies-policy/`, charter: METROPOLE_CHARTER, problem: null });
    const report = await reports.report(HOST, '0');
    expect(report.charter).toMatchObject({ kind: 'live', live: { fetchedAt: 99 } });
    expect((await reports.view({ host: HOST })).kind).toBe('report');
    expect(refreshed).toEqual([]);
  });

  it('read again a stale live charter or a stale failure when the popup opens, showing the kept one meanwhile (review of 2026-12-06)', async () => {
    const day = 24 * 3600 * 1000;
    const charter: LiveCharterRecord = {
      host: HOST,
      fetchedAt: 1,
      url: `https://${HOST}/terms/cookies-policy/`,
      charter: METROPOLE_CHARTER,
      problem: null,
    };
    const stale = await setup({ now: () => 3 * day });
    stale.live.set(HOST, charter);
    const view = await stale.reports.view({ host: HOST });
    expect(stale.refreshed).toEqual([HOST]);
    expect(view).toMatchObject({ kind: 'report', charterPending: true, report: { charter: { kind: 'live', live: { fetchedAt: 1 } } } });
    // A failure is read again after ten minutes, one beside a kept charter too; not before.
    const failed: LiveCharterRecord = {
      host: HOST,
      fetchedAt: 1,
      url: null,
      charter: null,
      problem: { kind: 'network', path: '/terms/cookies-policy/' },
    };
    for (const [record, at, again] of [
      [failed, 11 * 60 * 1000, true],
      [failed, 5 * 60 * 1000, false],
      [{ ...charter, problem: { kind: 'http', status: 503, path: '/terms/cookies-policy/' }, failedAt: 10 }, 11 * 60 * 1000, true],
      [charter, day - 1, false],
    ] as const) {
      const { reports, refreshed, live } = await setup({ now: () => at });
      live.set(HOST, record);
      const shown = await reports.view({ host: HOST });
      expect(refreshed, `${at}`).toEqual(again ? [HOST] : []);
      expect(shown, `${at}`).toMatchObject({ charterPending: again });
    }
  });

  it('fetch a stale live charter once per host however many popups open meanwhile', async () => {
    const day = 24 * 3600 * 1000;
    const session = fakeSession();
    let reads = 0;
    let finish: () => void = () => undefined;
    const readCharter: ReadCharter = async (host, now) => {
      reads++;
      await new Promise<void>((resolve) => (finish = resolve));
      return { host, fetchedAt: now(), url: `https://${host}/terms/cookies-policy/`, charter: METROPOLE_CHARTER, problem: null };
    };
    const liveCharters = createLiveCharters(session, readCharter, () => 3 * day);
    await liveCharterItem(HOST).set(session, {
      host: HOST,
      fetchedAt: 1,
      url: `https://${HOST}/terms/cookies-policy/`,
      charter: METROPOLE_CHARTER,
      problem: null,
    });
    const { reports } = await setup({ liveCharters, now: () => 3 * day });
    const views = await Promise.all([reports.view({ host: HOST }), reports.view({ host: HOST }), reports.view({ host: HOST })]);
    await vi.waitFor(() => expect(reads).toBe(1));
    expect(views.map((view) => (view as { charterPending: boolean }).charterPending)).toEqual([true, true, true]);
    finish();
    await vi.waitFor(() => expect(liveCharters.pending(HOST)).toBe(false));
    expect((await reports.view({ host: HOST })) as { charterPending: boolean }).toMatchObject({ charterPending: false });
    expect(reads).toBe(1);
  });

  it('say plainly when the extension has no access to a site, and whether it is a portal', async () => {
    const { reports, refreshed } = await setup();
    expect(await reports.view({ host: 'example.org' })).toEqual({ kind: 'no-access', host: 'example.org', portal: false });
    const portal = await setup({ hasHostAccess: async () => false });
    expect(await portal.reports.view({ host: HOST })).toEqual({ kind: 'no-access', host: HOST, portal: true });
    expect(refreshed).toEqual([]);
    // The same answer without a report, for the requests that act on a site (clearing it, reading its charter).
    expect(await reports.noAccess('example.org')).toEqual({ kind: 'no-access', host: 'example.org', portal: false });
    expect(await portal.reports.noAccess(HOST)).toEqual({ kind: 'no-access', host: HOST, portal: true });
    expect(await reports.noAccess(HOST)).toBeNull();
  });

  it('build a report once, and again when the record, the live charter or the registry changes', async () => {
    let base = registry;
    const { reports, recorder, live } = await setup({ registry: async () => base });
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: '0' }), false, 'explicit', 1);
    const first = await reports.report(HOST, '0');
    // Nothing changed: the same cookies and findings, not built again.
    const again = await reports.report(HOST, '0');
    expect(again.cookies).toBe(first.cookies);
    expect(again.findings).toBe(first.findings);

    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: `.${HOST}`, storeId: '0' }), false, 'explicit', 2);
    const afterEvent = await reports.report(HOST, '0');
    expect(afterEvent.cookies.map((c) => c.name)).toEqual(['_ga', 'sessionid']);

    live.set(HOST, { host: HOST, fetchedAt: 99, url: `https://${HOST}/terms/cookies-policy/`, charter: METROPOLE_CHARTER, problem: null });
    const afterCharter = await reports.report(HOST, '0');
    expect(afterCharter.charter.kind).toBe('live');

    base = buildRegistry({}, { openCookieDatabase: [] });
    live.set(HOST, { host: HOST, fetchedAt: 100, url: null, charter: null, problem: { kind: 'http', status: 404 } });
    const afterRegistry = await reports.report(HOST, '0');
    expect(afterRegistry.charter.kind).toBe('none');
    expect(afterRegistry.cookies.every((c) => c.status === 'undeclared')).toBe(true);
  });

  it('send the first page of a report when asked, with the counts of the whole, and the whole otherwise', async () => {
    const { reports, recorder } = await setup();
    for (let i = 0; i < 80; i++)
      await recorder.cookieChanged(browserCookie({ name: `widget_${i}`, domain: HOST, storeId: 'firefox-default' }), false, 'explicit', i);
    const first = { cookies: 50, findings: 20, events: 20 };
    const page = await reports.view({ host: HOST, first });
    const whole = await reports.view({ host: HOST });
    if (page.kind !== 'report' || whole.kind !== 'report') throw new Error('expected reports');
    expect(page.report.cookies).toHaveLength(50);
    expect(page.partial).toMatchObject({ cookies: 80, findings: whole.report.findings.length });
    expect(whole.report.cookies).toHaveLength(80);
    expect(whole).not.toHaveProperty('partial');
  });

  it('keep the first page a popup asks for in storage, beside its record, under the store the query names', async () => {
    const { reports, recorder, store, session } = await setup();
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 1);
    const view = await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    // The popup of a normal window names no store: the page is kept under none.
    expect(sitePageItem(undefined, HOST).decode(session.data[pageKey(undefined, HOST)])).toEqual(view);
    // Asked again with nothing changed: not written again.
    const writes = session.writes;
    await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(session.writes).toBe(writes);
    // Any other cut, the whole report, or a site the extension cannot see: nothing kept.
    await reports.view({ host: HOST, storeId: 'firefox-default', first: { ...FIRST_PAGE, cookies: 10 } });
    await reports.view({ host: HOST, storeId: 'firefox-default' });
    await reports.view({ host: 'elsewhere.example' });
    await store.flush();
    expect(Object.keys(session.data).filter((key) => key.startsWith('page:'))).toEqual([pageKey(undefined, HOST)]);
    // The record changes: the page is retired in the same write, and the next ask keeps a new one.
    await recorder.cookieChanged(browserCookie({ name: '_ga', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 2);
    await store.flush();
    expect(session.data[pageKey(undefined, HOST)]).toBe('');
    const again = await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(sitePageItem(undefined, HOST).decode(session.data[pageKey(undefined, HOST)])).toEqual(again);
  });

  it('keep the first page again once a cookie it showed present has expired, the record unchanged', async () => {
    let clock = 1_000_000;
    const { reports, recorder, store, session } = await setup({ now: () => clock });
    const shortLived = browserCookie({ name: 'widget', domain: HOST, storeId: 'firefox-default', expirationDate: 1_060 });
    await recorder.cookieChanged(shortLived, false, 'explicit', clock);
    await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    const key = pageKey(undefined, HOST);
    const keptRow = () => {
      const page = sitePageItem(undefined, HOST).decode(session.data[key]);
      return page?.kind === 'report' ? page.report.cookies.find((c) => c.name === 'widget') : undefined;
    };
    expect(keptRow()).not.toHaveProperty('expired');
    // A minute later the browser has not said it removed the cookie (it does so lazily): no record change.
    clock = 1_061_000;
    const later = await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(later.kind === 'report' && later.report.cookies.find((c) => c.name === 'widget')).toMatchObject({ expired: true });
    expect(keptRow()).toMatchObject({ expired: true });
    // Asked again with nothing changed since: not written again.
    const writes = session.writes;
    clock = 1_062_000;
    await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(session.writes).toBe(writes);
  });

  it('keep no first page that says changes could not be saved once they are: it is built again, saying all is saved', async () => {
    const retired: string[] = [];
    let status = (): StoreLosses => ({ sitesDropped: 0, lastDropAt: null, unsavedSince: null });
    const { reports, recorder, store, session } = await setup(
      { storageStatus: () => status() },
      { now: () => 7, retryDelayMs: 1e9, onPageRetired: (key) => retired.push(key) },
    );
    status = () => store.status();
    const write = session.write.bind(session);
    let refuse = true;
    session.write = async (items) => (refuse ? Promise.reject(new Error('storage unavailable')) : write(items));
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 1);
    await store.flush();
    // A popup opens while the record cannot be written.
    const shown = await reports.view({ host: HOST, first: FIRST_PAGE });
    expect(shown.kind === 'report' && shown.report.storage.unsavedSince).toBe(7);
    refuse = false;
    await store.flush();
    quiet.mockRestore();
    expect(store.status().unsavedSince).toBeNull();
    // Kept, that page would say "could not be saved" at every open until the record changed.
    const key = pageKey(undefined, HOST);
    expect(session.data).not.toHaveProperty(key);
    expect(retired).toEqual([key]);
    // Built again, as page-refresher.ts does when told: it says what the worker says.
    const now = await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(now.kind === 'report' && now.report.storage.unsavedSince).toBeNull();
    expect(sitePageItem(undefined, HOST).decode(session.data[key])).toEqual(now);
  });

  it('keep no first page of a dropped site once the marker it was built from is deleted to make room', async () => {
    // Six sites dropped before, each leaving its consent and an evicted marker.
    const markers = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => {
        const host = `gone-${i}.opendatasoft.com`;
        const site = emptySite(host, '0');
        const consent = encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, timestamp: i }));
        recordCookieChange(site, browserCookie({ domain: host, name: 'cookies_preferences', value: consent }), false, i);
        return [siteKey('0', host), JSON.stringify(evictedRecord(site, i))];
      }),
    );
    const session = fakeSession(markers);
    const store = createSiteStore(session, 5, { budgetBytes: 4_000 });
    await store.load();
    const reports = createSiteReports({
      pages: store,
      afterAnswer: (task) => task(),
      recorder: createRecorder(store, () => true),
      recordRevision: (host, storeId) => store.revision(storeId, host),
      liveCharters: { get: async () => null, refresh: async () => Promise.reject(new Error('offline')), pending: () => false },
      registry: async () => registry,
      storageStatus: () => store.status(),
      hasHostAccess: async () => true,
      defaultStoreId: async () => '0',
      onCharterRead: () => undefined,
      now: () => 1234,
    });
    const gone = 'gone-0.opendatasoft.com';
    const shown = await reports.view({ host: gone, first: FIRST_PAGE });
    expect(shown).toMatchObject({ report: { consent: { state: 'accepted' }, timeline: { events: [{ type: 'evicted' }] } } });
    await store.flush();
    // Another site records enough that the oldest markers go.
    const busy = emptySite('busy.opendatasoft.com', '0');
    for (let i = 0; i < 20; i++)
      recordCookieChange(busy, browserCookie({ domain: busy.host, name: `widget_${'w'.repeat(100)}_${i}` }), false, 100 + i);
    store.put(busy);
    await store.flush();
    expect(session.data).not.toHaveProperty(siteKey('0', gone));
    // The worker now knows nothing of the site; the page kept would still show its consent and marker.
    const now = await reports.view({ host: gone, first: FIRST_PAGE });
    expect(now).toMatchObject({ report: { consent: { state: 'none' }, timeline: { events: [] } } });
    // Deleted with the marker, in the same call.
    expect(session.data).not.toHaveProperty(pageKey(undefined, gone));
  });

  it('say which first page they could not keep, asked while its live charter was being written, so it is built again', async () => {
    const retired: string[] = [];
    const { reports, recorder, store, session } = await setup({}, { onPageRetired: (key) => retired.push(key) });
    await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOST, storeId: 'firefox-default' }), false, 'explicit', 1);
    await store.flush();
    // The popup asks while the charter is written: its answer may be built from the charter before it.
    const charterWrite = store.area.write({ [`charter:${HOST}`]: '{}' });
    await reports.view({ host: HOST, first: FIRST_PAGE });
    await charterWrite;
    await store.flush();
    expect(session.data).not.toHaveProperty(pageKey(undefined, HOST));
    // Nothing else will come to ask for it: the store says it is to be built again (page-refresher.ts does).
    expect(retired).toEqual([pageKey(undefined, HOST)]);
    const rebuilt = await reports.view({ host: HOST, first: FIRST_PAGE });
    await store.flush();
    expect(sitePageItem(undefined, HOST).decode(session.data[pageKey(undefined, HOST)])).toEqual(rebuilt);
  });
});

/**
 * Live charters wired as the worker wires them (index.ts): stored through the store's area, read
 * through the cache above it, which forgets what the store drops to make room.
 */
async function wiredSetup(options: { read: ReadCharter; now: () => number; store?: SiteStoreOptions; session?: FullSessionArea }) {
  const store = createSiteStore(options.session ?? fakeSession(), 5, { ...options.store, onRemoved: (keys) => cache.forget(keys) });
  await store.load();
  const cache = createCachedArea(store.area);
  const liveCharters = createLiveCharters(cache, options.read, options.now);
  const deps = wiredReportsDeps(store, liveCharters, registry, HOST, { now: () => 1234 });
  await deps.recorder.cookieChanged(browserCookie({ name: '_ga', domain: `.${HOST}`, storeId: '0' }), false, 'explicit', 1);
  await store.flush();
  /** What a worker that never built this site's report builds now. */
  const fresh = () => createSiteReports(deps).report(HOST, '0');
  return { reports: createSiteReports(deps), store, liveCharters, fresh };
}

const readFrom = (url: string, charter: LiveCharterRecord['charter']) => (host: string, at: number) => ({
  host,
  fetchedAt: at,
  url,
  charter,
  problem: null,
});
const failing = (problem: NonNullable<LiveCharterRecord['problem']>) => (host: string, at: number) => ({
  host,
  fetchedAt: at,
  url: null,
  charter: null,
  problem,
});

describe('site reports, with the worker’s live charters', () => {
  it('build again after each charter the worker stores, even read in the same millisecond as the one before', async () => {
    // The case LiveCharters.revision covered (it counted the charters stored): each record's name now tells.
    const attempts = [
      readFrom(`https://${HOST}/terms/cookies-policy/`, METROPOLE_CHARTER),
      failing({ kind: 'http', status: 404, path: '/terms/cookies-information' }),
      readFrom(`https://${HOST}/terms/cookies-information`, ITIE_CHARTER),
      // Failures that keep the charter read before, with the problem beside it.
      failing({ kind: 'network' }),
      failing({ kind: 'http', status: 503, path: '/terms/cookies-policy/' }),
    ];
    let attempt = attempts[0]!;
    // A clock that never moves: every read in the same millisecond (a forced read right after another).
    const { reports, liveCharters, fresh } = await wiredSetup({
      read: async (host, now) => attempt(host, now()),
      now: () => 1_700_000_000_000,
    });
    const charters = [(await reports.report(HOST, '0')).charter];
    for (const next of attempts) {
      attempt = next;
      await liveCharters.refresh(HOST, true);
      const report = await reports.report(HOST, '0');
      expect(report).toEqual(await fresh());
      charters.push(report.charter);
    }
    expect(charters).toMatchObject([
      { kind: 'bundled', live: null },
      { kind: 'live', portal: METROPOLE_CHARTER.portal, live: { problem: null } },
      { kind: 'bundled', live: { problem: { kind: 'http', status: 404 } } },
      { kind: 'live', portal: ITIE_CHARTER.portal, live: { problem: null } },
      { kind: 'live', portal: ITIE_CHARTER.portal, live: { problem: { kind: 'network' } } },
      { kind: 'live', portal: ITIE_CHARTER.portal, live: { problem: { kind: 'http', status: 503 } } },
    ]);
  });

  it('build again when the store drops the live charter to make room', async () => {
    const DAY_MS = 86_400_000;
    const { reports, store, liveCharters, fresh } = await wiredSetup({
      read: async (host, now) => readFrom(`https://${HOST}/terms/cookies-policy/`, METROPOLE_CHARTER)(host, now()),
      // Read over a day before the store needs room: the first thing it drops.
      now: () => DAY_MS,
      store: { budgetBytes: 100_000, now: () => 10 * DAY_MS },
    });
    await liveCharters.refresh(HOST);
    expect((await reports.report(HOST, '0')).charter.kind).toBe('live');
    // Another site's kept run that leaves no room for the charter.
    await store.area.write({ [consentRunItem('0', 'other.example').key]: 'r'.repeat(98_000) });
    expect(await liveCharters.get(HOST)).toBeNull();
    const report = await reports.report(HOST, '0');
    expect(report.charter).toMatchObject({ kind: 'bundled', live: null });
    expect(report).toEqual(await fresh());
  });

  it('build again after a charter storage took though its write was refused (Firefox writes item by item)', async () => {
    const session = fakeSession();
    let refuse = false;
    const halfWritten: FullSessionArea = {
      ...session,
      async write(items) {
        await session.write(items);
        if (refuse && Object.keys(items).some(isLiveCharterKey)) throw new Error('refused after the charter was written');
      },
    };
    let attempt = readFrom(`https://${HOST}/terms/cookies-policy/`, METROPOLE_CHARTER);
    let clock = 1_700_000_000_000;
    const { reports, liveCharters, fresh } = await wiredSetup({
      read: async (host, now) => attempt(host, now()),
      now: () => clock,
      session: halfWritten,
    });
    await liveCharters.refresh(HOST);
    expect((await reports.report(HOST, '0')).charter.kind).toBe('live');
    refuse = true;
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    attempt = readFrom(`https://${HOST}/terms/cookies-information`, ITIE_CHARTER);
    clock += 1000;
    // Storage took it: the read's outcome (live-charters.ts), not a failure written over it.
    expect((await liveCharters.refresh(HOST, true)).charter?.portal).toBe(ITIE_CHARTER.portal);
    quiet.mockRestore();
    const report = await reports.report(HOST, '0');
    expect(report.charter).toMatchObject({ kind: 'live', portal: ITIE_CHARTER.portal });
    expect(report).toEqual(await fresh());
  });
});

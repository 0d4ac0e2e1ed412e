/**
 * A popup shows the first page kept in storage.session before the worker answers, and an export
 * reuses the report the worker built before: both must be what the worker would build now. Random
 * sequences of what they are built from (cookie events on sites that fill a small budget, so
 * records are dropped and their markers deleted; live charters read, failed and dropped; storage
 * refusing writes, then taking them; host access changing), with the real store, recorder and
 * reports, checked against a report built from scratch. Fixed seed: the same sequences every run.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createCachedArea } from '../../src/background/cached-area.ts';
import { createLiveCharters } from '../../src/background/live-charters.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { createSiteReports } from '../../src/background/site-reports.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { isStale, type LiveCharterRecord } from '../../src/core/charter/live.ts';
import { FIRST_PAGE, type SiteView } from '../../src/core/message-contract.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { firstPageOf } from '../../src/core/report/report-page.ts';
import { buildReport, type Report } from '../../src/core/report/report.ts';
import { ownCookieNames, siteRegistry } from '../../src/core/report/site-charter.ts';
import { liveCharterItem, pageKey, sitePageItem } from '../../src/core/storage/session-items.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../core/registry/charter-fixtures.ts';

const HOSTS = ['data.example-metropole.fr', 'opendata.example.org', 'data.tco.re'];
const STORE = '0';
const NOW = 1234;
const registry = buildRegistry({ [HOSTS[0]!]: METROPOLE_CHARTER }, { openCookieDatabase: [] });
/** Short names, and long ones that fill the budget below within a few events. */
const NAMES = ['sessionid', 'csrftoken', '_ga', `widget_${'w'.repeat(900)}`, `tracker_${'t'.repeat(900)}`];
const CONSENTS = [
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, timestamp: 1 })),
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: false, timestamp: 2 })),
];

type Step =
  | { kind: 'cookie'; host: number; name: number; removed: boolean }
  | { kind: 'consent'; host: number; choice: number }
  | { kind: 'charter'; host: number; which: number }
  | { kind: 'storage'; refuse: boolean }
  | { kind: 'access' }
  | { kind: 'ask'; host: number; first: boolean };

const host = fc.nat(HOSTS.length - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('cookie' as const), host, name: fc.nat(NAMES.length - 1), removed: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('consent' as const), host, choice: fc.nat(CONSENTS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('charter' as const), host, which: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('storage' as const), refuse: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'access' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('ask' as const), host, first: fc.boolean() }) },
);

/** The live charter each `which` of a charter step reads: the metropole's charter, ITIE's, or a failure (404); 3 drops the one stored. */
function charterRead(which: number, host: string, at: number): LiveCharterRecord {
  const charter = [METROPOLE_CHARTER, ITIE_CHARTER, null][which] ?? null;
  return charter
    ? { host, fetchedAt: at, url: `https://${host}/terms/cookies-policy/`, charter, problem: null }
    : { host, fetchedAt: at, url: null, charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-information' } };
}

async function play(steps: Step[], budgetBytes: number): Promise<void> {
  const session = fakeSession({}, 'chrome');
  const write = session.write.bind(session);
  let refuse = false;
  session.write = async (items) => (refuse ? Promise.reject(new Error('storage unavailable')) : write(items));
  let at = 1_700_000_000_000;
  const store = createSiteStore(session, 5, {
    budgetBytes,
    retryDelayMs: 1e9,
    now: () => at,
    onRemoved: (keys) => area.forget(keys),
  });
  await store.load();
  const area = createCachedArea(store.area);
  let which = 0;
  const liveCharters = createLiveCharters(
    area,
    async (host, now) => charterRead(which, host, now()),
    () => at,
  );
  const recorder = createRecorder(store, (host) => HOSTS.includes(host));
  const reports = createSiteReports({
    pages: store,
    afterAnswer: (task) => task(),
    recorder,
    recordRevision: (host, storeId) => store.revision(storeId, host),
    // Charters are read by the steps alone: a read a first look starts in the background would land at any time.
    liveCharters: { get: (host) => liveCharters.get(host), refresh: () => Promise.reject(new Error('offline')), pending: () => false },
    registry: async () => registry,
    storageStatus: () => store.status(),
    hasHostAccess: async () => true,
    defaultStoreId: async () => STORE,
    onCharterRead: () => undefined,
    isPortal: () => true,
    now: () => NOW,
  });
  /** The report a worker that never built this site's would build now. */
  const fresh = async (host: string): Promise<Report> => {
    const site = await recorder.site(host, STORE);
    const live = await liveCharters.get(host);
    return buildReport(site, siteRegistry(registry, host, live, ownCookieNames(Object.values(site.cookies))), NOW, live, store.status());
  };
  /** The view a worker that never built this site's report would answer now: a live charter missing or stale is being read. */
  const viewOf = async (host: string, first: boolean): Promise<SiteView> => {
    const report = await fresh(host);
    const page = first ? firstPageOf(report, FIRST_PAGE) : null;
    const charterPending = isStale((await liveCharters.get(host)) ?? undefined, NOW);
    return { kind: 'report', report: page?.report ?? report, charterPending, ...(page ? { partial: page.totals } : {}) };
  };

  /** Every page kept in storage is the one the worker would build now. */
  const checkPages = async () => {
    // While storage refuses writes nothing in it can be replaced (pages written before say all was saved).
    if (store.status().unsavedSince !== null) return;
    for (const host of HOSTS) {
      const text = session.data[pageKey(undefined, host)];
      if (typeof text !== 'string' || text === '') continue;
      expect(sitePageItem(undefined, host).decode(text)).toEqual(await viewOf(host, true));
    }
  };

  for (const s of steps) {
    at += 1000;
    const site = 'host' in s ? HOSTS[s.host]! : '';
    if (s.kind === 'cookie') {
      await recorder.cookieChanged(browserCookie({ name: NAMES[s.name]!, domain: site, storeId: STORE }), s.removed, 'explicit', at);
    } else if (s.kind === 'consent') {
      const cookie = browserCookie({ name: 'cookies_preferences', value: CONSENTS[s.choice]!, domain: site, storeId: STORE });
      await recorder.cookieChanged(cookie, false, 'explicit', at);
    } else if (s.kind === 'charter') {
      which = s.which;
      // Refused while storage refuses writes: the charter before stays.
      if (s.which === 3) await area.remove([liveCharterItem(site).key]).catch(() => undefined);
      else await liveCharters.refresh(site, true).catch(() => undefined);
    } else if (s.kind === 'storage') {
      refuse = s.refuse;
    } else if (s.kind === 'access') {
      await store.retireAllPages().catch(() => undefined);
    } else {
      const view = await reports.view({ host: site, ...(s.first ? { first: FIRST_PAGE } : {}) });
      // Text, not objects: an export is this text, and a field or an order that differs shows in it.
      expect(JSON.stringify(view)).toBe(JSON.stringify(await viewOf(site, s.first)));
    }
    await store.flush();
    await checkPages();
  }
  // Storage takes writes again, and a cookie event writes: everything is saved (a write refused
  // at once, as a host access change's, is not tried again and says so until the next one).
  refuse = false;
  await recorder.cookieChanged(browserCookie({ name: 'sessionid', domain: HOSTS[0], storeId: STORE }), false, 'explicit', at + 1000);
  await store.flush();
  expect(store.status().unsavedSince).toBeNull();
  await checkPages();
}

describe('site reports, kept first pages and reused reports', () => {
  // Two budgets: one that drops records now and then, one so small that what eviction left is deleted too.
  it.each([
    { budgetBytes: 12_000, numRuns: 150 },
    { budgetBytes: 6_000, numRuns: 300 },
  ])(
    'are what the worker would build now, whatever changed before (events, evictions, charters, refused writes, host access; budget $budgetBytes)',
    async ({ budgetBytes, numRuns }) => {
      const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => play(steps, budgetBytes)),
          { seed: 20261205, numRuns },
        );
      } finally {
        quiet.mockRestore();
      }
    },
    60_000,
  );
});

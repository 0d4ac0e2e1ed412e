import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { LiveCharterRecord } from '../../../src/core/charter/live.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { matchCookie } from '../../../src/core/registry/match.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { buildRegistry, type Registry } from '../../../src/core/registry/registry.ts';
import { createReportMemo } from '../../../src/core/report/report-memo.ts';
import { exportReport } from '../../../src/core/report/export.ts';
import { buildReport, type StoreLosses } from '../../../src/core/report/report.ts';
import { ownCookieNames, siteRegistry } from '../../../src/core/report/site-charter.ts';
import { browserCookie } from '../../support/cookies.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../registry/charter-fixtures.ts';

const HOST = 'data.example-metropole.fr';
/** Off the bundled charters and the platform's domains: its platform cookies bring the platform's default charter. */
const OTHER = 'opendata.example.org';
const NOW_MS = 1_700_000_000_000;
const LOSSES: StoreLosses = { sitesDropped: 0, lastDropAt: null, unsavedSince: null };

const withCharter = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
const withoutCharter = buildRegistry({}, { openCookieDatabase: [] });

/**
 * Names of every kind: the charter's, the platform's own, known trackers, unknown ones, the consent
 * cookie, another consent manager's record (which makes a site with the platform's cookies no portal).
 */
const NAMES = [
  'sessionid',
  'csrftoken',
  'ods-lang',
  '_pk_id.1.a1b2',
  '_pk_ses.1.a1b2',
  '_ga',
  '_ga_ABC',
  'widget',
  'unknown_x',
  'axeptio_cookies',
];
const CONSENTS = [
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: true, timestamp: NOW_MS - 1000 })),
  encodeURIComponent(JSON.stringify({ functional_cookies: true, matomo: false, ga: false, timestamp: NOW_MS - 500 })),
];
const LIVES: Array<(host: string, at: number) => LiveCharterRecord | null> = [
  () => null,
  (host, at) => ({ host, fetchedAt: at, url: `https://${host}/terms/cookies-policy/`, charter: METROPOLE_CHARTER, problem: null }),
  (host, at) => ({ host, fetchedAt: at, url: `https://${host}/terms/cookies-policy/`, charter: ITIE_CHARTER, problem: null }),
  (host, at) => ({
    host,
    fetchedAt: at,
    url: null,
    charter: null,
    problem: { kind: 'http', status: 404, path: '/terms/cookies-information' },
  }),
];

type Step =
  | {
      kind: 'cookie';
      name: number;
      domain: boolean;
      removed: boolean;
      embedded: boolean;
      days: number | null;
      seconds: number | null;
      path: number;
    }
  | { kind: 'consent'; choice: number }
  | { kind: 'charter'; live: number }
  | { kind: 'registry'; charter: boolean }
  | { kind: 'ask' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('cookie' as const),
      name: fc.nat(NAMES.length - 1),
      domain: fc.boolean(),
      removed: fc.boolean(),
      embedded: fc.boolean(),
      days: fc.option(fc.integer({ min: 0, max: 800 })),
      // A lifetime of a few seconds instead (when there is one): an expiry passes between two asks, the record unchanged.
      seconds: fc.option(fc.nat(4)),
      path: fc.nat(2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('consent' as const), choice: fc.nat(CONSENTS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('charter' as const), live: fc.nat(LIVES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('registry' as const), charter: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'ask' as const }) },
);

/** Plays `steps` on one site, as the worker would: the record in place, its revision counted, each charter read at a new time. */
function play(host: string, steps: Step[], check: (memoReport: unknown, fresh: unknown) => void): void {
  const memo = createReportMemo({ maxSites: 2 });
  const site: SiteRecord = emptySite(host, '0');
  let revision = 0;
  let base: Registry = withCharter;
  let live: LiveCharterRecord | null = null;
  let at = NOW_MS;
  const ask = () => {
    const now = at;
    const cached = memo.report({ site, revision, base, live, now, losses: LOSSES });
    const names = ownCookieNames(Object.values(site.cookies));
    check(cached, buildReport(site, siteRegistry(base, host, live, names), now, live, LOSSES));
  };
  for (const s of steps) {
    at += 1000;
    if (s.kind === 'cookie') {
      const name = NAMES[s.name]!;
      const domain = s.domain ? `.${host}` : host;
      const cookie = browserCookie({
        name,
        domain,
        hostOnly: !s.domain,
        path: ['/', '/api', '/explore'][s.path]!,
        session: s.days === null,
        expirationDate: s.days === null ? undefined : at / 1000 + (s.seconds ?? s.days * 86400),
      });
      if (recordCookieChange(site, cookie, s.removed, at, s.embedded ? { via: 'frame' } : {})) revision++;
    } else if (s.kind === 'consent') {
      if (recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: host, value: CONSENTS[s.choice]! }), false, at))
        revision++;
    } else if (s.kind === 'charter') {
      live = LIVES[s.live]!(host, at);
    } else if (s.kind === 'registry') {
      base = s.charter ? withCharter : buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: [] });
    } else ask();
  }
  ask();
}

describe('report memo', () => {
  it('gives the report a fresh build gives, after any sequence of cookie events, consent choices, charter and registry changes', () => {
    for (const host of [HOST, OTHER]) {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          play(host, steps, (cached, fresh) => expect(cached).toEqual(fresh));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('matches again only the cookie an event brings, and none when nothing changed', () => {
    const match = vi.fn(matchCookie);
    const memo = createReportMemo({ match });
    const site = emptySite(HOST, '0');
    for (let i = 0; i < 200; i++) recordCookieChange(site, browserCookie({ name: `cookie_${i}`, domain: HOST }), false, NOW_MS + i);
    const inputs = { site, base: withCharter, live: null, now: NOW_MS + 1000, losses: LOSSES };
    memo.report({ ...inputs, revision: 1 });
    expect(match).toHaveBeenCalledTimes(200);

    match.mockClear();
    const again = memo.report({ ...inputs, revision: 1, now: NOW_MS + 2000 });
    expect(match).not.toHaveBeenCalled();
    expect(again.generatedAt).toBe(NOW_MS + 2000);

    match.mockClear();
    recordCookieChange(site, browserCookie({ name: '_ga', domain: `.${HOST}`, hostOnly: false }), false, NOW_MS + 3000);
    const afterEvent = memo.report({ ...inputs, revision: 2 });
    expect(match).toHaveBeenCalledTimes(1);
    expect(match.mock.calls[0]![2]).toMatchObject({ name: '_ga', domain: `.${HOST}` });
    expect(afterEvent.cookies).toHaveLength(201);

    // A change of an existing cookie (a new expiry, a removal) needs no new match: its identity is the same.
    match.mockClear();
    recordCookieChange(site, browserCookie({ name: 'cookie_3', domain: HOST }), true, NOW_MS + 4000);
    const afterRemoval = memo.report({ ...inputs, revision: 3 });
    expect(match).not.toHaveBeenCalled();
    expect(afterRemoval.cookies.at(-1)).toMatchObject({ name: 'cookie_3', removed: NOW_MS + 4000 });
  });

  it('matches everything again when the live charter or the registry changes, and builds again when the record changes', () => {
    const match = vi.fn(matchCookie);
    const memo = createReportMemo({ match });
    const site = emptySite(HOST, '0');
    for (const name of ['sessionid', '_ga', 'widget']) recordCookieChange(site, browserCookie({ name, domain: HOST }), false, NOW_MS);
    const inputs = { site, revision: 1, base: withCharter, live: null, now: NOW_MS, losses: LOSSES };
    const first = memo.report(inputs);
    expect(first.charter.kind).toBe('bundled');

    match.mockClear();
    const live = LIVES[2]!(HOST, NOW_MS)!;
    const againstLive = memo.report({ ...inputs, live });
    expect(match).toHaveBeenCalledTimes(3);
    expect(againstLive.charter).toMatchObject({ kind: 'live', portal: ITIE_CHARTER.portal });

    match.mockClear();
    const otherRegistry = memo.report({ ...inputs, live, base: withoutCharter });
    expect(match).toHaveBeenCalledTimes(3);
    expect(otherRegistry).not.toBe(againstLive);

    // The same revision of a record replaced by another object (parsed again, evicted) is built again.
    match.mockClear();
    const replaced = structuredClone(site);
    memo.report({ ...inputs, site: replaced, live, base: withoutCharter });
    expect(match).not.toHaveBeenCalled();
    const cookiesBefore = memo.report({ ...inputs, site: replaced, live, base: withoutCharter }).cookies;
    recordCookieChange(replaced, browserCookie({ name: 'widget', domain: HOST }), true, NOW_MS + 5);
    const rebuilt = memo.report({ ...inputs, site: replaced, revision: 2, live, base: withoutCharter });
    expect(rebuilt.cookies).not.toBe(cookiesBefore);
    expect(rebuilt.cookies.find((c) => c.name === 'widget')?.removed).toBe(NOW_MS + 5);
  });

  it("recognises a portal on its own domain by its own cookies, never by embedded content's", () => {
    const memo = createReportMemo();
    const site = emptySite(OTHER, '0');
    recordCookieChange(site, browserCookie({ name: 'PHPSESSID', domain: OTHER }), false, NOW_MS);
    // A form served by another Django site, in a frame of the page: its cookies are filed under the site.
    for (const name of ['csrftoken', 'sessionid'])
      recordCookieChange(site, browserCookie({ name, domain: 'forms.widget-maker.net' }), false, NOW_MS, { via: 'frame' });
    const inputs = { site, revision: 1, base: withoutCharter, live: null, now: NOW_MS, losses: LOSSES };
    const embedded = memo.report(inputs);
    expect(embedded.charter.kind).toBe('none');
    // No charter, so nothing is "not seen", and no consent banner is expected of the site.
    expect(embedded.findings.filter((finding) => finding.kind !== 'undeclared')).toEqual([]);

    for (const name of ['csrftoken', 'sessionid']) recordCookieChange(site, browserCookie({ name, domain: OTHER }), false, NOW_MS + 1);
    expect(memo.report({ ...inputs, revision: 2 }).charter.kind).toBe('platform-default');
  });

  it('builds again when another consent manager’s record among its own cookies makes a Django site no portal', () => {
    const memo = createReportMemo();
    const site = emptySite(OTHER, '0');
    for (const name of ['csrftoken', 'sessionid']) recordCookieChange(site, browserCookie({ name, domain: OTHER }), false, NOW_MS);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: OTHER }), false, NOW_MS + 1);
    const inputs = { site, revision: 1, base: withoutCharter, live: null, now: NOW_MS, losses: LOSSES };
    const before = memo.report(inputs);
    expect(before.charter.kind).toBe('platform-default');
    expect(before.findings.map((finding) => `${finding.kind} ${finding.cookie}`)).toContain('before-consent _ga');

    // An embedded frame's consent manager says nothing of the site.
    recordCookieChange(site, browserCookie({ name: 'didomi_token', domain: 'forms.widget-maker.net' }), false, NOW_MS + 2, {
      via: 'frame',
    });
    expect(memo.report({ ...inputs, revision: 2 }).charter.kind).toBe('platform-default');

    recordCookieChange(site, browserCookie({ name: 'didomi_token', domain: OTHER }), false, NOW_MS + 3);
    const after = memo.report({ ...inputs, revision: 3 });
    expect(after.charter.kind).toBe('none');
    expect(after.consent.state).toBe('unknown');
    expect(after.findings.filter((finding) => finding.kind === 'before-consent')).toEqual([]);
  });

  it('builds again when the live charter is gone (storage dropped it to make room) or failed again', () => {
    const memo = createReportMemo();
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: HOST }), false, NOW_MS);
    const live = LIVES[2]!(HOST, NOW_MS)!;
    const inputs = { site, revision: 1, base: withCharter, live, now: NOW_MS, losses: LOSSES };
    expect(memo.report(inputs).charter.kind).toBe('live');
    expect(memo.report({ ...inputs, live: null }).charter).toMatchObject({ kind: 'bundled', live: null });
    const failedAgain = memo.report({ ...inputs, live: { ...live, problem: { kind: 'network' }, failedAt: NOW_MS + 9 } });
    expect(failedAgain.charter.live).toMatchObject({ failedAt: NOW_MS + 9 });
  });

  it('builds again for each attempt the worker names, even one stored with the times of the one before', () => {
    // A forced read in the same millisecond, or after the clock was set back: the same times, another charter.
    const memo = createReportMemo();
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: HOST }), false, NOW_MS);
    const inputs = { site, revision: 1, base: withCharter, now: NOW_MS, losses: LOSSES };
    const metropole = { ...LIVES[1]!(HOST, NOW_MS)!, attempt: 'first' };
    const itie = { ...LIVES[2]!(HOST, NOW_MS)!, attempt: 'second' };
    expect(memo.report({ ...inputs, live: metropole }).charter).toMatchObject({ kind: 'live', portal: METROPOLE_CHARTER.portal });
    expect(memo.report({ ...inputs, live: itie }).charter).toMatchObject({ kind: 'live', portal: ITIE_CHARTER.portal });
    expect(memo.report({ ...inputs, live: { ...metropole, attempt: 'third' } }).charter).toMatchObject({
      portal: METROPOLE_CHARTER.portal,
    });
  });

  it('stamps a report built before with the storage fields a fresh build states, no others, in their order: its JSON export is the same', () => {
    const memo = createReportMemo();
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: 'sessionid', domain: HOST }), false, NOW_MS);
    // The store's status carries its whole ledger: a count of host access changes besides the losses.
    const status = { sitesDropped: 2, lastDropAt: NOW_MS - 10, accessChanges: 1, unsavedSince: NOW_MS - 5 };
    const inputs = { site, revision: 1, base: withCharter, live: null, losses: status };
    memo.report({ ...inputs, now: NOW_MS });
    const cached = memo.report({ ...inputs, now: NOW_MS + 1000 });
    const fresh = buildReport(
      site,
      siteRegistry(withCharter, HOST, null, ownCookieNames(Object.values(site.cookies))),
      NOW_MS + 1000,
      null,
      status,
    );
    expect(exportReport(cached, 'json').text).toBe(exportReport(fresh, 'json').text);
    expect(cached.storage).not.toHaveProperty('accessChanges');
  });

  it('keeps a bounded number of sites, the least recently asked for dropped first', () => {
    const memo = createReportMemo({ maxSites: 2 });
    const ask = (host: string) =>
      memo.report({
        site: emptySite(host, '0'),
        revision: 0,
        base: withCharter,
        live: null,
        now: NOW_MS,
        losses: LOSSES,
      });
    ask('a.example');
    ask('b.example');
    ask('c.example');
    expect(memo.size).toBe(2);
    memo.clear();
    expect(memo.size).toBe(0);
  });
});

describe('report memo and cookie expiry', () => {
  const DAY = 86400;
  const T0 = 1_800_000_000_000;
  const TCO = 'data.tco.re';
  const bundled = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const choice = (flags: Record<string, boolean>, at: number) =>
    browserCookie({
      name: 'cookies_preferences',
      domain: TCO,
      httpOnly: false,
      expirationDate: at / 1000 + 183 * DAY,
      value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ...flags, timestamp: at })),
    });
  /** Accepted at T0, gtag's one-minute `_gat_gtag_*` set then, Google Analytics refused 30 s later: kept until it expires at T0 + 60 s. */
  function refusedSite(): SiteRecord {
    const site = emptySite(TCO, '0');
    recordCookieChange(site, choice({ ga: true }, T0), false, T0);
    const gat = browserCookie({ name: '_gat_gtag_UA_1_1', domain: '.tco.re', hostOnly: false, expirationDate: T0 / 1000 + 60 });
    recordCookieChange(site, gat, false, T0 + 10);
    recordCookieChange(site, choice({ ga: false }, T0 + 30_000), false, T0 + 30_000);
    return site;
  }
  const inputs = (site: SiteRecord, now: number) => ({ site, revision: 1, base: bundled, live: null, now, losses: LOSSES });
  const fresh = (site: SiteRecord, now: number) =>
    buildReport(site, siteRegistry(bundled, TCO, null, ownCookieNames(Object.values(site.cookies))), now, null, LOSSES);

  it('builds again once a cookie it showed present has expired, the record unchanged: the report a fresh build gives', () => {
    const site = refusedSite();
    const memo = createReportMemo();
    const before = memo.report(inputs(site, T0 + 31_000));
    expect(before.findings.some((f) => f.kind === 'after-refusal' && f.cookie === '_gat_gtag_UA_1_1')).toBe(true);
    const later = memo.report(inputs(site, T0 + 300_000));
    expect(later).toEqual(fresh(site, T0 + 300_000));
    expect(later.cookies.find((c) => c.name === '_gat_gtag_UA_1_1')).toMatchObject({ expired: true });
    expect(later.findings.some((f) => f.kind === 'after-refusal' && f.cookie === '_gat_gtag_UA_1_1')).toBe(false);
  });

  it('builds again when the clock went back before an expiry it judged past', () => {
    const site = refusedSite();
    const memo = createReportMemo();
    memo.report(inputs(site, T0 + 300_000));
    expect(memo.report(inputs(site, T0 + 31_000))).toEqual(fresh(site, T0 + 31_000));
  });

  it('reuses the report built before while no expiry passed: to the millisecond before the first one', () => {
    const site = refusedSite();
    const match = vi.fn(matchCookie);
    const memo = createReportMemo({ match });
    const first = memo.report(inputs(site, T0 + 31_000));
    // The same cookies array: the report was not built again.
    expect(memo.report(inputs(site, T0 + 45_000)).cookies).toBe(first.cookies);
    expect(memo.report(inputs(site, T0 + 59_999)).cookies).toBe(first.cookies);
    match.mockClear();
    expect(memo.report(inputs(site, T0 + 60_000)).cookies).not.toBe(first.cookies);
    // Built again for the time alone: nothing matched again.
    expect(match).not.toHaveBeenCalled();
    // Once it is past, no expiry is ahead but the choice cookie's, half a year later: reused again.
    const expired = memo.report(inputs(site, T0 + 61_000));
    expect(memo.report(inputs(site, T0 + 3_600_000)).cookies).toBe(expired.cookies);
  });
});

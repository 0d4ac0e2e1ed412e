import { describe, expect, it } from 'vitest';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { buildRegistry, charterFor } from '../../../src/core/registry/registry.ts';
import type { LiveCharterRecord } from '../../../src/core/charter/live-record.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { hasPlatformCookies, isPortalByCookies, ownCookieNames, siteRegistry } from '../../../src/core/report/site-charter.ts';
import type { BrowserCookie } from '../../../src/core/cookies/cookie-record.ts';
import { browserCookie } from '../../support/cookies.ts';
import { ITIE_CHARTER } from '../registry/charter-fixtures.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';

const base = buildRegistry({ 'itie.opendatasoft.com': ITIE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
const live = (host: string) => ({
  host,
  fetchedAt: 5,
  url: `https://${host}/terms/cookies-policy/`,
  problem: null,
  charter: {
    portal: host,
    language: 'fr' as const,
    entries: [
      { ...ITIE_CHARTER.entries[0]!, purpose: 'Live wording' },
      {
        provider: 'Matomo',
        service: null,
        cookie: '_pk_id.',
        match: 'prefix' as const,
        purpose: 'Visits',
        duration: '13 mois',
        category: 'statistics' as const,
      },
    ],
  },
});

describe('siteRegistry', () => {
  it('uses a live charter over the bundled one, and reports what changed', () => {
    const host = 'itie.opendatasoft.com';
    const registry = siteRegistry(base, host, live(host), []);
    expect(charterFor(registry, host).kind).toBe('live');
    const site = emptySite(host, '0');
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.a', domain: host }), false, 1);
    const report = buildReport(site, registry, 10, live(host));
    expect(report.charter).toMatchObject({ kind: 'live', entries: 2, live: { fetchedAt: 5, problem: null } });
    expect(report.charter.changes?.added.map((e) => e.cookie)).toEqual(['_pk_id.']);
    expect(report.charter.changes?.changed[0]?.fields[0]).toEqual({ field: 'purpose', before: 'Bundled wording', after: 'Live wording' });
    expect(report.cookies[0]).toMatchObject({ status: 'declared', reference: { kind: 'charter', charterKind: 'live' } });
    // The shared registry is untouched.
    expect(charterFor(base, host).kind).toBe('bundled');
  });

  it('compares a live charter with the portal’s bundled one under its other platform name (NAME.huwise.com)', () => {
    const host = 'itie.huwise.com';
    const report = buildReport(emptySite(host, '0'), siteRegistry(base, host, live(host), []), 10, live(host));
    expect(report.charter.changes?.added.map((e) => e.cookie)).toEqual(['_pk_id.']);
  });

  it('gives a live charter of an unbundled portal no change list', () => {
    const host = 'x.huwise.com';
    const report = buildReport(emptySite(host, '0'), siteRegistry(base, host, live(host), []), 10, live(host));
    expect(report.charter).toMatchObject({ kind: 'live', changes: null });
  });

  it('says when a later read failed while the live charter read before is kept, and when none did', () => {
    const host = 'x.huwise.com';
    const kept: LiveCharterRecord = { ...live(host), problem: { kind: 'network' }, failedAt: 20 };
    const report = buildReport(emptySite(host, '0'), siteRegistry(base, host, kept, []), 30, kept);
    expect(report.charter).toMatchObject({ kind: 'live', live: { fetchedAt: kept.fetchedAt, problem: { kind: 'network' }, failedAt: 20 } });
    const fine = buildReport(emptySite(host, '0'), siteRegistry(base, host, live(host), []), 30, live(host));
    expect(fine.charter.live).not.toHaveProperty('failedAt');
  });

  it('passes on the name of the attempt the worker stored, for the pages to tell a new read by it', () => {
    const host = 'x.huwise.com';
    const named: LiveCharterRecord = { ...live(host), attempt: 'second' };
    expect(buildReport(emptySite(host, '0'), siteRegistry(base, host, named, []), 30, named).charter.live).toMatchObject({
      attempt: 'second',
    });
    expect(buildReport(emptySite(host, '0'), siteRegistry(base, host, live(host), []), 30, live(host)).charter.live).not.toHaveProperty(
      'attempt',
    );
  });

  it('recognises the platform on its own domain by its cookies when no charter could be read', () => {
    const failed: LiveCharterRecord = {
      host: 'data.example.fr',
      fetchedAt: 1,
      url: null,
      charter: null,
      problem: { kind: 'http', status: 404, path: '/terms/cookies-information' },
    };
    expect(charterFor(siteRegistry(base, 'data.example.fr', failed, ['csrftoken', 'sessionid']), 'data.example.fr').kind).toBe(
      'platform-default',
    );
    expect(charterFor(siteRegistry(base, 'shop.example.fr', failed, ['sessionid', 'cart']), 'shop.example.fr').kind).toBe('none');
    const report = buildReport(emptySite('shop.example.fr', '0'), base, 1, failed);
    expect(report.charter).toMatchObject({
      kind: 'none',
      live: { problem: { kind: 'http', status: 404, path: '/terms/cookies-information' } },
    });
  });

  it('keeps a bundled portal’s charter when its address ends with the root’s dot', () => {
    const host = 'itie.opendatasoft.com.';
    expect(charterFor(siteRegistry(base, host, null, ['csrftoken', 'sessionid']), host).kind).toBe('bundled');
  });

  it('reads a failed record an older version stored, its problem as English text, as a problem not understood', () => {
    const stored = JSON.parse(
      '{"host":"data.example.fr","fetchedAt":1,"url":null,"charter":null,"problem":"network error (offline, or the site cannot be reached)"}',
    ) as LiveCharterRecord;
    const report = buildReport(emptySite('data.example.fr', '0'), siteRegistry(base, 'data.example.fr', stored, []), 1, stored);
    expect(report.charter.live).toEqual({ fetchedAt: 1, url: null, problem: { kind: 'unknown' } });
  });

  it('knows the platform’s cookie set', () => {
    expect(hasPlatformCookies(['csrftoken', 'django_language'])).toBe(true);
    expect(hasPlatformCookies(['csrftoken'])).toBe(false);
    expect(hasPlatformCookies(['sessionid', 'cookies_preferences'])).toBe(false);
  });

  it('takes a site for a portal by its cookies only when no other consent manager keeps its visitors’ choice', () => {
    expect(isPortalByCookies(['csrftoken', 'sessionid'])).toBe(true);
    expect(isPortalByCookies(['csrftoken', 'sessionid', 'cmplz_functional'])).toBe(false);
    expect(isPortalByCookies(['csrftoken', 'sessionid', 'cookies_preferences', 'OptanonConsent'])).toBe(false);
    expect(isPortalByCookies(['sessionid', 'didomi_token'])).toBe(false);
    expect(isPortalByCookies(['csrftoken', 'sessionid', 'TC_PRIVACY'])).toBe(false);
  });
});

describe('a Django site that is no portal', () => {
  const NOW = 1_795_320_000_000;
  const DAY_S = 86_400;
  /** A site whose cookies were set in this order, one millisecond apart. */
  function visited(host: string, cookies: BrowserCookie[]) {
    const site = emptySite(host, '0');
    cookies.forEach((cookie, index) => recordCookieChange(site, cookie, false, NOW + index));
    return site;
  }
  function reportOn(site: ReturnType<typeof visited>, registry = base, liveRecord: LiveCharterRecord | null = null) {
    const names = ownCookieNames(Object.values(site.cookies));
    return buildReport(site, siteRegistry(registry, site.host, liveRecord, names), NOW + 10_000, liveRecord);
  }
  const own = (host: string, name: string, overrides: Partial<BrowserCookie> = {}) =>
    browserCookie({ name, domain: host, expirationDate: NOW / 1000 + 30 * DAY_S, ...overrides });
  const ga = (site: string) => browserCookie({ name: '_ga', domain: `.${site}`, hostOnly: false, httpOnly: false });
  const consentFindings = (report: ReturnType<typeof reportOn>) =>
    report.findings.filter((finding) => finding.kind === 'before-consent' || finding.kind === 'after-refusal');
  /** A read of the charter paths that failed for a reason that says nothing of the site (no connection). */
  const unreachable = (host: string): LiveCharterRecord => ({
    host,
    fetchedAt: NOW,
    url: null,
    charter: null,
    problem: { kind: 'network' },
  });

  it('is not taken for a portal when its own cookies hold another consent manager’s record (the reviewer’s case: Axeptio)', () => {
    const host = 'shop.django-example.org';
    const site = visited(host, [
      own(host, 'csrftoken'),
      own(host, 'sessionid'),
      // Axeptio's acceptance, then Google Analytics, as the site's own banner allows.
      own(host, 'axeptio_cookies', { httpOnly: false, value: encodeURIComponent('{"google_analytics":true}') }),
      ga('django-example.org'),
    ]);
    for (const liveRecord of [null, unreachable(host)]) {
      const report = reportOn(site, base, liveRecord);
      expect(report.charter.kind).toBe('none');
      expect(report.consent.state).toBe('unknown');
      expect(consentFindings(report)).toEqual([]);
      // No charter that is not the site's: the platform's "2 weeks" is not held against its 30-day session.
      expect(report.findings.filter((finding) => finding.kind === 'lifetime')).toEqual([]);
    }
  });

  it('is still not taken for a portal once the browser removed that record (expired): the site does not turn into a portal, false alarms and all', () => {
    const host = 'shop.django-example.org';
    const site = visited(host, [own(host, 'csrftoken'), own(host, 'sessionid'), own(host, 'didomi_token', { httpOnly: false })]);
    recordCookieChange(site, own(host, 'didomi_token', { httpOnly: false }), true, NOW + 5);
    recordCookieChange(site, ga('django-example.org'), false, NOW + 6);
    const report = reportOn(site);
    expect(report.charter.kind).toBe('none');
    expect(consentFindings(report)).toEqual([]);
  });

  it('still takes a portal on its own domain whose charter could not be read for one, and finds a tracker set before the choice', () => {
    const host = 'data.example.fr';
    const site = visited(host, [own(host, 'csrftoken'), own(host, 'sessionid'), ga('example.fr')]);
    const failures: LiveCharterRecord[] = [
      unreachable(host),
      { host, fetchedAt: NOW, url: null, charter: null, problem: { kind: 'http', status: 500, path: '/terms/cookies-policy/' } },
      // Every charter path answered 404: an administrator may link the charter to a page on another site instead (README).
      { host, fetchedAt: NOW, url: null, charter: null, problem: { kind: 'http', status: 404, path: '/terms/cookies-information' } },
      { host, fetchedAt: NOW, url: null, charter: null, problem: { kind: 'redirected', to: 'https://www.example.fr' } },
    ];
    for (const liveRecord of [null, ...failures]) {
      const report = reportOn(site, base, liveRecord);
      expect(report.charter.kind).toBe('platform-default');
      expect(report.consent.state).toBe('none');
      expect(consentFindings(report).map((finding) => `${finding.kind} ${finding.severity} ${finding.cookie}`)).toEqual([
        'before-consent high _ga',
      ]);
    }
  });

  it('changes nothing on a platform host or a bundled portal’s when a consent manager’s record is among its cookies', () => {
    const bundledHost = 'data.bundled-example.fr';
    const registry = buildRegistry(
      { 'itie.opendatasoft.com': ITIE_CHARTER, [bundledHost]: ITIE_CHARTER },
      { openCookieDatabase: bundledOpenCookieDatabaseRows() },
    );
    for (const [host, site] of [
      ['x.opendatasoft.com', 'x.opendatasoft.com'],
      ['itie.opendatasoft.com', 'itie.opendatasoft.com'],
      [bundledHost, 'bundled-example.fr'],
    ] as const) {
      const platform = [own(host, 'csrftoken'), own(host, 'sessionid')];
      const without = reportOn(visited(host, [...platform, ga(site)]), registry);
      const withRecord = reportOn(visited(host, [...platform, own(host, 'OptanonConsent', { httpOnly: false }), ga(site)]), registry);
      expect(withRecord.charter).toEqual(without.charter);
      expect(withRecord.consent).toEqual(without.consent);
      const gaFindings = (report: typeof without) => report.findings.filter((finding) => finding.cookie === '_ga');
      expect(gaFindings(withRecord)).toEqual(gaFindings(without));
      expect(gaFindings(without).map((finding) => `${finding.kind} ${finding.severity}`)).toContain('before-consent high');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { buildRegistry, charterFor } from '../../../src/core/registry/registry.ts';
import type { LiveCharterRecord } from '../../../src/core/charter/live-record.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { hasPlatformCookies, siteRegistry } from '../../../src/core/report/site-charter.ts';
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
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCharter } from '../../../src/core/charter/index.ts';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { lasting } from '../../../src/core/registry/known-lifetime.ts';
import type { KnownTracker } from '../../../src/core/registry/known-trackers.ts';
import { charterEntriesSeen, matchCookie, siteMatcher, type MatchResult } from '../../../src/core/registry/match.ts';
import type { OpenCookieDatabaseRow } from '../../../src/core/registry/open-cookie-database-document.ts';
import { MAX_DOMAIN_CELL_LENGTH } from '../../../src/core/registry/open-cookie-database-domain.ts';
import { buildRegistry, charterFor, withSiteCharter } from '../../../src/core/registry/registry.ts';
import { BUNDLED_CHARTERS } from './charter-fixtures.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';

const registry = buildRegistry(BUNDLED_CHARTERS, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
const METROPOLE = 'data.example-metropole.fr';
const UNBUNDLED_ODS = 'someportal.opendatasoft.com';
const UNBUNDLED_HUWISE = 'someportal.huwise.com';
const CUSTOMER = 'data.other-city.fr';

/** Matches a cookie set on the site's own host (the usual case for first-party cookies). */
const onSite = (host: string, name: string, reg = registry): MatchResult => matchCookie(reg, host, { name, domain: host });

const ocdRow = (overrides: Partial<OpenCookieDatabaseRow> & Pick<OpenCookieDatabaseRow, 'id' | 'name'>): OpenCookieDatabaseRow => ({
  platform: `Platform of ${overrides.id}`,
  category: 'Analytics',
  domain: '',
  description: `Description of ${overrides.id}`,
  retention: '1 year',
  wildcard: false,
  ...overrides,
});

const tracker = (overrides: Partial<KnownTracker> & Pick<KnownTracker, 'id' | 'cookie'>): KnownTracker => ({
  provider: 'Vendor',
  service: 'Service',
  match: 'exact',
  domain: null,
  purpose: `Purpose of ${overrides.id}`,
  purposeFr: `Finalité de ${overrides.id}`,
  lifetime: lasting(1, 'day'),
  consentKeys: [],
  category: 'statistics',
  sourceUrl: 'https://example.com/docs',
  ...overrides,
});

const charterEntry = (overrides: Partial<CharterEntry> & Pick<CharterEntry, 'cookie' | 'purpose'>): CharterEntry => ({
  provider: 'Portal',
  service: null,
  match: 'exact',
  duration: null,
  category: 'statistics',
  ...overrides,
});

const rowId = (result: MatchResult): string | null => (result.reference?.kind === 'open-cookie-database' ? result.reference.rowId : null);
const trackerId = (result: MatchResult): string | null => (result.reference?.kind === 'known-tracker' ? result.reference.id : null);

describe('matchCookie: the site charter', () => {
  it('matches an exact name declared by the bundled charter, with the entry it used', () => {
    expect(onSite(METROPOLE, 'sessionid')).toEqual({
      source: 'charter',
      rule: 'exact',
      declared: true,
      provider: 'Opendatasoft',
      service: 'Authentication',
      purpose: 'Keeps you signed in between pages',
      duration: '2 weeks by default',
      knownLifetime: null,
      category: 'necessary',
      reference: { kind: 'charter', charterKind: 'bundled', host: METROPOLE, entryIndex: 0, cookie: 'sessionid', match: 'exact' },
    });
  });

  it('prefers the charter exact name over its prefixes', () => {
    const result = onSite(METROPOLE, '_pk_id.9.special');
    expect([result.source, result.rule, result.purpose]).toEqual(['charter', 'exact', 'One special Matomo cookie']);
  });

  it('prefers the charter longest prefix over a shorter one', () => {
    const result = onSite(METROPOLE, '_pk_id.1.abcd');
    expect([result.source, result.rule, result.purpose]).toEqual(['charter', 'prefix', 'Counts visits anonymously']);
    expect(onSite(METROPOLE, '_pk_ses.1.abcd').purpose).toBe('Any Matomo cookie');
  });

  it('prefers the charter over known trackers and the Open Cookie Database', () => {
    const result = onSite(METROPOLE, '_ga');
    expect([result.source, result.declared, result.purpose]).toEqual(['charter', true, 'Audience measurement as the portal words it']);
  });

  it('reports the first of two entries declaring the same cookie', () => {
    const result = onSite(METROPOLE, 'csrftoken');
    expect(result.purpose).toBe('Protects API calls');
    expect(result.reference).toMatchObject({ entryIndex: 1 });
  });

  it('matches charter names whatever the cookie domain (the charter speaks for the site)', () => {
    expect(matchCookie(registry, METROPOLE, { name: 'sessionid', domain: '.example-metropole.fr' }).source).toBe('charter');
  });

  it.each([UNBUNDLED_ODS, UNBUNDLED_HUWISE])('uses the platform default charter on the unbundled portal %s', (host) => {
    const result = onSite(host, 'cookies_preferences');
    expect(result).toMatchObject({
      source: 'charter',
      rule: 'exact',
      declared: true,
      provider: 'Huwise',
      service: null,
      duration: '6 months',
      category: 'necessary',
      reference: { kind: 'charter', charterKind: 'platform-default', host: null, entryIndex: 2 },
    });
    for (const name of ['sessionid', 'django_language', 'csrftoken']) expect(onSite(host, name).source).toBe('charter');
  });

  it('reads an exact name as its family when the known trackers list the stem with "." or "_" as a prefix', () => {
    const stems = buildRegistry(
      {
        'stems.example': {
          portal: 'stems.example',
          language: 'fr',
          entries: [
            charterEntry({ provider: 'Matomo', cookie: '_pk_id', purpose: 'Visits' }),
            charterEntry({ provider: 'Google', cookie: '_ga', purpose: 'Visitor' }),
            charterEntry({ provider: 'Google', cookie: '_gat', purpose: 'Throttle' }),
            charterEntry({ provider: 'Huwise', cookie: 'sessionid', purpose: 'Session', category: 'necessary' }),
          ],
        },
      },
      { openCookieDatabase: [] },
    );
    const visit = onSite('stems.example', '_pk_id.1.a1b2', stems);
    expect([visit.source, visit.declared, visit.rule, visit.purpose, visit.reference]).toEqual([
      'charter',
      true,
      'prefix',
      'Visits',
      { kind: 'charter', charterKind: 'bundled', host: 'stems.example', entryIndex: 0, cookie: '_pk_id', match: 'exact' },
    ]);
    // The trackers know `_ga` as a cookie of its own beside GA4's `_ga_<ID>`: the stem is not that family.
    expect(onSite('stems.example', '_ga', stems).rule).toBe('exact');
    expect(onSite('stems.example', '_ga_ABC123', stems).declared).toBe(false);
    // `_gat` is a cookie of its own too, but a named tracker's `_gat_<name>` (gtag.js's `_gat_gtag_<property>`) is that same cookie renamed.
    expect(onSite('stems.example', '_gat', stems)).toMatchObject({ declared: true, rule: 'exact', purpose: 'Throttle' });
    for (const named of ['_gat_gtag_UA_12345_1', '_gat_UA-12345-1']) {
      expect(onSite('stems.example', named, stems), named).toMatchObject({
        source: 'charter',
        declared: true,
        rule: 'prefix',
        purpose: 'Throttle',
      });
    }
    // No tracker documents a sessionid family, nor a `_pk_id-` one: those stay undeclared.
    expect(onSite('stems.example', 'sessionid_x', stems).declared).toBe(false);
    expect(onSite('stems.example', 'sessionid.x', stems).declared).toBe(false);
    expect(onSite('stems.example', '_pk_idx', stems).declared).toBe(false);
    // Without the tracker that lists the family, the stem is one exact name again.
    const untracked = buildRegistry(
      { 'stems.example': charterFor(stems, 'stems.example').charter! },
      { knownTrackers: [], openCookieDatabase: [] },
    );
    expect(onSite('stems.example', '_pk_id.1.a1b2', untracked).declared).toBe(false);
  });

  it('reads an exact name that is a family’s prefix, separator included, as that family (`_pk_id.`, `_ga_`, `xtan`)', () => {
    const prefixes = buildRegistry(
      {
        'prefixes.example': {
          portal: 'prefixes.example',
          language: 'fr',
          entries: [
            charterEntry({ provider: 'Matomo', cookie: '_pk_id.', purpose: 'Visits' }),
            charterEntry({ provider: 'Google', cookie: '_ga_', purpose: 'GA4' }),
            charterEntry({ provider: 'Hotjar', cookie: '_hjSessionUser_', purpose: 'User' }),
            charterEntry({ provider: 'AT Internet', cookie: 'xtan', purpose: 'Site number' }),
          ],
        },
      },
      { openCookieDatabase: [] },
    );
    for (const [name, purpose] of [
      ['_pk_id.1.a1b2', 'Visits'],
      ['_ga_ABC123', 'GA4'],
      ['_hjSessionUser_1234', 'User'],
      ['xtan123456', 'Site number'],
    ]) {
      expect(onSite('prefixes.example', name!, prefixes), name).toMatchObject({
        source: 'charter',
        declared: true,
        rule: 'prefix',
        purpose,
      });
    }
    // Still the cookie named so, exactly; and no family the trackers do not list.
    expect(onSite('prefixes.example', '_pk_id.', prefixes).rule).toBe('exact');
    expect(onSite('prefixes.example', '_ga', prefixes).declared).toBe(false);
  });

  it('reads no family into a name beyond it: `xtan` is not AT Internet’s `xtant` family', () => {
    const entries = [charterEntry({ provider: 'AT Internet', cookie: 'xtan', purpose: 'Site number' })];
    const xtan = buildRegistry({ 'xtan.example': { portal: 'xtan.example', language: 'fr', entries } }, { openCookieDatabase: [] });
    expect(onSite('xtan.example', 'xtan483323', xtan)).toMatchObject({ source: 'charter', declared: true, rule: 'prefix' });
    const xtant = onSite('xtan.example', 'xtant483323', xtan);
    expect(xtant).toMatchObject({ declared: false });
    expect(trackerId(xtant)).toBe('at-internet-xtant');
    // A shorter prefix the charter writes out still covers it: its words say so.
    const written = buildRegistry(
      {
        'xtan.example': {
          portal: 'xtan.example',
          language: 'fr',
          entries: [...entries, charterEntry({ provider: 'AT Internet', cookie: 'xt', match: 'prefix', purpose: 'Every xt' })],
        },
      },
      { openCookieDatabase: [] },
    );
    expect(onSite('xtan.example', 'xtant483323', written)).toMatchObject({ declared: true, purpose: 'Every xt' });
    expect(onSite('xtan.example', 'xtan483323', written)).toMatchObject({ declared: true, purpose: 'Site number' });
  });

  it('lets a family the charter writes out win over one read from a stem', () => {
    const both = buildRegistry(
      {
        'both.example': {
          portal: 'both.example',
          language: 'en',
          entries: [
            charterEntry({ provider: 'Matomo', cookie: '_pk_id', purpose: 'Stem' }),
            charterEntry({ provider: 'Matomo', cookie: '_pk_id.', match: 'prefix', purpose: 'Family' }),
          ],
        },
      },
      { openCookieDatabase: [] },
    );
    expect(onSite('both.example', '_pk_id.1.a1b2', both).purpose).toBe('Family');
    expect(onSite('both.example', '_pk_id', both).purpose).toBe('Stem');
  });

  it('reads a stem as its family in a live charter too', () => {
    const live = withSiteCharter(
      registry,
      'live.opendatasoft.com',
      {
        portal: null,
        language: 'fr',
        entries: [charterEntry({ provider: 'Matomo', cookie: '_pk_ses', purpose: 'Live' })],
      },
      'live',
    );
    expect(onSite('live.opendatasoft.com', '_pk_ses.1.a1b2', live)).toMatchObject({ source: 'charter', declared: true, purpose: 'Live' });
  });

  it.each(['_pk_id.X.XXXX', '_pk_id.x.xxxx', '_pk_id.N.xxxx', '_pk_id.X.X', '_pk_id.n.n'])(
    'declares Matomo’s `_pk_id.1.a1b2c3` by a live charter that writes %s',
    (written) => {
      const text = `## Cookies de mesure d'audience\n\n| Prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Matomo | ${written} | 13 mois | Mesure d'audience |\n`;
      const live = withSiteCharter(registry, 'live.opendatasoft.com', parseCharter(text), 'live');
      expect(onSite('live.opendatasoft.com', '_pk_id.1.a1b2c3', live)).toMatchObject({ source: 'charter', declared: true, rule: 'prefix' });
    },
  );

  it('uses the bundled charter, not the default, for a bundled platform portal', () => {
    expect(onSite('itie.opendatasoft.com', 'sessionid').purpose).toBe('Bundled wording');
    expect(onSite('itie.huwise.com', 'sessionid')).toMatchObject({
      purpose: 'Bundled wording',
      reference: { charterKind: 'bundled', host: 'itie.opendatasoft.com' },
    });
    // Not declared by that bundled charter, so not found in the charter.
    expect(onSite('itie.opendatasoft.com', 'csrftoken').declared).toBe(false);
  });
});

describe('matchCookie: known trackers', () => {
  it('matches a GA4 session cookie by its _ga_ prefix', () => {
    const result = matchCookie(registry, UNBUNDLED_ODS, { name: '_ga_ABC123', domain: '.opendatasoft.com' });
    expect(result).toMatchObject({
      source: 'known-tracker',
      rule: 'prefix',
      declared: false,
      provider: 'Google',
      service: 'Google Analytics 4',
      purpose: 'Persists session state (named _ga_<container-id>).',
      purposeFr: 'Conserve l’état de la session (nommé _ga_<identifiant-du-conteneur>).',
      duration: '2 years',
      knownLifetime: lasting(2, 'year'),
      category: 'statistics',
      reference: {
        kind: 'known-tracker',
        id: 'google-analytics-4-session',
        sourceUrl: 'https://support.google.com/analytics/answer/11397207',
      },
    });
  });

  it('carries the French purpose of a known tracker only: a charter’s or the Database’s words have none', () => {
    expect(onSite(UNBUNDLED_HUWISE, '_ga').purposeFr).toBe('Distingue les utilisateurs.');
    const table = buildRegistry(
      {},
      { knownTrackers: [tracker({ id: 't', cookie: 'tracked' })], openCookieDatabase: [ocdRow({ id: 'r', name: 'listed' })] },
    );
    expect(onSite(CUSTOMER, 'tracked', table)).toMatchObject({ purpose: 'Purpose of t', purposeFr: 'Finalité de t' });
    for (const result of [onSite(CUSTOMER, 'listed', table), onSite(METROPOLE, 'sessionid'), onSite(CUSTOMER, 'nobody_knows', table)])
      expect(Object.hasOwn(result, 'purposeFr'), result.source).toBe(false);
  });

  it('matches a Matomo visitor cookie by its _pk_id. prefix', () => {
    const result = onSite(UNBUNDLED_HUWISE, '_pk_id.1.abcd');
    expect([result.source, result.rule, trackerId(result), result.provider, result.duration]).toEqual([
      'known-tracker',
      'prefix',
      'matomo-pk-id',
      'Matomo',
      '13 months',
    ]);
  });

  it('describes first-party cookies of Clarity, HubSpot, the Meta Pixel and UET on the site’s own domain, which the Database binds to the vendor’s', () => {
    // The Database's rows for these name the vendor's domain (`_clck` under clarity.ms), so they never fit a cookie on a portal.
    const expected: Array<[string, string, string]> = [
      ['_clck', 'Microsoft', 'statistics'],
      ['_clsk', 'Microsoft', 'statistics'],
      ['__hstc', 'HubSpot', 'statistics'],
      ['hubspotutk', 'HubSpot', 'statistics'],
      ['__hssc', 'HubSpot', 'statistics'],
      ['__hssrc', 'HubSpot', 'statistics'],
      ['_fbp', 'Meta', 'third-party'],
      ['_fbc', 'Meta', 'third-party'],
      ['_uetvid', 'Microsoft', 'third-party'],
      ['_uetsid', 'Microsoft', 'third-party'],
    ];
    for (const host of ['itie.opendatasoft.com', UNBUNDLED_ODS, CUSTOMER]) {
      for (const [name, provider, category] of expected) {
        const result = matchCookie(registry, host, { name, domain: `.${host}` });
        expect([result.source, result.provider, result.category], `${name} on ${host}`).toEqual(['known-tracker', provider, category]);
        expect(result.reference?.kind === 'known-tracker' && result.reference.sourceUrl, name).toMatch(/^https:\/\//);
      }
    }
  });

  it('prefers a known tracker over the Open Cookie Database (_ga is in both)', () => {
    expect(trackerId(onSite(CUSTOMER, '_ga'))).toBe('google-analytics-ga');
    // The Database lists _pk_id. (Piwik PRO) as a longer prefix than Matomo's; the vendor table still wins.
    expect(trackerId(onSite(CUSTOMER, '_pk_id.1.abcd'))).toBe('matomo-pk-id');
  });

  it('prefers the known tracker exact name over a known prefix, and the longest known prefix', () => {
    expect(trackerId(onSite(CUSTOMER, '_gat'))).toBe('google-analytics-gat');
    expect(trackerId(onSite(CUSTOMER, '_gat_gtag_UA_1'))).toBe('google-analytics-gat-named');
    // xtant is a longer prefix than xtan.
    expect(trackerId(onSite(CUSTOMER, 'xtant483323'))).toBe('at-internet-xtant');
    expect(trackerId(onSite(CUSTOMER, 'xtan483323'))).toBe('at-internet-xtan');
    const custom = buildRegistry(
      {},
      {
        knownTrackers: [
          tracker({ id: 'short', cookie: 'ab', match: 'prefix' }),
          tracker({ id: 'long', cookie: 'abc', match: 'prefix' }),
          tracker({ id: 'exact', cookie: 'abcd' }),
        ],
        openCookieDatabase: [],
      },
    );
    expect(trackerId(onSite(CUSTOMER, 'abcd', custom))).toBe('exact');
    expect(trackerId(onSite(CUSTOMER, 'abcde', custom))).toBe('long');
    expect(trackerId(onSite(CUSTOMER, 'abx', custom))).toBe('short');
  });

  it('honours a known tracker domain: Disqus testCookie only on disqus.com', () => {
    const onDisqus = matchCookie(registry, CUSTOMER, { name: 'testCookie', domain: 'mediacdn.disqus.com' });
    expect([onDisqus.source, trackerId(onDisqus)]).toEqual(['known-tracker', 'disqus-test-cookie']);
    expect(trackerId(onSite(CUSTOMER, 'testCookie'))).toBeNull();
  });

  it('matches reCAPTCHA and AT Internet cookies', () => {
    expect(trackerId(matchCookie(registry, CUSTOMER, { name: '_GRECAPTCHA', domain: 'www.google.com' }))).toBe('google-recaptcha');
    expect(trackerId(onSite(CUSTOMER, 'atuserid'))).toBe('at-internet-atuserid');
  });
});

describe('matchCookie: the Open Cookie Database', () => {
  const trackerless = buildRegistry({}, { knownTrackers: [], openCookieDatabase: bundledOpenCookieDatabaseRows() });

  it('prefers the longest prefix: _gat_gtag_UA_1 is _gat_gtag_, not _gat', () => {
    const result = onSite(CUSTOMER, '_gat_gtag_UA_1', trackerless);
    const row = bundledOpenCookieDatabaseRows().find((candidate) => candidate.name === '_gat_gtag_');
    expect([result.source, result.rule, rowId(result)]).toEqual(['open-cookie-database', 'prefix', row?.id]);
    expect(result.provider).toBe('Google Analytics');
    expect(result.category).toBe('statistics');
    expect(rowId(onSite(CUSTOMER, '_gat_other', trackerless))).toBe(
      bundledOpenCookieDatabaseRows().find((candidate) => candidate.name === '_gat')?.id,
    );
  });

  it('prefers an exact name over a prefix: usprivacy is its own row, not the ShareThis prefix', () => {
    const result = onSite(CUSTOMER, 'usprivacy', trackerless);
    expect([result.rule, result.provider]).toEqual(['exact', 'PrivacyPillar']);
    expect(onSite(CUSTOMER, 'usprivacy_x', trackerless).provider).toBe('ShareThis');
  });

  it('never reads sessionid as Instagram unless the cookie is on instagram.com', () => {
    for (const host of [CUSTOMER, 'localhost', 'example.org']) {
      const result = onSite(host, 'sessionid');
      expect(result.source).toBe('unknown');
      expect(result.provider).not.toBe('Instagram');
    }
    expect(matchCookie(registry, CUSTOMER, { name: 'sessionid', domain: 'notinstagram.com' }).source).toBe('unknown');
    const onInstagram = matchCookie(registry, CUSTOMER, { name: 'sessionid', domain: '.instagram.com' });
    expect([onInstagram.source, onInstagram.provider, onInstagram.category]).toEqual(['open-cookie-database', 'Instagram', 'third-party']);
    expect(matchCookie(registry, CUSTOMER, { name: 'sessionid', domain: 'www.instagram.com' }).provider).toBe('Instagram');
  });

  it('matches rows with a Domain only on that domain or below, rows without one anywhere', () => {
    expect(matchCookie(registry, CUSTOMER, { name: 'CTK', domain: 'www.indeed.com' }).provider).toBe('Indeed');
    expect(onSite(CUSTOMER, 'CTK').source).toBe('unknown');
    // MUID's Domain cell reads ".bing.com (3rd party) or .microsoft.com (3rd party)": both fit.
    for (const domain of ['bing.com', '.microsoft.com', 'login.microsoft.com']) {
      expect(matchCookie(trackerless, CUSTOMER, { name: 'MUID', domain }).provider).toBe('Bing / Microsoft');
    }
    expect(onSite(CUSTOMER, 'MUID', trackerless).source).toBe('unknown');
  });

  it('matches a row whose Domain has an empty alternative (the site’s own domain, "x.com (3rd party) or ") on any domain', () => {
    // ga.js's __utmv reads as its siblings __utma and __utmz do; Adobe's s_vi, demdex and _dp likewise.
    for (const name of ['__utma', '__utmv']) {
      expect(matchCookie(registry, CUSTOMER, { name, domain: `.${CUSTOMER}` })).toMatchObject({
        source: 'open-cookie-database',
        provider: 'Google Analytics',
        category: 'statistics',
      });
    }
    expect(matchCookie(registry, CUSTOMER, { name: '__utmv', domain: 'www.google-analytics.com' }).provider).toBe('Google Analytics');
    expect(onSite(CUSTOMER, 's_vi_abc', trackerless).provider).toBe('Adobe Analytics');
    for (const name of ['demdex', '_dp']) expect(onSite(CUSTOMER, name, trackerless).provider).toBe('Adobe Audience Manager');
  });

  it('picks the first row whose domain fits among duplicate names', () => {
    // token: Adform (adform.net) comes before Xandr (.adnxs.com) in the CSV.
    expect(matchCookie(registry, CUSTOMER, { name: 'token', domain: 'adform.net' }).provider).toBe('Adform');
    expect(matchCookie(registry, CUSTOMER, { name: 'token', domain: 'ib.adnxs.com' }).provider).toBe('Xandr');
    expect(onSite(CUSTOMER, 'token').source).toBe('unknown');
    // euconsent-v2: two rows without a Domain; the first in CSV order wins, every time.
    const rows = bundledOpenCookieDatabaseRows().filter((row) => row.name === 'euconsent-v2');
    expect(rows.length).toBeGreaterThan(1);
    expect(rowId(onSite(CUSTOMER, 'euconsent-v2', trackerless))).toBe(rows[0]?.id);
  });

  it('reads a literal * in a name with Wildcard 0 (SSPR_*) as a prefix', () => {
    const result = matchCookie(registry, CUSTOMER, { name: 'SSPR_12345', domain: 'cm.adkernel.com' });
    expect([result.source, result.rule, result.provider]).toEqual(['open-cookie-database', 'prefix', 'Adkernel']);
    expect(matchCookie(registry, CUSTOMER, { name: 'SCMabc', domain: '.smaato.net' }).rule).toBe('prefix');
    expect(onSite(CUSTOMER, 'SSPR_12345').source).toBe('unknown');
  });

  it('applies every rule on a small hand-made table', () => {
    const rows = [
      ocdRow({ id: 'prefix-short', name: 'tk', wildcard: true }),
      ocdRow({ id: 'prefix-long', name: 'tk_long', wildcard: true }),
      ocdRow({ id: 'exact', name: 'tk_long_exact' }),
      ocdRow({ id: 'dup-elsewhere', name: 'dup', domain: 'elsewhere.example' }),
      ocdRow({ id: 'dup-first-fit', name: 'dup', domain: 'tracker.example (3rd party)' }),
      ocdRow({ id: 'dup-second-fit', name: 'dup' }),
      ocdRow({ id: 'star', name: 'STAR_*', domain: '.star.example' }),
      ocdRow({ id: 'restricted-exact', name: 'tk_long_restricted', domain: 'tracker.example' }),
      ocdRow({ id: 'unreadable-domain', name: 'odd', domain: '(3rd party)' }),
      ocdRow({ id: 'over-long-domain', name: 'long', domain: `${CUSTOMER} ${'x'.repeat(MAX_DOMAIN_CELL_LENGTH)}` }),
    ];
    const table = buildRegistry({}, { knownTrackers: [], openCookieDatabase: rows });
    const on = (name: string, domain: string) => rowId(matchCookie(table, CUSTOMER, { name, domain }));
    expect(on('tk_long_exact', CUSTOMER)).toBe('exact');
    expect(on('tk_long_exact_more', CUSTOMER)).toBe('prefix-long');
    expect(on('tk_other', CUSTOMER)).toBe('prefix-short');
    expect(on('dup', 'a.tracker.example')).toBe('dup-first-fit');
    expect(on('dup', CUSTOMER)).toBe('dup-second-fit');
    expect(on('STAR_1', 'star.example')).toBe('star');
    expect(on('STAR_1', CUSTOMER)).toBeNull();
    // An exact row whose domain does not fit gives way to a prefix that does.
    expect(on('tk_long_restricted', CUSTOMER)).toBe('prefix-long');
    expect(on('tk_long_restricted', 'tracker.example')).toBe('restricted-exact');
    // A Domain cell that names no domain restricts the row to nothing.
    expect(on('odd', CUSTOMER)).toBeNull();
    // So does one too long to be read, though it names the cookie's domain first.
    expect(on('long', CUSTOMER)).toBeNull();
  });

  it('reports the row: provider from Platform, no service, retention as duration, category mapped', () => {
    const table = buildRegistry(
      {},
      {
        knownTrackers: [],
        openCookieDatabase: [ocdRow({ id: 'r', name: 'n', category: 'Marketing', retention: '' })],
      },
    );
    expect(onSite(CUSTOMER, 'n', table)).toEqual({
      source: 'open-cookie-database',
      rule: 'exact',
      declared: false,
      provider: 'Platform of r',
      service: null,
      purpose: 'Description of r',
      duration: null,
      knownLifetime: null,
      category: 'third-party',
      reference: { kind: 'open-cookie-database', rowId: 'r', upstreamCategory: 'Marketing' },
    });
  });
});

describe('matchCookie: precedence end to end', () => {
  // One name known to every source, so each removal shows the next source in line.
  const everywhere = 'shared_cookie';
  const charters = {
    'portal.example': {
      portal: 'portal.example',
      language: 'en' as const,
      entries: [
        {
          provider: 'Portal',
          service: null,
          cookie: everywhere,
          match: 'exact' as const,
          purpose: 'charter exact',
          duration: null,
          category: 'necessary' as const,
        },
        {
          provider: 'Portal',
          service: null,
          cookie: 'shared_',
          match: 'prefix' as const,
          purpose: 'charter prefix',
          duration: null,
          category: 'necessary' as const,
        },
      ],
    },
  };
  const sources = {
    knownTrackers: [
      tracker({ id: 'tracker-exact', cookie: everywhere }),
      tracker({ id: 'tracker-prefix', cookie: 'shared', match: 'prefix' }),
    ],
    openCookieDatabase: [ocdRow({ id: 'ocd-exact', name: everywhere }), ocdRow({ id: 'ocd-prefix', name: 'sh', wildcard: true })],
  };
  const full = buildRegistry(charters, sources);

  it('charter exact > charter prefix > known tracker > Open Cookie Database exact > longest prefix', () => {
    expect(onSite('portal.example', everywhere, full).purpose).toBe('charter exact');
    expect(onSite('portal.example', 'shared_other', full).purpose).toBe('charter prefix');
    expect(trackerId(onSite('elsewhere.example', everywhere, full))).toBe('tracker-exact');
    expect(trackerId(onSite('elsewhere.example', 'shared_other', full))).toBe('tracker-prefix');
    const noTrackers = buildRegistry(charters, { ...sources, knownTrackers: [] });
    expect(rowId(onSite('elsewhere.example', everywhere, noTrackers))).toBe('ocd-exact');
    expect(rowId(onSite('elsewhere.example', 'shared_other', noTrackers))).toBe('ocd-prefix');
  });
});

describe('matchCookie: unknown cookies and odd input', () => {
  it('returns source unknown for a cookie no source knows', () => {
    expect(onSite(CUSTOMER, 'no_one_knows_this_cookie')).toEqual({
      source: 'unknown',
      rule: null,
      declared: false,
      provider: '',
      service: null,
      purpose: '',
      duration: null,
      knownLifetime: null,
      category: 'other',
      reference: null,
    });
  });

  it('accepts a leading dot, upper case and a trailing dot in the cookie domain', () => {
    for (const domain of ['.INSTAGRAM.com', 'instagram.com.', '..instagram.com']) {
      expect(matchCookie(registry, CUSTOMER, { name: 'sessionid', domain }).provider).toBe('Instagram');
    }
  });

  it('reads an empty cookie domain as the site host', () => {
    expect(matchCookie(registry, 'www.instagram.com', { name: 'sessionid', domain: '' }).provider).toBe('Instagram');
  });

  it('is case-sensitive on cookie names, as browsers are', () => {
    expect(onSite(METROPOLE, 'SessionID').source).not.toBe('charter');
  });

  it('returns a fresh result each time', () => {
    const first = onSite(CUSTOMER, 'nobody_knows');
    first.purpose = 'changed';
    expect(onSite(CUSTOMER, 'nobody_knows').purpose).toBe('');
  });

  it('never throws, whatever the host and cookie', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (host, name, domain) => {
        const result = matchCookie(registry, host, { name, domain });
        expect(['charter', 'known-tracker', 'open-cookie-database', 'unknown']).toContain(result.source);
      }),
    );
  });
});

describe('siteMatcher', () => {
  it('matches as matchCookie does, cookie after cookie of one site, whatever their domains and embedding', () => {
    const names = [
      'sessionid',
      'csrftoken',
      '_ga',
      '_ga_ABC',
      '_pk_id.1.a1',
      'IDE',
      'NID',
      'fr',
      'sessionid_2',
      'unknown',
      'usprivacy',
      '',
    ];
    const domains = (host: string) => [host, `.${host}`, '', '.doubleclick.net', '.google.com', 'Instagram.com.', ' .facebook.com'];
    const cookie = (host: string) =>
      fc.record({ name: fc.constantFrom(...names), domain: fc.constantFrom(...domains(host)), thirdParty: fc.boolean() });
    for (const host of [METROPOLE, UNBUNDLED_ODS, CUSTOMER]) {
      fc.assert(
        fc.property(fc.array(cookie(host), { maxLength: 30 }), (cookies) => {
          const match = siteMatcher(registry, host);
          for (const one of cookies) expect(match(one)).toEqual(matchCookie(registry, host, one));
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('matchCookie: cookies of embedded content', () => {
  const PORTAL = 'data.embeds.opendatasoft.com';
  const entry = (provider: string, cookie: string, category: 'necessary' | 'other' | 'third-party') => ({
    provider,
    service: null,
    cookie,
    match: 'exact' as const,
    purpose: `${cookie} purpose`,
    duration: null,
    category,
  });
  // A charter that files its third parties under no "tiers" heading: reCAPTCHA among the
  // necessary cookies, Disqus under "Commentaires" (an `other` section).
  const charter = {
    portal: PORTAL,
    language: 'fr' as const,
    entries: [
      entry('Opendatasoft', 'sessionid', 'necessary'),
      entry('Google', '_GRECAPTCHA', 'necessary'),
      entry('Disqus', 'disqus_unique', 'other'),
    ],
  };
  const embeds = buildRegistry({ [PORTAL]: charter }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  const embedded = (name: string, domain: string, reg = embeds) => matchCookie(reg, PORTAL, { name, domain, thirdParty: true });

  it('are declared by any charter entry that names them, whatever its heading', () => {
    expect(embedded('_GRECAPTCHA', 'www.google.com')).toMatchObject({ source: 'charter', declared: true, provider: 'Google' });
    expect(embedded('disqus_unique', '.disqus.com')).toMatchObject({ source: 'charter', declared: true, provider: 'Disqus' });
  });

  it('are never matched to the platform’s own cookies, unless the third-party section names them', () => {
    expect(embedded('sessionid', 'widget.example.net')).toMatchObject({ declared: false });
    const withThirdParty = buildRegistry(
      { [PORTAL]: { ...charter, entries: [...charter.entries, entry('Widget', 'sessionid', 'third-party')] } },
      { openCookieDatabase: [] },
    );
    expect(embedded('sessionid', 'widget.example.net', withThirdParty)).toMatchObject({
      declared: true,
      provider: 'Widget',
      category: 'third-party',
    });
    // The portal's own sessionid is still its charter's first entry.
    expect(onSite(PORTAL, 'sessionid', withThirdParty)).toMatchObject({ declared: true, provider: 'Opendatasoft' });
  });

  it('the portal’s own platform cookie takes its name’s first entry outside the third-party section, even listed after a third party’s', () => {
    const disqus = entry('Disqus', 'sessionid', 'third-party');
    const thirdPartyFirst = buildRegistry({ [PORTAL]: { ...charter, entries: [disqus, ...charter.entries] } }, { openCookieDatabase: [] });
    expect(onSite(PORTAL, 'sessionid', thirdPartyFirst)).toMatchObject({ provider: 'Opendatasoft', category: 'necessary' });
    expect(embedded('sessionid', '.disqus.com', thirdPartyFirst)).toMatchObject({ provider: 'Disqus', category: 'third-party' });
    // A charter whose only sessionid row is a third party's still declares the portal's own (README, Limits).
    const thirdPartyOnly = buildRegistry(
      { [PORTAL]: { ...charter, entries: [disqus, ...charter.entries.slice(1)] } },
      { openCookieDatabase: [] },
    );
    expect(onSite(PORTAL, 'sessionid', thirdPartyOnly)).toMatchObject({ declared: true, provider: 'Disqus' });
  });

  it('the portal’s own platform cookie takes a prefix outside the third-party section before a third party’s exact name', () => {
    // The exact name beats a prefix for any other cookie; the portal's own csrftoken is the platform's, not the widget's.
    const necessaryPrefix = { ...entry('Huwise', 'csrf', 'necessary'), match: 'prefix' as const };
    const widget = entry('Widget', 'csrftoken', 'third-party');
    for (const entries of [
      [necessaryPrefix, widget],
      [widget, necessaryPrefix],
    ]) {
      const reg = buildRegistry({ [PORTAL]: { ...charter, entries } }, { openCookieDatabase: [] });
      expect(onSite(PORTAL, 'csrftoken', reg)).toMatchObject({ provider: 'Huwise', category: 'necessary', rule: 'prefix' });
      expect(embedded('csrftoken', 'widget.example.net', reg)).toMatchObject({ provider: 'Widget', category: 'third-party' });
    }
  });

  it('of a name declared both in the third-party section and outside it, take the entry in it; the site’s own, the one outside it', () => {
    // As a drafted charter writes them: the third-party section before "other", the portal's own testCookie under "other".
    const both = (entries: CharterEntry[]) =>
      buildRegistry({ [PORTAL]: { ...charter, entries: [...charter.entries, ...entries] } }, { openCookieDatabase: [] });
    const disqus = entry('Disqus', 'testCookie', 'third-party');
    const portals = entry('Portail', 'testCookie', 'other');
    for (const reg of [both([disqus, portals]), both([portals, disqus])]) {
      expect(embedded('testCookie', '.disqus.com', reg)).toMatchObject({ provider: 'Disqus', category: 'third-party' });
      expect(onSite(PORTAL, 'testCookie', reg)).toMatchObject({ provider: 'Portail', category: 'other' });
    }
    // Within one list of rules: an exact name still beats a prefix of the other side.
    const prefix = { ...entry('Disqus', 'test', 'third-party'), match: 'prefix' as const };
    expect(embedded('testCookie', '.disqus.com', both([prefix, portals]))).toMatchObject({ provider: 'Portail' });
    // A name declared on one side only: its first entry, for either side, as before.
    expect(onSite(PORTAL, 'testCookie', both([disqus]))).toMatchObject({ provider: 'Disqus' });
    expect(embedded('testCookie', '.disqus.com', both([portals]))).toMatchObject({ provider: 'Portail' });
    // Prefixes alike: the portal's `test*` outside the section, Disqus's inside it.
    const portalsPrefix = { ...portals, cookie: 'test', match: 'prefix' as const };
    const reg = both([prefix, portalsPrefix]);
    expect(onSite(PORTAL, 'testCookie', reg)).toMatchObject({ provider: 'Portail', rule: 'prefix' });
    expect(embedded('testCookie', '.disqus.com', reg)).toMatchObject({ provider: 'Disqus', rule: 'prefix' });
  });
});

describe('charterEntriesSeen', () => {
  const site = 'seen.example';
  const registryOf = (entries: CharterEntry[]) =>
    buildRegistry({ [site]: { portal: site, language: 'en', entries } }, { openCookieDatabase: [] });
  const seenOf = (entries: CharterEntry[], cookies: Array<{ name: string; thirdParty?: boolean }>) => {
    const seen = charterEntriesSeen(registryOf(entries), site);
    for (const cookie of cookies) seen.see({ domain: site, ...cookie });
    return [...seen.seen].sort((a, b) => a - b);
  };

  it('notes every entry that declares a cookie: a name written twice, a prefix beside a longer one', () => {
    const twice = [
      charterEntry({ provider: 'Google Analytics (Universal)', cookie: '_ga', purpose: 'Visitor' }),
      charterEntry({ provider: 'Google Analytics 4', cookie: '_ga', purpose: 'Visitor' }),
      charterEntry({ provider: 'Other', cookie: '_gid', purpose: 'Day' }),
    ];
    expect(seenOf(twice, [{ name: '_ga' }])).toEqual([0, 1]);
    const nested = [
      charterEntry({ provider: 'Matomo', cookie: '_pk_', match: 'prefix', purpose: 'Any' }),
      charterEntry({ provider: 'Matomo', cookie: '_pk_id.', match: 'prefix', purpose: 'Visits' }),
      charterEntry({ provider: 'Matomo', cookie: '_pk_ses.', match: 'prefix', purpose: 'Session' }),
    ];
    expect(seenOf(nested, [{ name: '_pk_id.1.ab' }])).toEqual([0, 1]);
  });

  it('notes only entries a match may take: no longer known family; a platform cookie’s name, embedded content’s in the third-party section alone, the site’s own outside it', () => {
    const entries = [
      charterEntry({ provider: 'AT Internet', cookie: 'xtan', purpose: 'Site number' }),
      charterEntry({ provider: 'Opendatasoft', cookie: 'sessionid', purpose: 'Session', category: 'necessary' }),
    ];
    expect(seenOf(entries, [{ name: 'xtant483323' }, { name: 'sessionid', thirdParty: true }])).toEqual([]);
    expect(seenOf(entries, [{ name: 'xtan483323' }, { name: 'sessionid' }])).toEqual([0, 1]);
    const withThirdParty = [
      ...entries,
      charterEntry({ provider: 'Frame', cookie: 'sessionid', purpose: 'Session', category: 'third-party' }),
    ];
    expect(seenOf(withThirdParty, [{ name: 'sessionid', thirdParty: true }])).toEqual([2]);
    // The site's own sessionid is not what the third-party section declares (another portal's, in a frame).
    expect(seenOf(withThirdParty, [{ name: 'sessionid' }])).toEqual([1]);
  });

  it('of any name declared both in the third-party section and outside it, notes embedded content’s cookie in it alone, the site’s own outside it alone, as a match takes them', () => {
    const disqus = charterEntry({ provider: 'Disqus', cookie: 'testCookie', purpose: 'Test', category: 'third-party' });
    const portals = charterEntry({ provider: 'Portail', cookie: 'testCookie', purpose: 'Test', category: 'other' });
    for (const [entries, inside, outside] of [
      [[disqus, portals], 0, 1],
      [[portals, disqus], 1, 0],
    ] as const) {
      expect(seenOf([...entries], [{ name: 'testCookie' }])).toEqual([outside]);
      expect(seenOf([...entries], [{ name: 'testCookie', thirdParty: true }])).toEqual([inside]);
      expect(seenOf([...entries], [{ name: 'testCookie' }, { name: 'testCookie', thirdParty: true }])).toEqual([0, 1]);
    }
    // Prefixes alike; and on one side only, every entry of the name, for either side, as before.
    const prefix = (entry: CharterEntry) => ({ ...entry, cookie: 'test', match: 'prefix' as const });
    expect(seenOf([prefix(disqus), prefix(portals)], [{ name: 'testCookie' }])).toEqual([1]);
    expect(seenOf([prefix(disqus), prefix(portals)], [{ name: 'testCookie', thirdParty: true }])).toEqual([0]);
    expect(seenOf([disqus, { ...disqus, provider: 'Autre' }], [{ name: 'testCookie' }])).toEqual([0, 1]);
    expect(seenOf([portals, { ...portals, category: 'statistics' }], [{ name: 'testCookie', thirdParty: true }])).toEqual([0, 1]);
    // Within one list of rules, as a match weighs them: an exact name of one side beside a prefix of the other notes both.
    expect(seenOf([prefix(disqus), portals], [{ name: 'testCookie', thirdParty: true }])).toEqual([0, 1]);
  });

  it('notes nothing off a charter', () => {
    const seen = charterEntriesSeen(registryOf([]), 'elsewhere.example');
    seen.see({ name: '_ga', domain: 'elsewhere.example' });
    expect(seen.seen.size).toBe(0);
  });
});

describe("matchCookie: the portal's own platform cookie its charter leaves out", () => {
  // A portal's charter listing three of the platform's four cookies, not django_language.
  const PORTAL = 'demo.opendatasoft.com';
  const withoutLanguage = withSiteCharter(
    registry,
    PORTAL,
    {
      portal: PORTAL,
      language: 'en',
      entries: ['sessionid', 'csrftoken', 'cookies_preferences'].map((cookie) =>
        charterEntry({ provider: 'Huwise', cookie, purpose: `Purpose of ${cookie}`, category: 'necessary' }),
      ),
    },
    'live',
  );

  it('is described by the platform default entry, still not declared', () => {
    expect(onSite(PORTAL, 'django_language', withoutLanguage)).toEqual({
      source: 'known-tracker',
      rule: 'exact',
      declared: false,
      provider: 'Huwise',
      service: null,
      purpose: 'Language: remembers the language the user chose for browsing. Set only when the portal is available in several languages.',
      duration: '12 months',
      knownLifetime: null,
      category: 'necessary',
      reference: { kind: 'platform-default', entryIndex: 3, cookie: 'django_language' },
    });
  });

  it("leaves embedded content's cookie of that name, and a site with no charter, to the other sources", () => {
    const framed = matchCookie(withoutLanguage, PORTAL, { name: 'django_language', domain: 'widget.example', thirdParty: true });
    expect(framed.reference?.kind).toBe('open-cookie-database');
    expect(onSite(CUSTOMER, 'django_language').reference?.kind).toBe('open-cookie-database');
  });

  it('keeps a charter row that declares it, even in the third-party section', () => {
    const thirdPartyRow = withSiteCharter(
      registry,
      PORTAL,
      {
        portal: PORTAL,
        language: 'en',
        entries: [charterEntry({ provider: 'Widget', cookie: 'django_language', purpose: 'Widget language', category: 'third-party' })],
      },
      'live',
    );
    expect(onSite(PORTAL, 'django_language', thirdPartyRow)).toMatchObject({ source: 'charter', declared: true, provider: 'Widget' });
  });
});

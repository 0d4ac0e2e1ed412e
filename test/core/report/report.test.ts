import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCharter } from '../../../src/core/charter/index.ts';
import type { Category } from '../../../src/core/charter/types.ts';
import { emptySite, evictedRecord, recordCookieChange, type SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { byDefault, lasting } from '../../../src/core/registry/known-lifetime.ts';
import { buildRegistry, withSiteCharter } from '../../../src/core/registry/registry.ts';
import { buildReport, REPORT_VERSION } from '../../../src/core/report/report.ts';
import { siteRegistry } from '../../../src/core/report/site-charter.ts';
import { fetchLiveCharter, readLiveCharterPage, type FetchLike, type LiveCharterRecord } from '../../../src/core/charter/live.ts';
import { browserCookie } from '../../support/cookies.ts';
import { ITIE_CHARTER, METROPOLE_CHARTER } from '../registry/charter-fixtures.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { BUNDLED_CHARTERS, buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';
import type { UnreadRow } from '../../../src/core/charter/parse.ts';
import { fitRecord } from '../../../src/core/storage/record-limit.ts';
import { storedBytes } from '../../../src/core/storage/session-quota.ts';
import { siteKey } from '../../../src/core/storage/session-items.ts';
import { exportReport } from '../../../src/core/report/export.ts';

/** Unread rows with their reasons in English, as the charter CLI prints them and the JSON export keeps them. */
function inEnglish(rows: readonly UnreadRow[]): UnreadRow[];
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined;
function inEnglish(rows: readonly UnreadRow[] | undefined): UnreadRow[] | undefined {
  return rows?.map((row) => ({ ...row, reason: unreadReasonText(row.reason) }));
}

const HOST = 'data.example-metropole.fr';
const registry = buildRegistry({ [HOST]: METROPOLE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

/** The registry with one more entry in the site's charter, exact, as written here. */
function registryWith(cookie: string, provider: string, category: Category, duration: string | null = '1 year') {
  const entry = { provider, service: null, cookie, match: 'exact' as const, purpose: `${provider} cookie`, duration, category };
  return buildRegistry(
    { [HOST]: { ...METROPOLE_CHARTER, entries: [...METROPOLE_CHARTER.entries, entry] } },
    { openCookieDatabase: bundledOpenCookieDatabaseRows() },
  );
}
const DAY = 86400;
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;

const consent = (choice: boolean) =>
  browserCookie({ name: 'cookies_preferences', domain: HOST, value: encodeURIComponent(JSON.stringify({ matomo: choice })) });
/** A choice as the platform writes it (ods-labs/starterkit-huwise, src/utils/cookieUtils.ts). */
const choice = (flags: Record<string, boolean>, host = HOST) =>
  browserCookie({
    name: 'cookies_preferences',
    domain: host,
    value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ...flags, timestamp: NOW_MS - 1000 })),
  });
const cookie = (name: string, lifetimeDays: number | null = 30, domain = HOST) =>
  browserCookie({
    name,
    domain,
    hostOnly: !domain.startsWith('.'),
    session: lifetimeDays === null,
    expirationDate: lifetimeDays === null ? undefined : NOW_S + lifetimeDays * DAY,
  });

function play(...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>): SiteRecord {
  const site = emptySite(HOST, '0');
  for (const [c, removed = false] of steps) recordCookieChange(site, c, removed, NOW_MS);
  return site;
}

const findings = (site: SiteRecord) => buildReport(site, registry, NOW_MS).findings.map((f) => `${f.kind} ${f.cookie}`);

describe('buildReport', () => {
  it('describes each cookie from the charter, then from fallbacks, and lists what was not seen', () => {
    const report = buildReport(
      play([cookie('sessionid', 14)], [cookie('_pk_id.1.abc', 300)], [cookie('_hjid', 365)], [cookie('mystery', 1)]),
      registry,
      NOW_MS,
    );
    expect(report.version).toBe(REPORT_VERSION);
    expect(report.charter).toEqual({
      kind: 'bundled',
      portal: HOST,
      language: 'en',
      entries: METROPOLE_CHARTER.entries.length,
      live: null,
      changes: null,
    });
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows.sessionid).toMatchObject({
      status: 'declared',
      source: 'charter',
      rule: 'exact',
      purpose: 'Keeps you signed in between pages',
      duration: '2 weeks by default',
      firstPhase: 'before-choice',
    });
    expect(rows['_pk_id.1.abc']).toMatchObject({ status: 'declared', rule: 'prefix', provider: 'Matomo', category: 'statistics' });
    expect(rows._hjid).toMatchObject({ status: 'undeclared', source: 'open-cookie-database' });
    expect(rows.mystery).toMatchObject({ status: 'undeclared', source: 'unknown', purpose: '', category: 'other' });
    // `_pk_id.1.abc` is seen under `_pk_id.` and under the wider `_pk_` too.
    expect(report.notSeen.map((e) => e.cookie)).toEqual(['csrftoken', '_pk_id.9.special', '_ga', 'csrftoken']);
  });

  it('gives a known tracker’s lifetime as data for the pages, beside its English words', () => {
    const report = buildReport(play([cookie('_gac_UA-1', 90)], [cookie('atuserid', 390)], [cookie('sessionid', 14)]), registry, NOW_MS);
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows['_gac_UA-1']).toMatchObject({ source: 'known-tracker', duration: '90 days', knownLifetime: lasting(90, 'day') });
    expect(rows.atuserid).toMatchObject({
      duration: '13 months by default, modifiable',
      knownLifetime: byDefault(13, 'month', 'modifiable'),
    });
    expect(rows.sessionid).toMatchObject({ source: 'charter', knownLifetime: null });
  });

  it('gives a known tracker’s purpose in French beside its English one, and no French field to other cookies', () => {
    const report = buildReport(
      play([cookie('_gac_UA-1', 90)], [cookie('_hjid', 365)], [cookie('sessionid', 14)], [cookie('mystery', 1)]),
      registry,
      NOW_MS,
    );
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows['_gac_UA-1']).toMatchObject({
      source: 'known-tracker',
      purpose: 'Holds campaign information for the user; read by Google Ads conversion tags when the accounts are linked.',
      purposeFr:
        'Contient des informations de campagne propres à l’utilisateur\u202f; les balises de conversion Google Ads le lisent quand les comptes sont associés.',
    });
    // Absent, not null: the Database's, the charter's and an unknown cookie's rows carry nothing more.
    for (const name of ['_hjid', 'sessionid', 'mystery']) expect(Object.hasOwn(rows[name]!, 'purposeFr'), name).toBe(false);
  });

  it('says the first party Firefox isolates a cookie under, and nothing of one isolated under none', () => {
    const report = buildReport(
      play([{ ...cookie('sessionid'), firstPartyDomain: 'example-metropole.fr' }], [{ ...cookie('csrftoken'), firstPartyDomain: '' }]),
      registry,
      NOW_MS,
    );
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows['sessionid']!.firstPartyDomain).toBe('example-metropole.fr');
    expect(Object.hasOwn(rows['csrftoken']!, 'firstPartyDomain')).toBe(false);
  });

  it('says Chrome’s hasCrossSiteAncestor of a partitioned cookie, and nothing where the browser gave none', () => {
    const chips = { ...cookie('chips'), partitionKey: { topLevelSite: 'https://tco.re', hasCrossSiteAncestor: true } };
    const report = buildReport(
      play([chips], [{ ...cookie('csrftoken'), partitionKey: { topLevelSite: 'https://tco.re' } }]),
      registry,
      NOW_MS,
    );
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows['chips']).toMatchObject({ partitionKey: 'https://tco.re', hasCrossSiteAncestor: true });
    expect(Object.hasOwn(rows['csrftoken']!, 'hasCrossSiteAncestor')).toBe(false);
  });

  it('finds trackers set before the choice, undeclared cookies and declared ones not seen', () => {
    const site = play([cookie('sessionid', 14)], [cookie('_pk_id.1.abc', 300)], [cookie('_hjid', 365)]);
    const found = findings(site);
    expect(found).toContain('before-consent _pk_id.1.abc');
    expect(found).toContain('before-consent _hjid');
    expect(found).toContain('undeclared _hjid');
    // No choice yet: the charter's statistics entries not seen are waiting for one (absence-reason.ts).
    expect(found).not.toContain('not-seen _ga');
    expect(found).not.toContain('not-seen _pk_*');
    expect(found).not.toContain('before-consent sessionid');
    expect(found.indexOf('before-consent _pk_id.1.abc')).toBeLessThan(found.indexOf('undeclared _hjid'));
  });

  it('lists no entry not seen that declares a cookie seen: a name the charter writes twice, a prefix beside a longer one (a review’s cases)', () => {
    const charter = parseCharter(`## Cookie Policy <https://${HOST}>

Analytics and stats: these cookies measure the audience.

| Supplier name | Cookie name | Duration | Function |
|---|---|---|---|
| Google Analytics (Universal) | _ga, _gid | 13 months / 24 hours | Audience |
| Google Analytics 4 | _ga, _ga_<ID> | 13 months | Audience |
| Matomo | Any cookie starting with “_pk_” | 13 months | Audience |
| Matomo | _pk_id.*, _pk_ses.* | 13 months / 30 minutes | Counts visits |
`);
    const twice = buildRegistry({ [HOST]: charter }, { openCookieDatabase: [] });
    const site = play(
      [choice({ ga: true, matomo: true })],
      [cookie('_ga', 390)],
      [cookie('_gid', 1)],
      [cookie('_ga_ABC123', 390)],
      [cookie('_pk_id.1.ab', 390)],
    );
    const report = buildReport(site, twice, NOW_MS);
    expect(report.notSeen.map((entry) => entry.cookie)).toEqual(['_pk_ses.']);
    expect(report.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie)).toEqual(['_pk_ses.*']);
  });

  it('finds the declared entries not seen once the visitor accepted', () => {
    const found = findings(play([cookie('sessionid', 14)], [consent(true)], [cookie('_pk_id.1.abc', 300)]));
    expect(found).toContain('not-seen _ga');
  });

  it('says why an entry was not seen when the visitor’s choice explains it: exactly the entries that make no not-seen finding', () => {
    /** Each entry not seen with why (`-`: the choice does not explain it), and the not-seen findings. */
    const absences = (site: SiteRecord) => {
      const report = buildReport(site, registry, NOW_MS);
      for (const entry of report.notSeen) if (!entry.absentBecause) expect(Object.hasOwn(entry, 'absentBecause'), entry.cookie).toBe(false);
      return {
        notSeen: report.notSeen.map((e) => `${e.match === 'prefix' ? `${e.cookie}*` : e.cookie} ${e.absentBecause ?? '-'}`),
        findings: report.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie),
      };
    };
    // No choice yet: the statistics entries wait for one; csrftoken (necessary, declared twice) does not.
    expect(absences(play([cookie('sessionid', 14)]))).toEqual({
      notSeen: [
        'csrftoken -',
        '_pk_* before-choice',
        '_pk_id.* before-choice',
        '_pk_id.9.special before-choice',
        '_ga before-choice',
        'csrftoken -',
      ],
      findings: ['csrftoken', 'csrftoken'],
    });
    // Google Analytics refused, Matomo accepted: `_ga` was refused; Matomo's entries not seen are findings.
    expect(absences(play([cookie('sessionid', 14)], [choice({ ga: false, matomo: true })]))).toEqual({
      notSeen: ['csrftoken -', '_pk_* -', '_pk_id.* -', '_pk_id.9.special -', '_ga refused', 'csrftoken -'],
      findings: ['_pk_*', '_pk_id.*', '_pk_id.9.special', 'csrftoken', 'csrftoken'],
    });
    // Everything accepted: the choice explains nothing, each is a finding.
    expect(absences(play([cookie('sessionid', 14)], [choice({ ga: true, matomo: true })]))).toEqual({
      notSeen: ['csrftoken -', '_pk_* -', '_pk_id.* -', '_pk_id.9.special -', '_ga -', 'csrftoken -'],
      findings: ['_ga', '_pk_*', '_pk_id.*', '_pk_id.9.special', 'csrftoken', 'csrftoken'],
    });
  });

  describe('a record that lost cookies to storage (a review’s case: 9,000 cookies, 5,609 of them dropped)', () => {
    /** Each entry not seen with why (`-`: nothing explains it), and the not-seen findings. */
    const absences = (site: SiteRecord) => {
      const report = buildReport(site, registry, NOW_MS + 1000);
      return {
        notSeen: report.notSeen.map((e) => `${e.match === 'prefix' ? `${e.cookie}*` : e.cookie} ${e.absentBecause ?? '-'}`),
        findings: report.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie),
      };
    };
    /** csrftoken seen then removed, sessionid present, then 50 other cookies. */
    function busySite(): SiteRecord {
      const site = play([cookie('csrftoken')], [cookie('csrftoken'), true], [cookie('sessionid', 14)]);
      for (let i = 0; i < 50; i++) recordCookieChange(site, cookie(`tracker_${i}`), false, NOW_MS + 10 + i);
      return site;
    }

    it('makes no not-seen finding of an entry a dropped cookie may have matched, and says why (fitRecord)', () => {
      const site = busySite();
      const key = siteKey('0', HOST);
      // Stored as the worker stores it, within a limit that takes the whole timeline and a few cookies (removed ones first).
      const limit = storedBytes(key, JSON.stringify({ ...site, timeline: [] })) - 300;
      const kept = JSON.parse(fitRecord(site, key, limit)) as SiteRecord;
      expect(kept.droppedCookies).toBeGreaterThan(0);
      expect(Object.values(kept.cookies).map((c) => c.name)).not.toContain('csrftoken');
      expect(Object.values(kept.cookies).map((c) => c.name)).toContain('sessionid');
      // csrftoken was seen: not "not seen this session"; the choice's reasons stay what they were.
      expect(absences(kept)).toEqual({
        notSeen: [
          'csrftoken cookies-dropped',
          '_pk_* before-choice',
          '_pk_id.* before-choice',
          '_pk_id.9.special before-choice',
          '_ga before-choice',
          'csrftoken cookies-dropped',
        ],
        findings: [],
      });
      // The Markdown export says the same of it.
      const markdown = exportReport(buildReport(kept, registry, NOW_MS + 1000), 'markdown').text;
      expect(markdown).not.toMatch(/not-seen.*csrftoken/);
      expect(markdown).toContain('- csrftoken (Opendatasoft): Protects API calls (not seen among the cookies kept: ');
    });

    it('makes none either once the site’s record was dropped to make room (its evicted marker), but for a lost record only', () => {
      const evicted = evictedRecord(busySite(), NOW_MS + 500);
      // The next scan finds sessionid again; csrftoken, removed before, is lost with the record.
      recordCookieChange(evicted, cookie('sessionid', 14), false, NOW_MS + 600, { found: true });
      expect(absences(evicted).findings).toEqual([]);
      expect(absences(evicted).notSeen).toContain('csrftoken cookies-dropped');
      // A record that lost nothing still says it: not seen is not seen.
      expect(absences(play([cookie('sessionid', 14)]))).toMatchObject({ findings: ['csrftoken', 'csrftoken'] });
      expect(absences(play([cookie('sessionid', 14)])).notSeen).toContain('csrftoken -');
      // Older timeline events dropped lose no cookie: the finding stands.
      expect(absences({ ...play([cookie('sessionid', 14)]), droppedEvents: 40, droppedEventsToFit: 40 }).findings).toEqual([
        'csrftoken',
        'csrftoken',
      ]);
    });
  });

  it('accepts trackers set after acceptance', () => {
    const found = findings(play([cookie('sessionid', 14)], [consent(true)], [cookie('_pk_id.1.abc', 300)]));
    // This charter forgets the consent cookie itself; nothing else is wrong.
    expect(found.filter((f) => !f.startsWith('not-seen'))).toEqual(['undeclared cookies_preferences']);
  });

  it('flags trackers set after a refusal, and trackers kept after one', () => {
    const setAfter = findings(play([consent(false)], [cookie('_pk_ses.1.abc', 1)]));
    expect(setAfter).toContain('after-refusal _pk_ses.1.abc');
    const keptAfter = findings(play([consent(true)], [cookie('_pk_id.1.abc', 300)], [consent(false)]));
    expect(keptAfter).toContain('after-refusal _pk_id.1.abc');
    const removedAfter = findings(
      play([consent(true)], [cookie('_pk_id.1.abc', 300)], [consent(false)], [cookie('_pk_id.1.abc', 300), true]),
    );
    expect(removedAfter).not.toContain('after-refusal _pk_id.1.abc');
  });

  it('flags a lifetime longer than the charter states, with some slack', () => {
    const report = buildReport(play([cookie('sessionid', 30)], [cookie('_ga', 2 * 366)]), registry, NOW_MS);
    const lifetime = report.findings.filter((f) => f.kind === 'lifetime');
    expect(lifetime.map((f) => f.cookie)).toEqual(['_ga', 'sessionid']);
    expect(lifetime[1]!.evidence).toBe('charter says "2 weeks by default", cookie expires after 30 days');
    expect(findings(play([cookie('sessionid', 14.5)]))).not.toContain('lifetime sessionid');
    expect(findings(play([cookie('sessionid', null)]))).not.toContain('lifetime sessionid');
  });

  it('reports removed cookies after present ones and keeps the timeline', () => {
    const site = play([cookie('b')], [cookie('a')], [cookie('a'), true]);
    const report = buildReport(site, registry, NOW_MS);
    expect(report.cookies.map((c) => [c.name, c.removed !== null])).toEqual([
      ['b', false],
      ['a', true],
    ]);
    expect(report.timeline.events.map((e) => e.type)).toEqual(['set', 'set', 'removed']);
    expect(report.timeline).not.toHaveProperty('droppedToFit');
    // How many of the dropped events went to keep the record within its limit (fitRecord) is said.
    expect(buildReport({ ...site, droppedEvents: 9, droppedEventsToFit: 4 }, registry, NOW_MS).timeline).toMatchObject({
      droppedEvents: 9,
      droppedToFit: 4,
    });
  });

  it('says which pages the site’s tabs loaded, a copy of the record’s list, and nothing when that is not known', () => {
    const site: SiteRecord = { ...emptySite(HOST, '0'), pages: ['/', '/explore/'] };
    const report = buildReport(site, registry, NOW_MS);
    expect(report.pages).toEqual(['/', '/explore/']);
    site.pages!.push('/later/');
    expect(report.pages).toEqual(['/', '/explore/']);
    for (const pages of [null, undefined]) expect(buildReport({ ...site, pages }, registry, NOW_MS)).not.toHaveProperty('pages');
  });

  it('says when a site has no charter, and never holds a value', () => {
    const site = emptySite('example.org', '0');
    recordCookieChange(site, browserCookie({ domain: 'example.org' }), false, NOW_MS);
    const report = buildReport(site, registry, NOW_MS);
    expect(report.charter.kind).toBe('none');
    expect(report.cookies[0]!.status).toBe('undeclared');
    expect(JSON.stringify(report)).not.toContain('SECRET-VALUE');
  });

  it('says an undeclared cookie of a site with no charter is in none found, not missing from one it read', () => {
    const site = emptySite('example.org', '0');
    recordCookieChange(site, browserCookie({ name: 'visitor_theme', domain: 'example.org' }), false, NOW_MS);
    const [found] = buildReport(site, registry, NOW_MS).findings;
    expect(found).toMatchObject({ kind: 'undeclared', severity: 'medium', detail: { charter: 'none' } });
    expect(found!.evidence).toBe('seen, and no charter of the site was found; no description found');
    recordCookieChange(site, browserCookie({ name: 'frame_id', domain: '.video.example.net' }), false, NOW_MS, { via: 'frame' });
    const framed = buildReport(site, registry, NOW_MS).findings.find((f) => f.cookie === 'frame_id');
    expect(framed).toMatchObject({ detail: { charter: 'none', embedded: 'video.example.net' } });
    expect(framed!.evidence).toBe('set by embedded content, and no charter of the site was found; no description found');
  });
});

describe('consent findings', () => {
  it('rate a known tracker high and a cookie of unclear role medium', () => {
    const report = buildReport(play([cookie('_pk_id.1.abc', 300)], [cookie('mystery', 1)]), registry, NOW_MS);
    const severity = Object.fromEntries(report.findings.filter((f) => f.kind === 'before-consent').map((f) => [f.cookie, f.severity]));
    expect(severity).toEqual({ '_pk_id.1.abc': 'high', mystery: 'medium' });
  });

  it('are not made up where no choice can be read (a site off the platform)', () => {
    const site = emptySite('shop.example.org', '0');
    recordCookieChange(site, browserCookie({ name: '_pk_id.1.a', domain: 'shop.example.org' }), false, NOW_MS);
    const report = buildReport(site, registry, NOW_MS);
    expect(report.consent.state).toBe('unknown');
    expect(report.findings.map((f) => f.kind)).toEqual(['undeclared']);
  });

  it('state no phase where no choice can be read: the record’s “before the choice” is the platform’s, not the site’s', () => {
    const site = emptySite('shop.example.org', '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'shop.example.org' }), false, NOW_MS);
    expect(site.cookies[Object.keys(site.cookies)[0]!]!.firstPhase).toBe('before-choice');
    const report = buildReport(site, registry, NOW_MS);
    expect(report.cookies.map((c) => c.firstPhase)).toEqual(['choice-unreadable']);
    // Where the choice is read, the phase stays.
    expect(buildReport(play([cookie('_ga', 300)]), registry, NOW_MS).cookies.map((c) => c.firstPhase)).toEqual(['before-choice']);
  });

  it('keep “found already there” (unknown) where no choice can be read: a fact of the scan, not of the choice', () => {
    const site = emptySite('shop.example.org', '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: 'shop.example.org' }), false, NOW_MS, { found: true });
    const report = buildReport(site, registry, NOW_MS);
    expect(report.consent.state).toBe('unknown');
    expect(report.cookies.map((c) => c.firstPhase)).toEqual(['unknown']);
  });

  it('count a removed cookie’s lifetime from its last write, not from its removal', () => {
    const site = play([cookie('sessionid', 30)]);
    recordCookieChange(site, cookie('sessionid', 30), true, NOW_MS + 1000 * 86400);
    const [row] = buildReport(site, registry, NOW_MS).cookies;
    expect(row).toMatchObject({ lifetimeSeconds: 30 * 86400, lastChanged: NOW_MS, removed: NOW_MS + 1000 * 86400 });
  });
});

describe('consent per tracker', () => {
  const mixed = choice({ matomo: true, ga: false });

  it('reports the choice tracker by tracker, and when it was made', () => {
    const report = buildReport(play([mixed]), registry, NOW_MS);
    expect(report.consent).toEqual({ state: 'choice', changedAt: NOW_MS - 1000, trackers: { matomo: true, ga: false } });
  });

  it('flags a cookie of a refused tracker even when another was accepted, naming the tracker and its flag', () => {
    const report = buildReport(
      play([cookie('sessionid', 14)], [mixed], [cookie('_pk_id.1.abc', 300)], [cookie('_ga', 390, '.example-metropole.fr')]),
      registry,
      NOW_MS,
    );
    const refusals = report.findings.filter((f) => f.kind === 'after-refusal');
    expect(refusals).toEqual([
      {
        kind: 'after-refusal',
        severity: 'high',
        cookie: '_ga',
        domain: '.example-metropole.fr',
        path: '/',
        evidence: 'statistics cookie (Google) set after a refusal: Google Analytics refused (ga=false)',
        detail: { provider: 'Google', category: 'statistics', source: 'charter', how: 'set', refused: ['ga'] },
      },
    ]);
    expect(report.findings.map((f) => `${f.kind} ${f.cookie}`)).not.toContain('after-refusal _pk_id.1.abc');
    expect(report.cookies.find((c) => c.name === '_ga')!.firstPhase).toBe('after-refuse');
    expect(report.cookies.find((c) => c.name === '_pk_id.1.abc')!.firstPhase).toBe('after-accept');
  });

  it('flags a cookie of a tracker refused later that is still there', () => {
    const report = buildReport(
      play([choice({ matomo: true, ga: true })], [cookie('_ga', 390)], [cookie('_pk_id.1.abc', 300)], [mixed]),
      registry,
      NOW_MS,
    );
    const refusals = report.findings.filter((f) => f.kind === 'after-refusal');
    expect(refusals.map((f) => [f.cookie, f.detail.how, f.detail.refused, f.evidence])).toEqual([
      ['_ga', 'kept', ['ga'], 'statistics cookie (Google) kept after a refusal: Google Analytics refused (ga=false)'],
    ]);
  });

  it('makes no finding for a cookie of an accepted tracker, or of no tracker the choice names', () => {
    const report = buildReport(
      play([mixed], [cookie('_pk_ses.1.abc', 1)], [cookie('_hjSessionUser_42', 365)], [cookie('atuserid', 300)]),
      registry,
      NOW_MS,
    );
    expect(report.findings.filter((f) => f.kind === 'after-refusal' || f.kind === 'before-consent')).toEqual([]);
  });

  it('names the flags of a full refusal too, and keeps the plain wording for a refusal read without flags', () => {
    // This charter forgets cookies_preferences: the platform's own cookie, still no consent finding.
    const report = buildReport(
      play([choice({ matomo: false, ga: false })], [cookie('_pk_ses.1.abc', 1)], [cookie('mystery', 1)]),
      registry,
      NOW_MS,
    );
    const evidence = Object.fromEntries(report.findings.filter((f) => f.kind === 'after-refusal').map((f) => [f.cookie, f.evidence]));
    // `mystery` belongs to no switch the visitor turned off: no refusal speaks for it.
    expect(evidence).toEqual({ '_pk_ses.1.abc': 'statistics cookie (Matomo) set after a refusal: Matomo refused (matomo=false)' });
    const plain = buildReport(
      play([browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' })], [cookie('mystery', 1)]),
      registry,
      NOW_MS,
    );
    expect(plain.findings.find((f) => f.kind === 'after-refusal')?.evidence).toBe('unknown cookie set after a refusal');
  });

  it('flags a statistics cookie of no switch set while every switch is off, and not under a mixed choice', () => {
    // A statistics tool the platform has no switch for, declared as statistics by the charter.
    const withAcme = registryWith('_acme_stats', 'Acme', 'statistics', '1 year');
    const refusals = (flags: Record<string, boolean>) =>
      buildReport(play([choice(flags)], [cookie('_acme_stats', 300)], [cookie('mystery', 1)]), withAcme, NOW_MS)
        .findings.filter((f) => f.kind === 'after-refusal')
        .map((f) => `${f.cookie}: ${f.evidence}`);
    expect(refusals({ matomo: false, ga: false })).toEqual([
      '_acme_stats: statistics cookie (Acme) set after a refusal: Matomo refused (matomo=false), Google Analytics refused (ga=false)',
    ]);
    expect(refusals({ matomo: true, ga: false })).toEqual([]);
  });

  it('flags an advertiser’s cookie on the site’s own domain set or kept while every switch is off, never embedded content’s', () => {
    // A charter that files them under "Cookies tiers": Google Ads' _gcl_au, and Google Analytics, where the banner shows only Matomo's switch.
    const withTiers = buildRegistry(
      {
        [HOST]: {
          ...METROPOLE_CHARTER,
          entries: [
            METROPOLE_CHARTER.entries[0]!,
            ...['_gcl_au', '_ga'].map((name) => ({
              provider: 'Google',
              service: null,
              cookie: name,
              match: 'exact' as const,
              purpose: 'Tiers',
              duration: null,
              category: 'third-party' as const,
            })),
          ],
        },
      },
      { openCookieDatabase: bundledOpenCookieDatabaseRows() },
    );
    const refusals = (...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>) =>
      buildReport(play(...steps), withTiers, NOW_MS)
        .findings.filter((f) => f.kind === 'after-refusal')
        .map((f) => `${f.cookie} ${f.severity}: ${f.evidence}`);
    expect(refusals([choice({ matomo: false, ga: false })], [cookie('_gcl_au', 90, `.${HOST}`)])).toEqual([
      '_gcl_au high: third-party cookie (Google) set after a refusal: Matomo refused (matomo=false), Google Analytics refused (ga=false)',
    ]);
    expect(refusals([choice({ matomo: false })], [cookie('_ga', 390, `.${HOST}`)])).toEqual([
      '_ga high: third-party cookie (Google) set after a refusal: Matomo refused (matomo=false)',
    ]);
    expect(refusals([cookie('_gcl_au', 90, `.${HOST}`)], [choice({ matomo: false, ga: false })])).toEqual([
      '_gcl_au high: third-party cookie (Google) kept after a refusal: Matomo refused (matomo=false), Google Analytics refused (ga=false)',
    ]);
    // Under a mixed choice the visitor refused no switch that speaks for it.
    expect(refusals([choice({ matomo: true, ga: false })], [cookie('_gcl_au', 90, `.${HOST}`)])).toEqual([]);
    // Embedded content's answers to the overall choice alone: no switch of the portal's banner is its.
    const embedded = play([choice({ matomo: false, ga: false })]);
    recordCookieChange(embedded, cookie('_gcl_au', 90, '.ads.example.net'), false, NOW_MS, { via: 'frame' });
    expect(buildReport(embedded, withTiers, NOW_MS).findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
  });

  it('judges a statistics cookie of no switch by the choice in force when it was set, not by the choice of now', () => {
    const withAcme = registryWith('_acme_stats', 'Acme', 'statistics', '1 year');
    const refusals = (...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>) =>
      buildReport(play(...steps), withAcme, NOW_MS)
        .findings.filter((f) => f.kind === 'after-refusal' && f.cookie === '_acme_stats')
        .map((f) => f.detail.how);
    // Set while every switch was off, then the visitor accepted: the breach stays.
    expect(refusals([choice({ matomo: false, ga: false })], [cookie('_acme_stats', 300)], [choice({ matomo: true, ga: true })])).toEqual([
      'set',
    ]);
    // Set under a mixed choice, still there after a full refusal: kept, not set, after it.
    expect(refusals([choice({ matomo: true, ga: false })], [cookie('_acme_stats', 300)], [choice({ matomo: false, ga: false })])).toEqual([
      'kept',
    ]);
  });

  it('judges a statistics tool whose switch the banner does not show by that rule too, but never a cookie that keeps the choice', () => {
    // A charter that files AT Internet's opt-out cookie under statistics, as charters list every AT cookie there.
    const withOptOut = registryWith('atauthority', 'AT Internet', 'statistics', '13 mois');
    const refused = buildReport(play([choice({ matomo: false })], [cookie('_ga', 300)], [cookie('atauthority', 300)]), withOptOut, NOW_MS)
      .findings.filter((f) => f.kind === 'after-refusal')
      .map((f) => `${f.cookie}: ${f.evidence}`);
    // Only Matomo's switch was shown, and turned off: Google Analytics ran all the same.
    expect(refused).toEqual(['_ga: statistics cookie (Google) set after a refusal: Matomo refused (matomo=false)']);
  });

  it('says an undeclared cookie is not in the platform’s default charter, where that stands in for the site’s own', () => {
    const host = 'unbundled.opendatasoft.com';
    const site = emptySite(host, '0');
    recordCookieChange(site, cookie('mystery', 1, host), false, NOW_MS);
    const report = buildReport(site, registry, NOW_MS);
    expect(report.charter.kind).toBe('platform-default');
    expect(report.findings.filter((f) => f.kind === 'undeclared')).toMatchObject([
      {
        cookie: 'mystery',
        evidence: "seen, not in the platform's default charter (the site's own was not read); no description found",
        detail: { charter: 'platform-default' },
      },
    ]);
    // The default's entries are the platform's cookies, not what this site declared: none is "not seen".
    expect(report.notSeen.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.kind === 'not-seen')).toEqual([]);
    // Against the site's own charter, the wording and the data stay as they were.
    const own = buildReport(play([cookie('mystery', 1)]), registry, NOW_MS).findings.find((f) => f.kind === 'undeclared')!;
    expect(own.evidence).toBe("seen, not in the site's charter; no description found");
    expect(own.detail.charter).toBeUndefined();
  });

  it('makes no not-seen finding for django_language, which the platform sets only on portals in several languages', () => {
    const withLanguage = registryWith('django_language', 'Opendatasoft', 'necessary', null);
    const report = buildReport(play([cookie('sessionid', 14)]), withLanguage, NOW_MS);
    expect(report.notSeen.map((entry) => entry.cookie)).toContain('django_language');
    expect(report.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie)).not.toContain('django_language');
    expect(report.findings.filter((f) => f.kind === 'not-seen').length).toBeGreaterThan(0);
  });

  it('never flags the cookies that keep the visitor’s opt-out as set after a refusal (AT Internet, Piano)', () => {
    const report = buildReport(
      play(
        [choice({ at: false, xiti: false })],
        [cookie('atauthority', 300, `.${HOST}`)],
        [cookie('_pprv', 300, `.${HOST}`)],
        [cookie('pa_privacy', 300, `.${HOST}`)],
        [cookie('atuserid', 300, `.${HOST}`)],
      ),
      registry,
      NOW_MS,
    );
    for (const name of ['atauthority', '_pprv', 'pa_privacy'])
      expect(
        report.cookies.find((c) => c.name === name),
        name,
      ).toMatchObject({ category: 'necessary', source: 'known-tracker' });
    // The tracker's own visitor ID is still refused by its switches.
    expect(report.findings.filter((f) => f.kind === 'after-refusal').map((f) => f.cookie)).toEqual(['atuserid']);
  });

  it('never flags a necessary cookie, whatever the choice', () => {
    const report = buildReport(
      play([choice({ matomo: false, ga: false })], [cookie('sessionid', 14)], [cookie('csrftoken', 300)]),
      registry,
      NOW_MS,
    );
    expect(report.findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
  });

  /** A charter that files one tracker's cookie as strictly necessary, beside the platform's session. */
  const filingNecessary = (cookie: string, provider: string) =>
    buildRegistry(
      {
        [HOST]: {
          ...METROPOLE_CHARTER,
          entries: [
            METROPOLE_CHARTER.entries[0]!,
            { provider, service: null, cookie, match: 'exact', purpose: `${provider} cookie`, duration: null, category: 'necessary' },
          ],
        },
      },
      { openCookieDatabase: bundledOpenCookieDatabaseRows() },
    );

  it('judges a Google Analytics cookie a charter files as necessary as the statistics cookie it is, and says so', () => {
    const filedNecessary = filingNecessary('_ga', 'Google');
    const report = buildReport(
      play([cookie('_ga', 400)], [choice({ matomo: false, ga: false })], [cookie('_ga', 400)]),
      filedNecessary,
      NOW_MS,
    );
    expect(report.cookies.find((c) => c.name === '_ga')).toMatchObject({
      status: 'declared',
      source: 'charter',
      category: 'statistics',
      categoryInferred: 'tracker',
    });
    const consentFindings = report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal');
    expect(consentFindings.map((f) => `${f.kind} ${f.cookie} ${f.severity}`)).toEqual([
      'before-consent _ga high',
      'after-refusal _ga high',
    ]);
  });

  it('judges the Meta Pixel’s and Microsoft Clarity’s cookies a live charter files as necessary in their vendor’s category, as Google Analytics’s (a review’s case)', () => {
    const live = parseCharter(`## Charte cookies

#### Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Opendatasoft\tAuthentification (front et back office)\tsessionid\tSe souvenir de l'utilisateur d'une page à une autre.
Opendatasoft\tAPI (CSRF) (front et back office)\tcsrftoken\tRécupérer des données via des appels API
Opendatasoft\tChoix concernant vos préférences sur les cookies\tcookies_preferences\tPermet de se souvenir du choix opéré par le visiteur concernant les cookies
Meta\tPixel (front office)\t_fbp\tMesurer l'efficacité des campagnes
Google\tGoogle Analytics (front office)\t_ga\tMesure d'audience
Microsoft\tClarity (front office)\t_clck\tAnalyse du parcours
`);
    const filed = withSiteCharter(buildBundledRegistry(bundledOpenCookieDatabaseRows()), HOST, live, 'live');
    const trackers = ['_fbp', '_ga', '_clck'];
    const platform = ['sessionid', 'csrftoken'];
    // Set before the visitor chose; then every switch turned off, and the trackers set again.
    const site = play(...[...trackers, ...platform].map((name) => [cookie(name, 90)] as [ReturnType<typeof browserCookie>]));
    recordCookieChange(site, choice({ ga: false, matomo: false }), false, NOW_MS);
    for (const name of trackers) recordCookieChange(site, cookie(name, 90), false, NOW_MS);
    const report = buildReport(site, filed, NOW_MS);
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, `${c.status} ${c.category} ${c.categoryInferred}`]));
    expect(rows).toEqual({
      _fbp: 'declared third-party tracker',
      _ga: 'declared statistics tracker',
      _clck: 'declared statistics tracker',
      sessionid: 'declared necessary null',
      csrftoken: 'declared necessary null',
      cookies_preferences: 'declared necessary null',
    });
    expect(
      report.findings
        .filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
        .map((f) => `${f.kind} ${f.severity} ${f.cookie}: ${f.evidence}`),
    ).toEqual([
      'before-consent high _clck: statistics cookie (Microsoft) set before the visitor chose',
      'before-consent high _fbp: third-party cookie (Meta) set before the visitor chose',
      'before-consent high _ga: statistics cookie (Google) set before the visitor chose',
      'after-refusal high _clck: statistics cookie (Microsoft) set after a refusal: Google Analytics refused (ga=false), Matomo refused (matomo=false)',
      'after-refusal high _fbp: third-party cookie (Meta) set after a refusal: Google Analytics refused (ga=false), Matomo refused (matomo=false)',
      'after-refusal high _ga: statistics cookie (Google) set after a refusal: Google Analytics refused (ga=false)',
    ]);
  });

  it('makes no consent finding for any bundled charter’s necessary cookie, set before the choice or after a refusal', () => {
    const bundled = buildBundledRegistry(bundledOpenCookieDatabaseRows());
    for (const [host, charter] of Object.entries(BUNDLED_CHARTERS)) {
      const necessary = charter.entries.filter((entry) => entry.category === 'necessary');
      expect(necessary.length, host).toBeGreaterThan(0);
      const site = emptySite(host, '0');
      const set = (at: number) => {
        for (const entry of necessary) {
          const name = entry.match === 'prefix' ? `${entry.cookie}1` : entry.cookie;
          if (name !== 'cookies_preferences') recordCookieChange(site, cookie(name, 30, host), false, at);
        }
      };
      set(NOW_MS);
      recordCookieChange(site, choice({ ga: false, matomo: false, at: false }, host), false, NOW_MS + 1000);
      set(NOW_MS + 2000);
      const report = buildReport(site, bundled, NOW_MS + 3000);
      expect(report.charter.kind, host).toBe('bundled');
      expect(
        report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal'),
        host,
      ).toEqual([]);
    }
  });

  it('judges a known statistics tracker a charter files under a section of unclear role as the statistics cookie it is', () => {
    // "Cookies optionnels", "Outils de mesure": headings read as `other`.
    const filedOther = buildRegistry(
      {
        [HOST]: {
          ...METROPOLE_CHARTER,
          entries: [
            METROPOLE_CHARTER.entries[0]!,
            ...[
              ['_ga', 'Google'],
              ['_pk_id.', 'Matomo'],
              ['widget', 'Acme'],
              ['_fbp', 'Meta'],
            ].map(([name, provider]) => ({
              provider: provider!,
              service: null,
              cookie: name!,
              match: name!.endsWith('.') ? ('prefix' as const) : ('exact' as const),
              purpose: 'Optionnel',
              duration: null,
              category: 'other' as const,
            })),
          ],
        },
      },
      { openCookieDatabase: bundledOpenCookieDatabaseRows() },
    );
    const consentFindings = (...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>) =>
      buildReport(play(...steps), filedOther, NOW_MS)
        .findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
        .map((f) => `${f.kind} ${f.severity} ${f.cookie}: ${f.evidence}`);
    // Set before the choice, kept after its own switch is refused.
    expect(consentFindings([cookie('_ga', 390, `.${HOST}`)], [cookie('widget', 1)], [choice({ ga: false })])).toEqual([
      'before-consent high _ga: statistics cookie (Google) set before the visitor chose',
      'before-consent medium widget: other cookie (Acme) set before the visitor chose',
      'after-refusal high _ga: statistics cookie (Google) kept after a refusal: Google Analytics refused (ga=false)',
    ]);
    // The banner shows only Matomo's switch, turned off: Google Analytics runs all the same, and
    // the Meta Pixel, an advertiser's cookie no switch could have accepted.
    expect(
      consentFindings([choice({ matomo: false })], [cookie('_ga', 390, `.${HOST}`)], [cookie('widget', 1)], [cookie('_fbp', 90)]),
    ).toEqual([
      'after-refusal high _fbp: third-party cookie (Meta) set after a refusal: Matomo refused (matomo=false)',
      'after-refusal high _ga: statistics cookie (Google) set after a refusal: Matomo refused (matomo=false)',
    ]);
    const report = buildReport(play([cookie('_pk_id.1.abc', 300)]), filedOther, NOW_MS);
    expect(report.findings.find((f) => f.kind === 'before-consent')).toMatchObject({
      severity: 'high',
      detail: { category: 'statistics', source: 'charter' },
    });
    // The row keeps the charter's word.
    expect(report.cookies.find((c) => c.name === '_pk_id.1.abc')).toMatchObject({ category: 'other', categoryInferred: null });
    // Embedded content by that name is not the portal's tracker: judged as the charter files it.
    const embedded = play([choice({ matomo: false })]);
    recordCookieChange(embedded, cookie('_ga', 390, '.video.example.net'), false, NOW_MS, { via: 'frame' });
    expect(buildReport(embedded, filedOther, NOW_MS).findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
  });

  it('keeps the charter’s word for a tool that can be set up to need no consent (Matomo, AT Internet, Piano, Eulerian)', () => {
    for (const [name, provider] of [
      ['_pk_id', 'Matomo'],
      ['atuserid', 'AT Internet'],
      ['_pcid', 'Piano'],
      ['etuix', 'Eulerian'],
    ] as const) {
      const site = play([cookie(name === '_pk_id' ? '_pk_id.1.abc' : name, 300)], [choice({ matomo: false, at: false })]);
      const report = buildReport(site, filingNecessary(name, provider), NOW_MS);
      expect(
        report.cookies.find((c) => c.name !== 'cookies_preferences'),
        name,
      ).toMatchObject({ category: 'necessary', categoryInferred: null });
      expect(
        report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal'),
        name,
      ).toEqual([]);
    }
  });
});

describe('a tool a charter files as necessary', () => {
  const filedNecessary = buildRegistry(
    {
      [HOST]: {
        ...METROPOLE_CHARTER,
        entries: [
          METROPOLE_CHARTER.entries[0]!,
          {
            provider: 'Matomo',
            service: null,
            cookie: '_pk_ses.',
            match: 'prefix',
            purpose: 'Exempt',
            duration: null,
            category: 'necessary',
          },
          {
            provider: 'Matomo',
            service: null,
            cookie: 'mtm_consent_removed',
            match: 'exact',
            purpose: 'Keeps the refusal',
            duration: null,
            category: 'necessary',
          },
        ],
      },
    },
    { openCookieDatabase: bundledOpenCookieDatabaseRows() },
  );
  const refusals = (...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>) =>
    buildReport(play(...steps), filedNecessary, NOW_MS)
      .findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
      .map((f) => `${f.kind} ${f.severity} ${f.cookie}: ${f.evidence}`);

  it('is flagged when set after the visitor turned off that very tool’s switch', () => {
    expect(refusals([cookie('_pk_ses.1.abc', 1)], [choice({ matomo: false, ga: false })], [cookie('_pk_ses.1.abc', 1)])).toEqual([
      'after-refusal high _pk_ses.1.abc: necessary cookie (Matomo) set after a refusal: Matomo refused (matomo=false)',
    ]);
  });

  it('keeps the charter’s word otherwise: no switch of its own, a refusal read without flags, set before the choice and only kept', () => {
    // The banner shows no Matomo switch (a set-up exempt from consent): every switch off does not speak for it.
    expect(refusals([choice({ ga: false })], [cookie('_pk_ses.1.abc', 1)])).toEqual([]);
    expect(
      refusals([browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' })], [cookie('_pk_ses.1.abc', 1)]),
    ).toEqual([]);
    expect(refusals([cookie('_pk_ses.1.abc', 1)], [choice({ matomo: false })])).toEqual([]);
    // Embedded content is judged by the overall choice only: no switch of the portal's banner is its.
    const embedded = play([choice({ matomo: false })]);
    recordCookieChange(embedded, cookie('_pk_ses.1.abc', 1, 'stats.example.net'), false, NOW_MS, { via: 'frame' });
    expect(buildReport(embedded, filedNecessary, NOW_MS).findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
  });

  it('never flags the tool’s own opt-out cookie, written because the visitor turned it off', () => {
    expect(refusals([choice({ matomo: false, ga: false })], [cookie('mtm_consent_removed', 1)])).toEqual([]);
  });
});

describe('a section the charter says is exempt from consent', () => {
  /** A live charter whose audience-measurement section is headed as exempt from consent, CNIL's wording for Matomo set up so (a review's case). */
  const exemptCharter = (heading: string) =>
    withSiteCharter(
      registry,
      HOST,
      parseCharter(`## Politique de cookies

### Cookies strictement nécessaires

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Huwise | csrftoken | 12 mois | Sécurité |
| Huwise | cookies_preferences | 6 mois | Choix |

### ${heading}

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Matomo | _pk_id.*, _pk_ses.* | 13 mois / 30 minutes | Mesure d’audience anonyme |
| Google Analytics | _ga | 13 mois | Mesure d’audience |
`),
      'live',
    );
  const consentFindings = (heading: string, ...steps: Array<[ReturnType<typeof browserCookie>, boolean?]>) =>
    buildReport(play(...steps), exemptCharter(heading), NOW_MS)
      .findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
      .map((f) => `${f.kind} ${f.severity} ${f.cookie}: ${f.evidence}`);

  it('makes no "set before the visitor chose" finding for its Matomo cookie, which keeps the charter’s word', () => {
    const heading = 'Cookies de mesure d’audience exemptés de consentement';
    expect(consentFindings(heading, [cookie('csrftoken', 364)], [cookie('_pk_id.1.a1b2', 393)])).toEqual([]);
    const row = buildReport(play([cookie('_pk_id.1.a1b2', 393)]), exemptCharter(heading), NOW_MS).cookies.find(
      (c) => c.name === '_pk_id.1.a1b2',
    );
    expect(row).toMatchObject({ status: 'declared', source: 'charter', category: 'necessary' });
  });

  it('still flags what a tool filed as necessary would be: Google Analytics before the choice, Matomo after its own switch was turned off', () => {
    const heading = 'Cookies de mesure d’audience exemptés de consentement';
    expect(consentFindings(heading, [cookie('_ga', 30, '.example-metropole.fr')])).toEqual([
      'before-consent high _ga: statistics cookie (Google Analytics) set before the visitor chose',
    ]);
    expect(consentFindings(heading, [choice({ matomo: false })], [cookie('_pk_ses.1.abc', 1)])).toEqual([
      'after-refusal high _pk_ses.1.abc: necessary cookie (Matomo) set after a refusal: Matomo refused (matomo=false)',
    ]);
  });

  it.each([
    'Cookies de mesure d’audience exonérés de consentement',
    'Cookies de mesure d’audience exonéré du consentement',
    'Audience measurement cookies that do not need consent',
    'Audience measurement cookies that do not require consent',
    'Audience measurement cookies not requiring consent',
  ])('makes no "set before the visitor chose" finding for its Matomo cookie under “%s” either', (heading) => {
    expect(consentFindings(heading, [cookie('csrftoken', 364)], [cookie('_pk_id.1.a1b2', 393)])).toEqual([]);
  });

  it.each([
    'Cookies de mesure d’audience soumis à consentement',
    'Cookies de mesure d’audience nécessitant votre consentement',
    'Cookies de mesure d’audience qui nécessitent votre consentement',
    'Audience measurement cookies that require your consent',
  ])('flags a Matomo cookie set before the choice under “%s”, which is no exemption', (heading) => {
    expect(consentFindings(heading, [cookie('_pk_id.1.a1b2', 393)])).toEqual([
      'before-consent high _pk_id.1.a1b2: statistics cookie (Matomo) set before the visitor chose',
    ]);
  });
});

describe('a load balancer cookie under “Cookies de fonctionnement” (a review’s case)', () => {
  const charter = (heading: string) =>
    withSiteCharter(
      registry,
      HOST,
      parseCharter(`## Politique de cookies

### ${heading}

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Huwise | csrftoken | 12 mois | Sécurité |
| AWS | AWSALB | 7 jours | Répartition de charge |
`),
      'live',
    );

  it.each(['Cookies de fonctionnement', 'Cookies nécessaires au fonctionnement', 'Operational cookies'])(
    'is necessary under “%s”: set before the choice, no consent finding',
    (heading) => {
      const report = buildReport(play([cookie('csrftoken', 364)], [cookie('AWSALB', 7)]), charter(heading), NOW_MS);
      expect(report.cookies.find((c) => c.name === 'AWSALB')).toMatchObject({ status: 'declared', category: 'necessary' });
      expect(report.findings.filter((f) => f.kind === 'before-consent').map((f) => f.cookie)).toEqual([]);
    },
  );
});

describe('an advertising section whose heading says the opt-in is mandatory (a re-review of d8954ad)', () => {
  const charter = (heading: string) =>
    withSiteCharter(
      registry,
      HOST,
      parseCharter(`## Strictly necessary cookies

| Provider | Cookie name | Duration | Purpose |
|---|---|---|---|
| Huwise | csrftoken | 12 months | Security |

## ${heading}

| Provider | Cookie name | Duration | Purpose |
|---|---|---|---|
| AdPartner | adp_visitor | 13 months | Targeted advertising |
`),
      'live',
    );

  it.each(['Marketing cookies - mandatory opt-in', 'Advertising cookies - opt-in mandatory', 'Tracking cookies with mandatory opt-in'])(
    'flags its cookie set before the choice under “%s”, as under “Marketing cookies (opt-in mandatory)”',
    (heading) => {
      const report = buildReport(play([cookie('csrftoken', 364)], [cookie('adp_visitor', 390)]), charter(heading), NOW_MS);
      expect(report.cookies.find((c) => c.name === 'adp_visitor')).toMatchObject({ status: 'declared', category: 'other' });
      expect(report.findings.filter((f) => f.kind === 'before-consent').map((f) => `${f.cookie} ${f.severity}`)).toEqual([
        'adp_visitor medium',
      ]);
    },
  );
});

describe('a note line in the necessary section (a re-review of ce334fb)', () => {
  const charter = (note: string) =>
    withSiteCharter(
      registry,
      HOST,
      parseCharter(`## Cookies strictement nécessaires

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Site | sessionid | Session | Session |
${note}
| Site | sec_guard | 30 jours | Détection des robots |
`),
      'live',
    );

  it.each(['Analyse de sécurité et prévention de la fraude', 'No analytical tool reads these'])(
    'makes no finding for a necessary cookie set before the choice under “%s”',
    (note) => {
      const report = buildReport(play([cookie('sec_guard', 30)]), charter(note), NOW_MS);
      expect(report.cookies.find((c) => c.name === 'sec_guard')).toMatchObject({ status: 'declared', category: 'necessary' });
      expect(report.findings.filter((f) => f.kind === 'before-consent')).toEqual([]);
    },
  );
});

describe('a bold row titling a section inside a charter table (a review of 181f6fe)', () => {
  const live = (heading: string, row: string, cookies: string[]) =>
    withSiteCharter(
      registry,
      HOST,
      parseCharter(
        [
          `### ${heading}`,
          '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
          '| --- | --- | --- | --- |',
          '| Huwise | csrftoken | 12 mois | Sécurité |',
          row,
          ...cookies.map((name) => `| Example | ${name} | 1 an | Purpose |`),
        ].join('\n'),
      ),
      'live',
    );
  const beforeConsent = (heading: string, row: string, cookies: string[]) =>
    buildReport(play(...cookies.map((name): [ReturnType<typeof browserCookie>] => [cookie(name, 7)])), live(heading, row, cookies), NOW_MS)
      .findings.filter((f) => f.kind === 'before-consent')
      .map((f) => `${f.cookie} ${f.severity}`);

  it.each(['| **Technical cookies** |', '| **Mandatory cookies** |'])(
    'makes no consent finding for the site’s own load balancer and session under “%s” in the necessary table',
    (row) => {
      expect(beforeConsent('Strictly necessary cookies', row, ['AWSALB', 'JSESSIONID'])).toEqual([]);
    },
  );

  it.each(['| **Cookies Contentsquare** |', '| **Cookies Smartlook** |'])(
    'keeps the audience cookie under “%s” a statistics one: set before the choice, a high finding',
    (row) => {
      expect(beforeConsent('Cookies de mesure d’audience', row, ['_cs_id'])).toEqual(['_cs_id high']);
    },
  );

  it('makes no consent finding for a necessary JSESSIONID after an audience note padded to the table’s width', () => {
    const note = "| **Aucun cookie de mesure d'audience n'est déposé sans votre accord** | | | |";
    expect(beforeConsent('Cookies strictement nécessaires', note, ['JSESSIONID'])).toEqual([]);
  });

  it.each(["| **Cookies de mesure d'audience (_pk_id, __utma)** | | | |", "| **Cookies de mesure d'audience (_pk_id, __utma)** |"])(
    'makes the before-consent finding for an audience cookie after “%s”, whose "__" is a cookie name’s, in the necessary table',
    (row) => {
      expect(beforeConsent('Cookies strictement nécessaires', row, ['xstat_uid'])).toEqual(['xstat_uid high']);
    },
  );

  it.each([
    '| Cookies soumis à votre consentement | | | |',
    '| Cookies nécessitant votre consentement | | | |',
    '| Cookies requiring consent | | | |',
    '| Cookies de suivi | | | |',
    '| Unclassified cookies | | | |',
    '| Cookies non classés | | | |',
  ])(
    'makes the before-consent finding for a tracker under the plain title “%s” padded to the table’s width in the necessary table',
    (row) => {
      expect(beforeConsent('Cookies strictement nécessaires', row, ['adp_visitor'])).toEqual(['adp_visitor medium']);
    },
  );

  it.each(["| Cookies d'analyse | | | |", '| Analytical cookies | | | |'])(
    'makes the high before-consent finding for an audience cookie under the plain title “%s” padded to the table’s width in the necessary table',
    (row) => {
      expect(beforeConsent('Cookies strictement nécessaires', row, ['xstat_uid'])).toEqual(['xstat_uid high']);
    },
  );

  it.each(["| Aucun cookie n'est déposé sans votre consentement | | | |", "| **Note : aucun cookie n'est déposé sans accord** | | | |"])(
    'makes no consent finding for a necessary JSESSIONID after the note “%s”',
    (row) => {
      expect(beforeConsent('Cookies strictement nécessaires', row, ['JSESSIONID'])).toEqual([]);
    },
  );

  it('makes the before-consent finding for an audience cookie after “These cookies are essential” padded to the table’s width', () => {
    expect(beforeConsent('Cookies de mesure d’audience', '| **These cookies are essential** | | | |', ['xstat_uid'])).toEqual([
      'xstat_uid high',
    ]);
  });
});

describe('the platform’s own cookies', () => {
  const uncategorised = {
    portal: 'data.example-metropole.fr',
    language: 'en' as const,
    entries: ['sessionid', 'csrftoken', 'django_language', 'cookies_preferences'].map((name) => ({
      provider: 'Huwise',
      service: null,
      cookie: name,
      match: 'exact' as const,
      purpose: `Purpose of ${name}`,
      duration: null,
      category: 'other' as const,
    })),
  };
  const withoutCategories = buildRegistry({ [HOST]: uncategorised }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

  it('are necessary by platform knowledge where the charter gives no readable category, and say so', () => {
    const site = play(
      [cookie('sessionid', 14)],
      [cookie('csrftoken', 300)],
      [cookie('django_language', 300)],
      [choice({ matomo: false })],
      [cookie('_pk_id.1.abc', 300)],
    );
    const report = buildReport(site, withoutCategories, NOW_MS);
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, [c.category, c.categoryInferred]]));
    expect(rows).toEqual({
      sessionid: ['necessary', 'platform'],
      csrftoken: ['necessary', 'platform'],
      django_language: ['necessary', 'platform'],
      cookies_preferences: ['necessary', 'platform'],
      '_pk_id.1.abc': ['statistics', null],
    });
    const consentFindings = report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal');
    expect(consentFindings.map((f) => f.cookie)).toEqual(['_pk_id.1.abc']);
  });

  it('keep a category a charter states, and infer nothing off the platform', () => {
    const report = buildReport(play([cookie('sessionid', 14)]), registry, NOW_MS);
    expect(report.cookies[0]).toMatchObject({ category: 'necessary', categoryInferred: null });
    const site = emptySite('shop.example.org', '0');
    recordCookieChange(site, browserCookie({ name: 'sessionid', domain: 'shop.example.org' }), false, NOW_MS);
    expect(buildReport(site, registry, NOW_MS).cookies[0]).toMatchObject({ category: 'other', categoryInferred: null });
  });

  it('never make a consent finding on their own, even where the charter forgets them', () => {
    // itie's bundled charter (test fixture) declares only sessionid.
    const itie = 'itie.opendatasoft.com';
    const site = emptySite(itie, '0');
    for (const name of ['sessionid', 'csrftoken', 'django_language'])
      recordCookieChange(site, browserCookie({ name, domain: itie }), false, NOW_MS);
    recordCookieChange(site, choice({ matomo: false }, itie), false, NOW_MS);
    recordCookieChange(site, browserCookie({ name: 'django_language', domain: itie }), false, NOW_MS);
    const report = buildReport(
      site,
      buildRegistry({ [itie]: ITIE_CHARTER }, { openCookieDatabase: bundledOpenCookieDatabaseRows() }),
      NOW_MS,
    );
    expect(report.charter.kind).toBe('bundled');
    expect(report.findings.filter((f) => f.kind === 'undeclared').map((f) => f.cookie)).toEqual([
      'cookies_preferences',
      'csrftoken',
      'django_language',
    ]);
    expect(report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')).toEqual([]);
    // Described by the platform default's entry (necessary in its own words), not inferred from the name.
    expect(report.cookies.find((c) => c.name === 'django_language')).toMatchObject({
      source: 'known-tracker',
      provider: 'Huwise',
      category: 'necessary',
      categoryInferred: null,
    });
  });
});

describe('buildReport: what could not be kept', () => {
  it('says what could not be kept: dropped sites and unsaved changes from the store, dropped cookies from the record', () => {
    const site = play([cookie('sessionid', 14)]);
    expect(buildReport(site, registry, NOW_MS).storage).toEqual({
      sitesDropped: 0,
      lastDropAt: null,
      cookiesDropped: 0,
      unsavedSince: null,
    });
    site.droppedCookies = 7;
    expect(buildReport(site, registry, NOW_MS, null, { sitesDropped: 2, lastDropAt: 5, unsavedSince: 6 }).storage).toEqual({
      sitesDropped: 2,
      lastDropAt: 5,
      cookiesDropped: 7,
      unsavedSince: 6,
    });
    // A record written by an earlier version has no count: none dropped.
    delete site.droppedCookies;
    expect(buildReport(site, registry, NOW_MS).storage.cookiesDropped).toBe(0);
  });
});

describe('buildReport: cookies of embedded content', () => {
  const EMBED_HOST = 'data.commentaires.opendatasoft.com';
  /** A charter with a third-party section (Disqus) beside the platform's own cookies. */
  const charter = {
    portal: EMBED_HOST,
    language: 'fr' as const,
    entries: [
      {
        provider: 'Huwise',
        service: null,
        cookie: 'sessionid',
        match: 'exact' as const,
        purpose: 'Session',
        duration: '2 semaines',
        category: 'necessary' as const,
      },
      {
        provider: 'Disqus',
        service: null,
        cookie: 'disqus_unique',
        match: 'exact' as const,
        purpose: 'Commentaires',
        duration: '1 an',
        category: 'third-party' as const,
      },
    ],
  };
  const embedRegistry = buildRegistry({ [EMBED_HOST]: charter }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });

  function embedded(...cookies: Array<[ReturnType<typeof browserCookie>, 'response' | 'frame']>) {
    const site = emptySite(EMBED_HOST, '0');
    recordCookieChange(site, browserCookie({ domain: EMBED_HOST }), false, NOW_MS, { page: '/' });
    for (const [c, via] of cookies) recordCookieChange(site, c, false, NOW_MS, { via, page: '/explore/dataset/demo/map/' });
    return buildReport(site, embedRegistry, NOW_MS);
  }

  it('matches them against the charter, then the fallbacks, and says how each was tied', () => {
    const report = embedded(
      [browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }), 'response'],
      [browserCookie({ name: 'testCookie', domain: 'disqus.com' }), 'frame'],
    );
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows.disqus_unique).toMatchObject({
      status: 'declared',
      category: 'third-party',
      thirdParty: { via: 'response' },
      firstPage: '/explore/dataset/demo/map/',
    });
    expect(rows.testCookie).toMatchObject({
      status: 'undeclared',
      source: 'known-tracker',
      provider: 'Disqus',
      thirdParty: { via: 'frame' },
    });
    expect(rows.sessionid).toMatchObject({ thirdParty: null, firstPage: '/' });
    expect(report.findings.map((f) => `${f.kind} ${f.cookie} ${f.severity}`)).toEqual(
      expect.arrayContaining(['before-consent disqus_unique high', 'before-consent testCookie high', 'undeclared testCookie medium']),
    );
    expect(report.findings.find((f) => f.kind === 'undeclared')!.evidence).toBe(
      "set by embedded content, not in the site's charter; described by known-tracker",
    );
  });

  it('judges the third parties no banner switch covers: a tracker before the choice, never as refused by the switches', () => {
    const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
    const recaptcha = browserCookie({ name: '_GRECAPTCHA', domain: 'www.google.com', secure: true, sameSite: 'no_restriction' });
    const site = emptySite(EMBED_HOST, '0');
    recordCookieChange(site, recaptcha, false, NOW_MS, { via: 'frame' });
    recordCookieChange(site, disqus, false, NOW_MS, { via: 'response' });
    recordCookieChange(site, choice({ ga: false, matomo: false }, EMBED_HOST), false, NOW_MS);
    // Both set again after every switch was turned off.
    recordCookieChange(site, recaptcha, false, NOW_MS + 1000, { via: 'frame' });
    recordCookieChange(site, disqus, false, NOW_MS + 1000, { via: 'response' });
    const report = buildReport(site, embedRegistry, NOW_MS + 2000);
    // reCAPTCHA's cookie is a security cookie of the form (Google; the Open Cookie Database's row).
    expect(report.cookies.find((c) => c.name === '_GRECAPTCHA')).toMatchObject({ category: 'necessary', source: 'known-tracker' });
    const consentFindings = report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal');
    expect(consentFindings.map((f) => `${f.kind} ${f.cookie} ${f.severity}`)).toEqual(['before-consent disqus_unique high']);
  });

  it('makes no consent finding for reCAPTCHA’s cookie a charter files under “Cookies tiers”, as none where the charter leaves it out (a review’s case)', () => {
    const NECESSARY = `## Charte cookies

#### Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Opendatasoft\tAuthentification (front et back office)\tsessionid\tSe souvenir de l'utilisateur d'une page à une autre.
Opendatasoft\tAPI (CSRF) (front et back office)\tcsrftoken\tRécupérer des données via des appels API
Opendatasoft\tChoix concernant vos préférences sur les cookies\tcookies_preferences\tPermet de se souvenir du choix opéré par le visiteur concernant les cookies
`;
    const TIERS = `
#### Cookies tiers

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Google\treCAPTCHA (formulaire de contact)\t_GRECAPTCHA\tProtéger le formulaire de contact contre les robots
Disqus\tCommentaires\tdisqus_unique\tCommentaires
`;
    const report = (charterText: string) => {
      const filed = withSiteCharter(buildBundledRegistry(bundledOpenCookieDatabaseRows()), EMBED_HOST, parseCharter(charterText), 'live');
      const site = emptySite(EMBED_HOST, '0');
      // The contact form's reCAPTCHA frame and the comments' Disqus frame, before the visitor answered the banner.
      const recaptcha = browserCookie({ name: '_GRECAPTCHA', domain: 'www.google.com', expirationDate: NOW_S + 180 * DAY });
      recordCookieChange(site, recaptcha, false, NOW_MS, { via: 'response' });
      recordCookieChange(site, browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false }), false, NOW_MS, {
        via: 'response',
      });
      // Then a refusal, and the form loaded again.
      recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: EMBED_HOST, value: 'refused' }), false, NOW_MS + 1000);
      recordCookieChange(site, recaptcha, false, NOW_MS + 2000, { via: 'response' });
      return buildReport(site, filed, NOW_MS + 3000);
    };
    const consentFindings = (r: ReturnType<typeof report>) =>
      r.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal').map((f) => `${f.kind} ${f.severity} ${f.cookie}`);
    const declared = report(NECESSARY + TIERS);
    expect(declared.cookies.find((c) => c.name === '_GRECAPTCHA')).toMatchObject({
      status: 'declared',
      category: 'third-party',
      source: 'charter',
    });
    expect(consentFindings(declared)).toEqual(['before-consent high disqus_unique', 'after-refusal high disqus_unique']);
    const undeclared = report(NECESSARY);
    expect(undeclared.cookies.find((c) => c.name === '_GRECAPTCHA')).toMatchObject({ status: 'undeclared', category: 'necessary' });
    expect(consentFindings(undeclared)).toEqual(['before-consent high disqus_unique', 'after-refusal high disqus_unique']);
  });

  it('never takes a frame’s cookie for the portal’s own, even with the same name', () => {
    const report = embedded([browserCookie({ name: 'sessionid', domain: 'widget.example.net' }), 'frame']);
    const frame = report.cookies.find((c) => c.domain === 'widget.example.net')!;
    expect(frame).toMatchObject({ status: 'undeclared', categoryInferred: null, thirdParty: { via: 'frame' } });
    expect(report.findings.map((f) => `${f.kind} ${f.cookie} ${f.domain}`)).toContain('undeclared sessionid widget.example.net');
    expect(report.cookies.find((c) => c.domain === EMBED_HOST)).toMatchObject({ status: 'declared', category: 'necessary' });
    expect(report.findings.some((f) => f.domain === EMBED_HOST && f.kind !== 'lifetime')).toBe(false);
  });
});

describe('buildReport: the platform’s cookies in a frame of another portal', () => {
  const FRAMED = 'data.example-metropole.fr';
  // A portal (platform host) embedding a portal under a customer's own domain, which only the bundled list names.
  // A model: no real portal was seen embedding another (no network here); the demo portal's "Intégrer"
  // link (scripts/demo-portal/census-portals.ts) gives the address such a frame would load.
  const both = buildRegistry(
    {
      [FRAMED]: METROPOLE_CHARTER,
      'data.commentaires.opendatasoft.com': { ...METROPOLE_CHARTER, portal: 'data.commentaires.opendatasoft.com' },
    },
    { openCookieDatabase: bundledOpenCookieDatabaseRows() },
  );
  const consentFindings = (domain: string, registry = both) => {
    const site = emptySite('data.commentaires.opendatasoft.com', '0');
    for (const name of ['csrftoken', 'sessionid', 'cookies_preferences']) {
      recordCookieChange(site, browserCookie({ name, domain, hostOnly: !domain.startsWith('.') }), false, NOW_MS, { via: 'frame' });
    }
    return buildReport(site, registry, NOW_MS)
      .findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
      .map((f) => `${f.kind} ${f.cookie}`);
  };
  const flagged = ['before-consent cookies_preferences', 'before-consent csrftoken', 'before-consent sessionid'];

  it('makes no consent finding of them when the frame is a bundled portal on a customer’s domain', () => {
    expect(consentFindings(FRAMED)).toEqual([]);
    expect(consentFindings(`.${FRAMED}`)).toEqual([]);
    expect(consentFindings('DATA.Example-Metropole.FR')).toEqual([]);
  });

  it('still holds them to the consent rules on the city’s parent domain, another host, or a portal the registry does not bundle', () => {
    expect(consentFindings('.example-metropole.fr')).toEqual(flagged);
    expect(consentFindings('www.example-metropole.fr')).toEqual(flagged);
    const without = buildRegistry(
      { 'data.commentaires.opendatasoft.com': { ...METROPOLE_CHARTER, portal: 'data.commentaires.opendatasoft.com' } },
      { openCookieDatabase: bundledOpenCookieDatabaseRows() },
    );
    expect(consentFindings(FRAMED, without)).toEqual(flagged);
  });
});

describe('report: a cookie of unknown origin', () => {
  // `_ga` on the registrable domain, while another site under it was open: either may have set it.
  const shared = cookie('_ga', 400, '.example-metropole.fr');

  it('says so on the cookie, which makes no finding, and says nothing of the site’s own cookies', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, cookie('sessionid'), false, NOW_MS, { page: '/' });
    recordCookieChange(site, shared, false, NOW_MS, { originUnknown: true });
    const report = buildReport(site, registry, NOW_MS);
    const rows = Object.fromEntries(report.cookies.map((c) => [c.name, c]));
    expect(rows._ga).toMatchObject({ originUnknown: true, domain: '.example-metropole.fr', firstPage: null });
    expect(rows.sessionid).toMatchObject({ originUnknown: false });
    expect(report.findings.filter((f) => f.cookie === '_ga')).toEqual([]);
  });

  it('is the site’s once an event only it could have made says so', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, shared, false, NOW_MS, { originUnknown: true });
    recordCookieChange(site, shared, false, NOW_MS + 1000);
    expect(buildReport(site, registry, NOW_MS + 2000).cookies[0]).toMatchObject({ name: '_ga', originUnknown: false });
  });
});

describe('a live charter with rows the extension could not read', () => {
  const PORTAL = 'x.huwise.com';
  const policy = `https://${PORTAL}/terms/cookies-policy/`;
  /** Its `sessionid` row has six cells under a four-column header: the parser cannot split it. */
  const page =
    '<main><h2>Strictly necessary cookies</h2><table>' +
    '<tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>' +
    '<tr><td>Huwise</td><td>csrftoken</td><td>1 year</td><td>Security</td></tr>' +
    '<tr><td>Huwise</td><td>sessionid</td><td>2 weeks</td><td>Session</td><td>more</td><td>x</td></tr>' +
    '</table></main>';
  const fetchPage: FetchLike = async (url) =>
    url === policy ? new Response(page, { headers: { 'content-type': 'text/html' } }) : new Response('', { status: 404 });
  const visited = () => {
    const site = emptySite(PORTAL, '0');
    recordCookieChange(site, browserCookie({ name: 'sessionid', domain: PORTAL }), false, NOW_MS);
    return site;
  };
  const reportOn = (live: LiveCharterRecord) => buildReport(visited(), siteRegistry(registry, PORTAL, live, []), NOW_MS, live);

  it('says so beside the cookie it reports not in the charter: the rows, with line, text and reason', async () => {
    const live = await fetchLiveCharter(PORTAL, fetchPage, () => NOW_MS);
    const report = reportOn(live);
    expect(report.charter.kind).toBe('live');
    // The charter path the record keeps to judge its next read is not reported: `url` says where it was read.
    expect(live.path).toBe('/terms/cookies-policy/');
    expect(report.charter.live).not.toHaveProperty('path');
    expect(report.cookies.find((c) => c.name === 'sessionid')?.status).toBe('undeclared');
    expect(inEnglish(report.charter.unreadRows)).toEqual([
      { line: expect.any(Number), text: expect.stringContaining('sessionid'), reason: expect.stringMatching(/expected 4 cells/) },
    ]);
  });

  it('carries only the line, text and reason of each row, and nothing from a record an older version stored', () => {
    const charter = { portal: PORTAL, language: 'en' as const, entries: [] };
    const record: LiveCharterRecord = { host: PORTAL, fetchedAt: 1, url: policy, charter, problem: null };
    const extra = { line: 4, text: 'a | b', reason: 'why', value: 'secret' } as UnreadRow;
    expect(reportOn({ ...record, unreadRows: [extra] }).charter.unreadRows).toEqual([{ line: 4, text: 'a | b', reason: 'why' }]);
    expect(reportOn(record).charter).not.toHaveProperty('unreadRows');
    expect(reportOn({ ...record, unreadRows: [] }).charter).not.toHaveProperty('unreadRows');
  });

  it('keeps a stored reason as data, an older version’s English text as it is, and one it cannot read as a reason not known', () => {
    const charter = { portal: PORTAL, language: 'en' as const, entries: [] };
    const stored = [
      {
        line: 4,
        text: 'a',
        reason: { kind: 'cells-count', separator: 'pipes', expected: 4, found: 2, columns: ['provider', 'cookie', null, 'purpose'] },
      },
      { line: 5, text: 'b', reason: 'expected 4 cells between pipes (provider / cookie / (ignored) / purpose), found 2' },
      { line: 6, text: 'c', reason: { kind: 'cells-count', expected: '<b>4</b>' } },
      { line: 7, text: 'd', reason: null },
    ] as unknown as UnreadRow[];
    const record: LiveCharterRecord = { host: PORTAL, fetchedAt: 1, url: policy, charter, problem: null, unreadRows: stored };
    expect(reportOn(record).charter.unreadRows?.map((row) => row.reason)).toEqual([
      stored[0]!.reason,
      stored[1]!.reason,
      { kind: 'unknown' },
      { kind: 'unknown' },
    ]);
  });

  it('gives them beside the charter it falls back on when the live charter’s table gave no row at all: they are all it has', async () => {
    const noRow = page.replace('<tr><td>Huwise</td><td>csrftoken</td><td>1 year</td><td>Security</td></tr>', '');
    const fetchNoRow: FetchLike = async (url) =>
      url === policy ? new Response(noRow, { headers: { 'content-type': 'text/html' } }) : new Response('', { status: 404 });
    const live = await fetchLiveCharter(PORTAL, fetchNoRow, () => NOW_MS);
    const report = reportOn(live);
    expect(report.charter.kind).not.toBe('live');
    expect(report.charter.live?.problem).toMatchObject({ kind: 'no-rows', path: '/terms/cookies-policy/' });
    expect(inEnglish(report.charter.unreadRows)).toEqual([
      { line: expect.any(Number), text: expect.stringContaining('sessionid'), reason: expect.stringMatching(/expected 4 cells/) },
    ]);
  });

  it('never gives them to another charter the report falls back on', () => {
    const failed: LiveCharterRecord = {
      host: HOST,
      fetchedAt: 1,
      url: null,
      charter: null,
      problem: { kind: 'network' },
      unreadRows: [{ line: 4, text: 'a', reason: 'why' }],
    };
    const report = buildReport(emptySite(HOST, '0'), registry, NOW_MS, failed);
    expect(report.charter.kind).toBe('bundled');
    expect(report.charter).not.toHaveProperty('unreadRows');
  });
});

describe('a live charter with an invisible format character inside a cookie name (a review’s case)', () => {
  const page = (cell: string) =>
    '<html><body><h2>Charte cookies</h2><h3>Cookies nécessaires au bon fonctionnement</h3><table>' +
    '<tr><th>Nom du prestataire</th><th>Nom du cookie</th><th>Durée</th><th>Finalité</th></tr>' +
    '<tr><td>Huwise</td><td>sessionid</td><td>2 semaines</td><td>Session</td></tr>' +
    `<tr><td>Huwise</td><td>${cell}</td><td>12 mois</td><td>x</td></tr></table></body></html>`;

  it.each([
    ['cookies_&shy;preferences', 'cookies_preferences'],
    ['&lrm;csrftoken', 'csrftoken'],
    ['csrf&#x202E;token', 'csrftoken'],
  ])('declares the cookie a “%s” cell names: %s is not undeclared, nor its entry “declared, not seen”', (cell, name) => {
    const live = readLiveCharterPage(page(cell), 'text/html');
    const site = play([cookie('sessionid', 14)], [cookie(name, 180)]);
    const report = buildReport(site, withSiteCharter(registry, HOST, live.charter, 'live'), NOW_MS);
    expect(report.cookies.find((c) => c.name === name)).toMatchObject({ status: 'declared', source: 'charter' });
    expect(report.findings.map((f) => `${f.kind} ${f.cookie}`)).toEqual([]);
  });
});

describe('the live charter of a bundled portal in another language than the bundled one (review F2)', () => {
  const TCO = 'data.tco.re';
  const bundledTco = parseCharter(readFileSync('charters/data.tco.re.txt', 'utf8'));
  const tcoRegistry = buildRegistry({ [TCO]: bundledTco }, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  /**
   * data.tco.re's four cookies in English, as a portal offered in English may serve its charter: a
   * model (our translation of charters/data.tco.re.txt), not a page seen; English charters and the
   * "Translated to English:" preamble are real (../shared/guides/charter-formats.md, format variants).
   */
  const english = (rows: string) =>
    '<html lang="en"><body><main><h3>Cookies necessary for the platform to work / functional cookies</h3><table>' +
    '<tr><th>Supplier name</th><th>Service and location</th><th>Cookie name</th><th>Purposes</th></tr>' +
    rows +
    '</table></main></body></html>';
  const ROWS = [
    ['Opendatasoft', 'Authentication (front and back office)', 'sessionid', 'Remember the user from one page to another.'],
    ['Opendatasoft', 'Language selection (front and back office)', 'django_language', "Remember the visitor's language"],
    ['Opendatasoft', 'API (CSRF) (front and back office)', 'csrftoken', 'Retrieve data through API calls'],
    ['Opendatasoft', 'Choice about your cookie preferences', 'cookies_preferences', "Remember the visitor's choice about cookies"],
  ];
  const row = (cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  const reportOn = async (page: string) => {
    const serve: FetchLike = async (url) =>
      url.endsWith('/terms/cookies-policy/')
        ? new Response(page, { headers: { 'content-type': 'text/html' } })
        : new Response('', { status: 404 });
    const live = await fetchLiveCharter(TCO, serve, () => NOW_MS);
    return buildReport(emptySite(TCO, '0'), siteRegistry(tcoRegistry, TCO, live, []), NOW_MS, live);
  };

  it("finds it unchanged, saying the live charter's entries are in English and the bundled ones in French", async () => {
    expect(bundledTco.language).toBe('fr');
    const report = await reportOn(english(ROWS.map(row).join('')));
    expect(report.charter).toMatchObject({ kind: 'live', language: 'en' });
    expect(report.charter.changes).toEqual({ added: [], removed: [], changed: [], translated: { from: 'fr', to: 'en' } });
  });

  /** data.tco.re's charter as bundled, the whole text, and a page holding it beside an English version. */
  const FRENCH = readFileSync('charters/data.tco.re.txt', 'utf8');
  const ENGLISH_VERSION = `Cookie policy\n\nThis policy says which cookies the platform sets and what they are for.\n\nCookies necessary for the platform to work / functional cookies\n\n${['Supplier name', 'Service and location', 'Cookie name', 'Purposes'].join('\t')}\n${ROWS.map((cells) => cells.join('\t')).join('\n')}`;
  const plainReportOn = async (page: string) => {
    const serve: FetchLike = async (url) =>
      url.endsWith('/terms/cookies-policy/')
        ? new Response(page, { headers: { 'content-type': 'text/plain' } })
        : new Response('', { status: 404 });
    const live = await fetchLiveCharter(TCO, serve, () => NOW_MS);
    return buildReport(emptySite(TCO, '0'), siteRegistry(tcoRegistry, TCO, live, []), NOW_MS, live);
  };

  it('judges the language by the entries compared, not the page: French entries first, then an English version with its prose (review live2 A)', async () => {
    const frenchTable = FRENCH.slice(FRENCH.indexOf('A quoi servent')).replace(
      "Se souvenir de l'utilisateur d'une page à une autre.",
      'Suivre votre navigation à des fins publicitaires.',
    );
    const { charter } = await plainReportOn(
      `${frenchTable}\n\n${ENGLISH_VERSION}\n\n${'What a cookie is, and why we use them on this website. '.repeat(20)}`,
    );
    expect(charter.language).toBe('en');
    expect(charter.changes).toEqual({
      added: [],
      removed: [],
      changed: [
        {
          cookie: 'sessionid',
          fields: [
            {
              field: 'purpose',
              before: "Se souvenir de l'utilisateur d'une page à une autre.",
              after: 'Suivre votre navigation à des fins publicitaires.',
            },
          ],
        },
      ],
    });
  });

  it('takes English entries first on a page read as French for a translation, not 4 changes (review live2 B)', async () => {
    const { charter } = await plainReportOn(`${ENGLISH_VERSION}\n\n${FRENCH}`);
    expect(charter.language).toBe('fr');
    expect(charter.changes).toEqual({ added: [], removed: [], changed: [], translated: { from: 'fr', to: 'en' } });
  });

  it('shows one purpose replaced by a long English text in an unchanged French charter, not a translation (review live3 1)', async () => {
    // 46 English words outnumber the three other entries' French ones: counted by entry, one of four is not most.
    const advertising =
      "Collects data on the user's navigation and behaviour across the pages of the website, which is used to compile statistics for the owner of the site and to show the user advertising from our partners on their own websites. You can refuse it.";
    const { charter } = await plainReportOn(FRENCH.replace("Se souvenir de l'utilisateur d'une page à une autre.", advertising));
    expect(charter.changes).toEqual({
      added: [],
      removed: [],
      changed: [
        {
          cookie: 'sessionid',
          fields: [{ field: 'purpose', before: "Se souvenir de l'utilisateur d'une page à une autre.", after: advertising }],
        },
      ],
    });
  });

  it('compares every field of a partial translation: purposes in English, services left in French (review live3 2)', async () => {
    // Entry by entry, sessionid reads English, two read French and csrftoken cannot be told: one of three is not most.
    const page = FRENCH.replace("Se souvenir de l'utilisateur d'une page à une autre.", ROWS[0]![3]!)
      .replace('Se souvenir de la langue du visiteur', ROWS[1]![3]!)
      .replace('Récupérer des données via des appels API', ROWS[2]![3]!)
      .replace('Se souvenir du choix opéré par le visiteur concernant les cookies', ROWS[3]![3]!);
    const { charter } = await plainReportOn(page);
    expect(charter.changes?.translated).toBeUndefined();
    expect(charter.changes?.changed.map(({ cookie, fields }) => [cookie, fields.map(({ field, after }) => `${field}:${after}`)])).toEqual(
      ROWS.map(([, , cookie, purpose]) => [cookie, [`purpose:${purpose}`]]),
    );
  });

  it('still says a cookie added or removed, and a provider named otherwise', async () => {
    const rows = [...ROWS.slice(1).map(row), row(['Matomo', 'Audience', '_pk_id', 'Statistics'])];
    rows[0] = row(['Matomo', ...ROWS[1]!.slice(1)]);
    const { changes } = (await reportOn(english(rows.join('')))).charter;
    expect(changes?.added.map((entry) => entry.cookie)).toEqual(['_pk_id']);
    expect(changes?.removed.map((entry) => entry.cookie)).toEqual(['sessionid']);
    expect(changes?.changed).toEqual([
      { cookie: 'django_language', fields: [{ field: 'provider', before: 'Opendatasoft', after: 'Matomo' }] },
    ]);
  });
});

describe('a cookie expired before the report', () => {
  const T0 = 1_800_000_000_000;
  const TCO = 'data.tco.re';
  const choice = (flags: Record<string, boolean>, at: number) =>
    browserCookie({
      name: 'cookies_preferences',
      domain: TCO,
      httpOnly: false,
      expirationDate: at / 1000 + 183 * DAY,
      value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ...flags, timestamp: at })),
    });
  /** Accepted, gtag's one-minute throttle cookie set, then Google Analytics refused five minutes later. */
  function refusedAfterExpiry(throttleExpiresAfter: number | null): SiteRecord {
    const site = emptySite(TCO, '0');
    recordCookieChange(site, choice({ ga: true }, T0), false, T0);
    recordCookieChange(
      site,
      browserCookie({
        name: '_gat_gtag_UA_1_1',
        domain: '.tco.re',
        hostOnly: false,
        ...(throttleExpiresAfter === null ? { session: true } : { expirationDate: T0 / 1000 + throttleExpiresAfter }),
      }),
      false,
      T0 + 10,
    );
    recordCookieChange(site, choice({ ga: false }, T0 + 300_000), false, T0 + 300_000);
    return site;
  }
  const tcoRegistry = buildBundledRegistry(bundledOpenCookieDatabaseRows());

  it('is not "kept after a refusal": the browser deletes it lazily, it was gone before the refusal', () => {
    const report = buildReport(refusedAfterExpiry(60), tcoRegistry, T0 + 301_000);
    expect(report.findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
    // Its row says it expired, after the present ones, not that it is there or that something removed it.
    const row = report.cookies.find((c) => c.name === '_gat_gtag_UA_1_1')!;
    expect(row).toMatchObject({ removed: null, expired: true });
    expect(report.cookies.at(-1)!.name).toBe('_gat_gtag_UA_1_1');
  });

  it('still is while its expiry is to come, and a session cookie never expires so', () => {
    for (const lifetime of [3600, null]) {
      const report = buildReport(refusedAfterExpiry(lifetime), tcoRegistry, T0 + 301_000);
      expect(report.findings.filter((f) => f.kind === 'after-refusal').map((f) => f.evidence)).toEqual([
        'statistics cookie (Google) kept after a refusal: Google Analytics refused (ga=false)',
      ]);
      expect(report.cookies.find((c) => c.name === '_gat_gtag_UA_1_1')).not.toHaveProperty('expired');
    }
  });

  it('counts as expired at its very expiry, the report built at that millisecond', () => {
    const report = buildReport(refusedAfterExpiry(301), tcoRegistry, T0 + 301_000);
    expect(report.findings.filter((f) => f.kind === 'after-refusal')).toEqual([]);
  });
});

describe('another consent manager’s record on a portal’s own domain (a review’s case, data.toulouse-metropole.fr)', () => {
  const PORTAL = 'data.toulouse-metropole.fr';
  const bundledRegistry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const at = 1_765_000_000_000;
  const lastingCookie = (name: string, domain: string, days: number, value = 'x') =>
    browserCookie({ name, value, domain, hostOnly: !domain.startsWith('.'), expirationDate: at / 1000 + days * DAY });
  /** The consent findings of a portal that set `name` on its parent domain before the visitor turned Google Analytics off. */
  const consentFindingsWith = (name: string) => {
    const site = emptySite(PORTAL, '0');
    const refusal = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, timestamp: at - 1000 }));
    const steps = [
      lastingCookie('csrftoken', PORTAL, 364),
      lastingCookie(name, '.toulouse-metropole.fr', 365),
      lastingCookie('cookies_preferences', PORTAL, 180, refusal),
    ];
    steps.forEach((step, index) => recordCookieChange(site, step, false, at - 10_000 + index * 100));
    return buildReport(site, bundledRegistry, at)
      .findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
      .map((f) => `${f.severity} ${f.kind} ${f.cookie}`);
  };

  it.each(['axeptio_cookies', 'didomi_token', 'TC_PRIVACY', 'TC_PRIVACY_CENTER', 'TC_OUTPUT', 'TC_OUTPUT_categories'])(
    'makes no consent finding for %s, which only keeps that manager’s choice',
    (name) => {
      expect(consentFindingsWith(name)).toEqual([]);
    },
  );

  it('still flags a tracker set there before the choice, and kept after its switch was turned off', () => {
    expect(consentFindingsWith('_ga')).toEqual(['high before-consent _ga', 'high after-refusal _ga']);
  });
});

describe('a live charter’s placeholder spellings of a known family (a review’s case)', () => {
  const PORTAL = 'data.example.fr';
  const bundledRegistry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const at = 1_765_000_000_000;
  /** True when `real`, set on the portal's parent domain, is undeclared by a live charter naming `cell` under audience measurement. */
  const undeclaredWith = (cell: string, real: string) => {
    const charter = parseCharter(
      `## Charte cookies\n\nCookies de mesure d'audience\n\n| Nom du prestataire | Nom du cookie | Durée | Finalité |\n|---|---|---|---|\n| Google | ${cell} | 13 mois | Mesure |\n`,
    );
    const site = emptySite(PORTAL, '0');
    recordCookieChange(
      site,
      browserCookie({ name: real, domain: '.example.fr', hostOnly: false, expirationDate: at / 1000 + 390 * DAY }),
      false,
      at - 10_000,
    );
    return buildReport(site, withSiteCharter(bundledRegistry, PORTAL, charter, 'live'), at).findings.some(
      (f) => f.kind === 'undeclared' && f.cookie === real,
    );
  };

  it.each([
    ['_ga_XXXXXXXXXX', '_ga_ABC123'],
    ['_ga_<ID>', '_ga_ABC123'],
    ['_ga_ID', '_ga_ABC123'],
    ['_ga_#', '_ga_ABC123'],
    ['_pk_id.#.#', '_pk_id.3.1fff'],
    ['xtanXXXXXX', 'xtan123'],
  ])('declares the family with %s: %s is no undeclared cookie', (cell, real) => {
    expect(undeclaredWith(cell, real)).toBe(false);
  });

  it.each([
    ['session_ID', 'session_ABC'],
    ['XSRF', 'XSRF-TOKEN'],
  ])('keeps %s the exact name it is: %s stays undeclared', (cell, real) => {
    expect(undeclaredWith(cell, real)).toBe(true);
    expect(undeclaredWith(cell, cell)).toBe(false);
  });
});

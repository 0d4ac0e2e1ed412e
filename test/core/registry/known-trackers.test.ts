import { describe, expect, it } from 'vitest';
import type { TrackerChoices } from '../../../src/core/consent/consent-choice.ts';
import { consentKeysOf, judgeByName } from '../../../src/core/consent/consent-trackers.ts';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { lifetimeInEnglish, type KnownLifetime, type LifetimeSpan } from '../../../src/core/registry/known-lifetime.ts';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import { matchCookie } from '../../../src/core/registry/match.ts';
import { buildRegistry } from '../../../src/core/registry/registry.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { browserCookie } from '../../support/cookies.ts';

const CATEGORIES = new Set(['necessary', 'statistics', 'third-party', 'other']);

function spansOf(lifetime: KnownLifetime): LifetimeSpan[] {
  if (lifetime.kind === 'range') return [lifetime.shortest, lifetime.longest];
  return lifetime.kind === 'span' || lifetime.kind === 'by-default' ? [lifetime.span] : [];
}

describe('KNOWN_TRACKERS (data test)', () => {
  it('has unique ids', () => {
    const ids = KNOWN_TRACKERS.map((tracker) => tracker.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has each cookie rule once (same name, match and domain would shadow one another)', () => {
    const rules = KNOWN_TRACKERS.map((tracker) => `${tracker.match}:${tracker.cookie}@${tracker.domain ?? '*'}`);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it.each(KNOWN_TRACKERS.map((tracker) => [tracker.id, tracker] as const))('%s is complete', (_id, tracker) => {
    expect(tracker.provider.trim()).not.toBe('');
    expect(tracker.service.trim()).not.toBe('');
    expect(tracker.cookie.trim()).toBe(tracker.cookie);
    expect(tracker.cookie).not.toBe('');
    // Prefixes are stored without wildcard characters.
    expect(tracker.cookie).not.toMatch(/[*<>]/);
    expect(tracker.purpose.trim()).not.toBe('');
    expect(tracker.purposeFr.trim()).not.toBe('');
    expect(tracker.purposeFr).not.toBe(tracker.purpose);
    expect(lifetimeInEnglish(tracker.lifetime).trim()).not.toBe('');
    for (const span of spansOf(tracker.lifetime)) expect(Number.isInteger(span.amount) && span.amount > 0, tracker.id).toBe(true);
    if (tracker.lifetime.kind === 'not-stated') expect(tracker.lifetime.by.trim()).not.toBe('');
    expect(CATEGORIES.has(tracker.category)).toBe(true);
    expect(new URL(tracker.sourceUrl).protocol).toBe('https:');
    if (tracker.domain !== null) expect(tracker.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('writes its French purposes in French typography: the typographic apostrophe, a narrow no-break space before : and ;', () => {
    for (const tracker of KNOWN_TRACKERS) {
      expect(tracker.purposeFr, tracker.id).not.toContain("'");
      expect(tracker.purposeFr, tracker.id).not.toMatch(/(^|[^\u202f])[:;!?]/);
      expect(tracker.purposeFr, tracker.id).toMatch(/\.$/);
    }
  });

  it('says a family is another cookie renamed only for a cookie of the table whose name starts the family', () => {
    const exact = new Set(KNOWN_TRACKERS.filter((tracker) => tracker.match === 'exact').map((tracker) => tracker.cookie));
    for (const tracker of KNOWN_TRACKERS.filter((entry) => entry.renamedFrom !== undefined)) {
      expect(tracker.match, tracker.id).toBe('prefix');
      expect(exact.has(tracker.renamedFrom!), tracker.id).toBe(true);
      expect(tracker.cookie.startsWith(tracker.renamedFrom!), tracker.id).toBe(true);
    }
  });

  it('says its lifetimes in the English words reports and exports have always written', () => {
    const words = new Set(KNOWN_TRACKERS.map((tracker) => lifetimeInEnglish(tracker.lifetime)));
    expect([...words].sort()).toEqual([
      '1 minute',
      '13 months',
      '13 months by default, can be configured',
      '13 months by default, modifiable',
      '2 minutes',
      '2 minutes by default, can be configured',
      '2 years',
      '23 hours by default, can be configured',
      '24 hours',
      '30 days by default, modifiable',
      '30 minutes',
      '30 minutes by default, modifiable',
      '30 seconds by default, modifiable',
      '30 seconds to 1 year',
      '30 years',
      '365 days',
      '6 months',
      '6 months by default, modifiable',
      '7 days',
      '90 days',
      'Deleted immediately',
      'Not stated by Amazon',
      'Not stated by Disqus',
      'Not stated by Meta',
      'Not stated by Microsoft',
      'Not verified',
      'Session',
    ]);
  });

  it('covers the trackers and third parties the platform supports', () => {
    const services = new Set(KNOWN_TRACKERS.map((tracker) => tracker.service));
    for (const expected of ['Google Analytics 4', 'Matomo JavaScript tracker', 'AT Internet SmartTag', 'Disqus comments', 'reCAPTCHA']) {
      expect(services).toContain(expected);
    }
  });
});

describe('AT Internet cookies added from the vendor’s tables', () => {
  const registry = buildRegistry({}, { openCookieDatabase: bundledOpenCookieDatabaseRows() });
  const PORTAL = 'data.other-city.fr';

  it.each([
    // The TV Tracking plugin's cookie, written by the tag on the portal's own domain.
    ['attvtreman', PORTAL, 'at-internet-attvtreman', 'AT Internet', '30 days by default, modifiable'],
    // The collection server's visitor ID, on AT Internet's collection domains.
    ['idrxvr', '.xiti.com', 'piano-analytics-idrxvr', 'Piano', '13 months'],
    ['idrxvr', '.ati-host.net', 'piano-analytics-idrxvr', 'Piano', '13 months'],
    ['idrxvr', PORTAL, 'piano-analytics-idrxvr', 'Piano', '13 months'],
    // Its siblings in Piano's Server Side Cookies table.
    ['atidx', '.xiti.com', 'piano-analytics-atidx', 'Piano', '13 months'],
    ['atidx', '.ati-host.net', 'piano-analytics-atidx', 'Piano', '13 months'],
    ['atidx', PORTAL, 'piano-analytics-atidx', 'Piano', '13 months'],
    ['atid', '.xiti.com', 'piano-analytics-atid', 'Piano', '13 months'],
    ['atid', '.ati-host.net', 'piano-analytics-atid', 'Piano', '13 months'],
    ['atid', PORTAL, 'piano-analytics-atid', 'Piano', '13 months'],
    // A short exact name leaves the longer SmartTag names it starts alone.
    ['atidvisitor', PORTAL, 'at-internet-atidvisitor', 'AT Internet', '6 months by default, modifiable'],
  ])('describes %s on %s from the known-tracker table', (name, domain, id, provider, duration) => {
    const result = matchCookie(registry, PORTAL, { name, domain });
    expect(result).toMatchObject({ source: 'known-tracker', rule: 'exact', provider, category: 'statistics', duration });
    expect(result.reference).toMatchObject({ kind: 'known-tracker', id });
  });

  it.each(['attvtreman', 'idrxvr', 'atidx', 'atid'])('governs %s by the switch of its siblings atreman and atuserid', (name) => {
    expect(consentKeysOf(name)).toEqual(consentKeysOf('atreman'));
    expect(consentKeysOf(name)).toEqual(consentKeysOf('atuserid'));
    const choices: TrackerChoices[] = [{ at: false }, { xiti: false, piano: false }, { at: false, piano: true }, { ga: false }];
    for (const trackers of choices) {
      const choice = { state: 'choice' as const, trackers };
      expect(judgeByName(choice, name), JSON.stringify(trackers)).toEqual(judgeByName(choice, 'atreman'));
    }
    // Refused by the switch, as its siblings are.
    expect(judgeByName({ state: 'choice', trackers: { at: false, ga: true } }, name)).toEqual({ phase: 'after-refuse', refused: ['at'] });
  });
});

describe('Hotjar cookies of its tracking code', () => {
  const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const HOST = 'data.tco.re';
  const NOW = 1_700_000_000_000;
  // One Hotjar page view writes these together (Hotjar's cookie list).
  const PAGE_VIEW = ['_hjSession_123', '_hjAbsoluteSessionInProgress', '_hjFirstSeen', '_hjIncludedInSessionSample_123'];

  it.each([
    ['_hjFirstSeen', '30 minutes'],
    ['_hjAbsoluteSessionInProgress', '30 minutes'],
    ['_hjIncludedInSessionSample_123456', '30 minutes'],
    // The name older tracking code wrote, without the site ID.
    ['_hjIncludedInSessionSample', '30 minutes'],
    ['_hjIncludedInPageviewSample', '30 minutes'],
    ['_hjTLDTest', 'Session'],
    ['_hjUserAttributesHash', '2 minutes'],
  ])('describes %s on the portal’s own domain as Hotjar’s statistics cookie', (name, duration) => {
    expect(matchCookie(registry, HOST, { name, domain: HOST })).toMatchObject({
      source: 'known-tracker',
      provider: 'Hotjar',
      category: 'statistics',
      duration,
    });
  });

  it('leaves the cookies the Open Cookie Database already files as Hotjar’s statistics to it', () => {
    for (const name of ['_hjid', '_hjCachedUserAttributes', '_hjDonePolls', '_hjShownFeedbackMessage']) {
      expect(matchCookie(registry, HOST, { name, domain: HOST }), name).toMatchObject({
        source: 'open-cookie-database',
        provider: 'Hotjar',
        category: 'statistics',
      });
    }
  });

  it('judges every Hotjar cookie of a page view alike after every switch was turned off', () => {
    const site = emptySite(HOST, '0');
    const prefs = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, matomo: false, timestamp: NOW - 1000 }));
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: HOST, value: prefs }), false, NOW);
    for (const name of PAGE_VIEW) recordCookieChange(site, browserCookie({ name, domain: HOST }), false, NOW + 10);
    const report = buildReport(site, registry, NOW + 20);
    const refusals = report.findings.filter((f) => f.kind === 'after-refusal').map((f) => f.cookie);
    expect(refusals).toEqual(['_hjAbsoluteSessionInProgress', '_hjFirstSeen', '_hjIncludedInSessionSample_123', '_hjSession_123']);
  });

  it('rates every Hotjar cookie of a page view set before the choice alike', () => {
    const site = emptySite(HOST, '0');
    for (const name of PAGE_VIEW) recordCookieChange(site, browserCookie({ name, domain: HOST }), false, NOW + 10);
    const report = buildReport(site, registry, NOW + 20);
    const before = report.findings.filter((f) => f.kind === 'before-consent').map((f) => `${f.cookie} ${f.severity} ${f.detail.category}`);
    expect(before).toEqual([
      '_hjAbsoluteSessionInProgress high statistics',
      '_hjFirstSeen high statistics',
      '_hjIncludedInSessionSample_123 high statistics',
      '_hjSession_123 high statistics',
    ]);
  });
});

describe('load balancers’ affinity cookies (exempt from consent: CNIL, délibération n° 2020-091, art. 5)', () => {
  const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
  const HOST = 'data.tco.re';
  const NOW = 1_764_460_800_000;
  // What a portal behind each load balancer is sent: BIG-IP, NetScaler and Imperva name theirs after the pool, server or site.
  const AFFINITY = [
    'AWSALB',
    'AWSALBCORS',
    'AWSALBTG',
    'AWSALBTGCORS',
    'AWSELB',
    'AWSELBCORS',
    'GCLB',
    'ARRAffinity',
    'ARRAffinitySameSite',
    'ASLBSA',
    'ASLBSACORS',
    'ApplicationGatewayAffinity',
    'ApplicationGatewayAffinityCORS',
    'AWSALBAPP-0',
    '__cflb',
    'INGRESSCOOKIE',
    'BIGipServerpool_portal',
    'SERVERID',
    'NSC_portal_vserver',
    'nlbi_123456',
  ];
  const before = (names: readonly string[]) => {
    const site = emptySite(HOST, '0');
    for (const name of names)
      recordCookieChange(site, browserCookie({ name, domain: HOST, session: true, expirationDate: undefined }), false, NOW);
    return buildReport(site, registry, NOW + 1).findings;
  };

  it('elides "que" before a name opening with a vowel in its French purposes (qu’AWSALB)', () => {
    const unelided = KNOWN_TRACKERS.filter((tracker) => /\bque [AEIOUaeiou]/.test(tracker.purposeFr)).map((tracker) => tracker.id);
    expect(unelided).toEqual([]);
  });

  it.each(AFFINITY)('describes %s as a necessary cookie from the known-tracker table', (name) => {
    expect(matchCookie(registry, HOST, { name, domain: HOST })).toMatchObject({ source: 'known-tracker', category: 'necessary' });
  });

  it('makes no consent finding for them when set before the visitor chose (the review’s portal: data.tco.re)', () => {
    const consent = before(['sessionid', 'csrftoken', ...AFFINITY]).filter(
      (f) => f.kind === 'before-consent' || f.kind === 'after-refusal',
    );
    expect(consent.map((f) => `${f.kind} ${f.severity} ${f.cookie}`)).toEqual([]);
  });

  it('still says a charter forgets them (medium: a charter should list them)', () => {
    const undeclared = before(AFFINITY).filter((f) => f.kind === 'undeclared');
    expect(undeclared.map((f) => `${f.severity} ${f.cookie}`).sort()).toEqual(AFFINITY.map((name) => `medium ${name}`).sort());
  });

  it('hides no other cookie under a prefix: every name of the Open Cookie Database or the table a necessary family starts is that family’s', () => {
    const families = KNOWN_TRACKERS.filter((tracker) => tracker.match === 'prefix' && tracker.category === 'necessary');
    expect(families.map((tracker) => tracker.cookie).sort()).toEqual(['AWSALBAPP', 'BIGipServer', 'NSC_', 'nlbi_']);
    for (const family of families) {
      const ocd = bundledOpenCookieDatabaseRows().filter((row) => row.name.startsWith(family.cookie) && row.name !== family.cookie);
      const table = KNOWN_TRACKERS.filter((tracker) => tracker !== family && tracker.cookie.startsWith(family.cookie));
      expect([...ocd.map((row) => row.name), ...table.map((tracker) => tracker.cookie)], family.id).toEqual([]);
    }
  });
});

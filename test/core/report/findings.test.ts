import { describe, expect, it } from 'vitest';
import { readCharter } from '../../../src/core/charter/parse.ts';
import type { CharterEntry } from '../../../src/core/charter/types.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../../src/core/cookies/site-record.ts';
import type { MatchResult } from '../../../src/core/registry/match.ts';
import { findingsFor, type MatchedCookie } from '../../../src/core/report/findings.ts';
import { browserCookie } from '../../support/cookies.ts';
import { declaredStatistics, declares } from '../../support/charter-entries.ts';
import { UNKNOWN_MATCH } from '../../support/reports.ts';

const NOW_MS = 1_700_000_000_000;
const HOST = 'data.tco.re';

const declared = declaredStatistics('Matomo');
/** A consent choice as the platform writes it (ods-labs/starterkit-huwise, src/utils/cookieUtils.ts). */
const choice = (flags: Record<string, boolean>) =>
  browserCookie({
    name: 'cookies_preferences',
    domain: HOST,
    value: encodeURIComponent(JSON.stringify({ functional_cookies: true, ...flags, timestamp: NOW_MS - 1000 })),
  });

/** The site after these cookie events, and its cookies matched as `matches` says. */
function seen(site: SiteRecord, matches: Record<string, MatchResult>): MatchedCookie[] {
  return Object.values(site.cookies).map((cookie) => ({ cookie, match: matches[cookie.name] ?? UNKNOWN_MATCH }));
}

describe('findingsFor', () => {
  it('flags a statistics cookie set before the choice (high) and an unknown one the charter does not declare', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(
      site,
      browserCookie({ name: '_pk_id.1.abc', domain: HOST, expirationDate: undefined, session: true }),
      false,
      NOW_MS,
    );
    recordCookieChange(site, browserCookie({ name: 'widget', domain: HOST, expirationDate: undefined, session: true }), false, NOW_MS);
    const findings = findingsFor(site, seen(site, { '_pk_id.1.abc': declared }), []);
    expect(findings.map((f) => `${f.kind} ${f.severity} ${f.cookie}`)).toEqual([
      'before-consent high _pk_id.1.abc',
      'before-consent medium widget',
      'undeclared medium widget',
    ]);
  });

  it('names the refused tracker of a cookie set after its refusal', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, choice({ matomo: false }), false, NOW_MS);
    recordCookieChange(
      site,
      browserCookie({ name: '_pk_id.1.abc', domain: HOST, expirationDate: undefined, session: true }),
      false,
      NOW_MS,
    );
    const [finding] = findingsFor(
      site,
      seen(site, { '_pk_id.1.abc': declared, cookies_preferences: { ...declared, category: 'necessary' } }),
      [],
    );
    expect(finding).toMatchObject({
      kind: 'after-refusal',
      severity: 'high',
      cookie: '_pk_id.1.abc',
      detail: { how: 'set', refused: ['matomo'] },
    });
    expect(finding!.evidence).toBe('statistics cookie (Matomo) set after a refusal: Matomo refused (matomo=false)');
  });

  it('judges a cookie of embedded content by the overall choice only, and names where it came from', () => {
    const embeddedGa = browserCookie({
      name: '_ga',
      domain: '.video.example.net',
      hostOnly: false,
      expirationDate: undefined,
      session: true,
    });
    const statistics: MatchResult = { ...declared, declared: false, source: 'known-tracker', provider: 'Google' };
    const necessary = { ...declared, category: 'necessary' as const, duration: null };

    // Google Analytics refused, Matomo accepted: the frame's `_ga` is not the portal's, so its `ga` switch does not speak for it.
    const mixed = emptySite(HOST, '0');
    recordCookieChange(mixed, choice({ ga: false, matomo: true }), false, NOW_MS);
    recordCookieChange(mixed, embeddedGa, false, NOW_MS, { via: 'frame' });
    expect(findingsFor(mixed, seen(mixed, { _ga: statistics, cookies_preferences: necessary }), []).map((f) => f.kind)).toEqual([
      'undeclared',
    ]);

    // Set before the choice, kept after refusing every switch of the banner: none of them is the frame's.
    const switchesOff = emptySite(HOST, '0');
    recordCookieChange(switchesOff, embeddedGa, false, NOW_MS, { via: 'response' });
    recordCookieChange(switchesOff, choice({ ga: false, matomo: false }), false, NOW_MS);
    expect(findingsFor(switchesOff, seen(switchesOff, { _ga: statistics, cookies_preferences: necessary }), []).map((f) => f.kind)).toEqual(
      ['before-consent', 'undeclared'],
    );

    // Set before the choice, kept after a refusal read with no flags (a shape other than the platform's): it speaks for everything.
    const refused = emptySite(HOST, '0');
    recordCookieChange(refused, embeddedGa, false, NOW_MS, { via: 'response' });
    recordCookieChange(refused, browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' }), false, NOW_MS);
    const findings = findingsFor(refused, seen(refused, { _ga: statistics, cookies_preferences: necessary }), []);
    expect(findings.map((f) => `${f.kind} ${f.severity} ${f.detail.how ?? ''}`)).toEqual([
      'before-consent high ',
      'after-refusal high kept',
      'undeclared medium ',
    ]);
    expect(findings[0]!.evidence).toBe('statistics cookie (Google) of embedded content (video.example.net) set before the visitor chose');
    expect(findings[1]!.detail.refused).toBeUndefined();
    // The detail says so too, for the pages to word it: the site is not blamed for a frame's cookie.
    expect(findings.map((f) => f.detail.embedded)).toEqual(['video.example.net', 'video.example.net', 'video.example.net']);
  });

  it('carries no embedded domain in the detail of the site’s own cookie beside a frame’s of the same name', () => {
    const statistics: MatchResult = { ...declared, declared: false, source: 'known-tracker', provider: 'Google' };
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false }), false, NOW_MS);
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.video.example.net', hostOnly: false }), false, NOW_MS, {
      via: 'frame',
    });
    const findings = findingsFor(site, seen(site, { _ga: statistics }), []);
    expect(findings.map((f) => `${f.kind} ${f.domain} ${f.detail.embedded ?? 'own'}`)).toEqual([
      'before-consent .tco.re own',
      'before-consent .video.example.net video.example.net',
      'undeclared .tco.re own',
      'undeclared .video.example.net video.example.net',
    ]);
    expect(findings.filter((f) => f.detail.embedded === undefined).every((f) => !('embedded' in f.detail))).toBe(true);
  });

  // Matomo writes both when the visitor opts out (its FAQ 146): mtm_consent_removed, and matomo_ignore from its opt-out feature.
  it.each(['mtm_consent_removed', 'matomo_ignore'])(
    'never flags after a refusal a site’s own cookie that only keeps the choice (%s), even one a charter files under statistics',
    (name) => {
      const keepsChoice = browserCookie({ name, domain: HOST, expirationDate: undefined, session: true });
      const matches = { [name]: declared, cookies_preferences: { ...declared, category: 'necessary' as const } };
      const refusals = (site: SiteRecord) => findingsFor(site, seen(site, matches), []).filter((f) => f.kind === 'after-refusal');
      // Written when the visitor opts out: after a refusal in flags, and after one read without flags (set then, or kept).
      for (const refusal of [choice({ matomo: false }), browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' })]) {
        const setAfter = emptySite(HOST, '0');
        recordCookieChange(setAfter, refusal, false, NOW_MS);
        recordCookieChange(setAfter, keepsChoice, false, NOW_MS);
        expect(refusals(setAfter), refusal.value).toEqual([]);
        const kept = emptySite(HOST, '0');
        recordCookieChange(kept, choice({ matomo: true }), false, NOW_MS);
        recordCookieChange(kept, keepsChoice, false, NOW_MS);
        recordCookieChange(kept, refusal, false, NOW_MS);
        expect(refusals(kept), refusal.value).toEqual([]);
      }
      // Embedded content by that name is no opt-out of the portal's: the refusal speaks for it.
      const embedded = emptySite(HOST, '0');
      recordCookieChange(embedded, browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' }), false, NOW_MS);
      recordCookieChange(embedded, { ...keepsChoice, domain: 'widget.example.net' }, false, NOW_MS, { via: 'frame' });
      expect(refusals(embedded).map((f) => f.detail.how)).toEqual(['set']);
    },
  );

  // Piano / AT Internet write the exempt privacy mode at load, before the banner is answered (CNIL: keeping the choice needs no consent).
  it('never flags before the choice a site’s own cookie that only keeps the choice, even one a charter files under statistics; a tracker still is', () => {
    const site = emptySite(HOST, '0');
    // The last three: another consent manager's record (other-consent-managers.ts), which a portal may carry.
    const keepers = [
      'atauthority',
      '_pprv',
      'pa_privacy',
      'mtm_consent_removed',
      'matomo_ignore',
      'axeptio_cookies',
      'tarteaucitron',
      'cmplz_banner-status',
    ];
    const trackers = ['_ga', '_pk_id.1.abc', 'atuserid'];
    for (const name of [...keepers, ...trackers]) {
      recordCookieChange(site, browserCookie({ name, domain: HOST, expirationDate: undefined, session: true }), false, NOW_MS);
    }
    const matches = Object.fromEntries([...keepers, ...trackers].map((name) => [name, declared]));
    const beforeConsent = findingsFor(site, seen(site, matches), [])
      .filter((f) => f.kind === 'before-consent')
      .map((f) => `${f.severity} ${f.cookie}`);
    expect(beforeConsent).toEqual(['high _ga', 'high _pk_id.1.abc', 'high atuserid']);
    // Embedded content by that name keeps no choice of the portal's: set before the choice, still a finding.
    const embedded = emptySite(HOST, '0');
    recordCookieChange(embedded, browserCookie({ name: 'atauthority', domain: 'widget.example.net' }), false, NOW_MS, { via: 'frame' });
    expect(findingsFor(embedded, seen(embedded, { atauthority: declared }), []).filter((f) => f.kind === 'before-consent')).toHaveLength(1);
  });

  it('keeps necessary an embedded cookie the known-tracker table files necessary (reCAPTCHA’s) that a charter files under third parties or a section of unclear role, but not under statistics', () => {
    const consentFindings = (category: 'third-party' | 'other' | 'statistics', refusal: boolean) => {
      const site = emptySite(HOST, '0');
      const recaptcha = browserCookie({ name: '_GRECAPTCHA', domain: 'www.google.com' });
      recordCookieChange(site, recaptcha, false, NOW_MS, { via: 'response' });
      if (refusal) {
        recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: HOST, value: 'refused' }), false, NOW_MS);
        recordCookieChange(site, recaptcha, false, NOW_MS, { via: 'response' });
      }
      const filed = { ...declaredStatistics('Google'), category };
      return findingsFor(site, seen(site, { _GRECAPTCHA: filed, cookies_preferences: { ...filed, category: 'necessary' } }), [])
        .filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
        .map((f) => `${f.kind} ${f.severity}`);
    };
    // "Cookies tiers" says who sets a cookie, not that it needs consent; nor does a section of unclear role.
    for (const category of ['third-party', 'other'] as const) {
      expect(consentFindings(category, false), category).toEqual([]);
      expect(consentFindings(category, true), category).toEqual([]);
    }
    // A charter that files it under statistics says itself that it waits for consent: its word is kept.
    expect(consentFindings('statistics', true)).toEqual(['before-consent high', 'after-refusal high']);
    // A tracker the table does not file necessary keeps the charter's third-party (Disqus's, an embedded `_ga`).
    for (const name of ['disqus_unique', '_ga']) {
      const site = emptySite(HOST, '0');
      recordCookieChange(site, browserCookie({ name, domain: '.example.net', hostOnly: false }), false, NOW_MS, { via: 'frame' });
      const findings = findingsFor(site, seen(site, { [name]: { ...declaredStatistics('Someone'), category: 'third-party' } }), []);
      expect(
        findings.filter((f) => f.kind === 'before-consent').map((f) => `${f.kind} ${f.severity}`),
        name,
      ).toEqual(['before-consent high']);
    }
  });

  it('holds a cookie of embedded content named like one of the platform’s to the consent rules', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: 'csrftoken', domain: 'forms.example.net' }), false, NOW_MS, { via: 'frame' });
    expect(findingsFor(site, seen(site, {}), []).map((f) => `${f.kind} ${f.severity}`)).toEqual([
      'before-consent medium',
      'undeclared medium',
    ]);
  });

  it('makes no consent finding of the platform’s own cookies set by a frame of another portal of the platform', () => {
    const consentKinds = (domain: string) => {
      const site = emptySite(HOST, '0');
      for (const name of ['csrftoken', 'sessionid', 'cookies_preferences']) {
        recordCookieChange(site, browserCookie({ name, domain, hostOnly: !domain.startsWith('.') }), false, NOW_MS, { via: 'frame' });
      }
      return findingsFor(site, seen(site, {}), [])
        .filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')
        .map((f) => `${f.kind} ${f.cookie}`);
    };
    for (const portal of ['public.opendatasoft.com', 'data.huwise.com', '.public.opendatasoft.com']) {
      expect(consentKinds(portal), portal).toEqual([]);
    }
    // The company's website, the platform's shared parent domain and any other host are not a portal of the platform.
    for (const other of ['www.opendatasoft.com', '.opendatasoft.com', 'opendatasoft.com.example.net', 'forms.example.net']) {
      expect(consentKinds(other), other).toEqual([
        'before-consent cookies_preferences',
        'before-consent csrftoken',
        'before-consent sessionid',
      ]);
    }
  });

  it('makes no consent finding off the platform, where no choice can be read', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(
      site,
      browserCookie({ name: '_pk_id.1.abc', domain: HOST, expirationDate: undefined, session: true }),
      false,
      NOW_MS,
    );
    expect(findingsFor(site, seen(site, { '_pk_id.1.abc': declared }), [], false)).toEqual([]);
  });

  it('does not call the consent cookie "not seen" before the visitor chose: only a choice writes it', () => {
    const entry: CharterEntry = {
      provider: 'Opendatasoft',
      service: null,
      cookie: 'cookies_preferences',
      match: 'exact',
      purpose: 'Keeps the choice',
      duration: '6 mois',
      category: 'necessary',
    };
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: 'sessionid', domain: HOST }), false, NOW_MS);
    const notSeen = () =>
      findingsFor(site, seen(site, { sessionid: { ...declared, category: 'necessary' } }), [entry]).filter((f) => f.kind === 'not-seen');
    expect(notSeen()).toEqual([]);
    // A choice recorded, its cookie not kept (the record was dropped to make room, say): now it is missing.
    site.consent = { state: 'accepted', changedAt: NOW_MS, trackers: { matomo: true } };
    expect(notSeen().map((f) => `${f.kind} ${f.cookie}`)).toEqual(['not-seen cookies_preferences']);
  });

  it('does not call the language cookie "not seen": the platform sets it on multilingual portals only', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, choice({ matomo: true }), false, NOW_MS);
    const entry: CharterEntry = { ...declares('django_language', 'necessary'), provider: 'Opendatasoft' };
    expect(findingsFor(site, [], [entry]).filter((f) => f.kind === 'not-seen')).toEqual([]);
    // Any other entry of the platform's not seen is one.
    expect(findingsFor(site, [], [{ ...entry, cookie: 'csrftoken' }]).map((f) => `${f.kind} ${f.cookie}`)).toEqual(['not-seen csrftoken']);
  });

  it.each(['1 year, 1 month and 4 days', '1 an, 1 mois et 4 jours'])(
    'makes no lifetime finding for a 400-day _ga declared as "%s" (a list adding up to 401 days, not its longest part)',
    (words) => {
      const site = emptySite(HOST, '0');
      recordCookieChange(site, choice({ ga: true }), false, NOW_MS);
      const ga = browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false, expirationDate: NOW_MS / 1000 + 400 * 86400 });
      recordCookieChange(site, ga, false, NOW_MS);
      const gaDeclared = { ...declared, provider: 'Google Analytics', duration: words };
      const findings = findingsFor(
        site,
        seen(site, { _ga: gaDeclared, cookies_preferences: { ...declared, category: 'necessary', duration: null } }),
        [],
      );
      expect(findings.filter((f) => f.kind === 'lifetime')).toEqual([]);
      // Past the list's 401 days and the day of slack, it is still one.
      recordCookieChange(site, { ...ga, expirationDate: NOW_MS / 1000 + 403 * 86400 }, false, NOW_MS);
      const longer = findingsFor(
        site,
        seen(site, { _ga: gaDeclared, cookies_preferences: { ...declared, category: 'necessary', duration: null } }),
        [],
      );
      expect(longer.filter((f) => f.kind === 'lifetime').map((f) => f.evidence)).toEqual([
        `charter says "${words}", cookie expires after 403 days`,
      ]);
    },
  );

  it.each(['half a year', '1/2 an', '½ an', 'quarter of a year', "½ an d'inactivité", '1/2 an d’inactivité'])(
    'makes a lifetime finding for a 300-day _pk_id declared as "%s" (a fraction of a year, not a year or two)',
    (words) => {
      const site = emptySite(HOST, '0');
      recordCookieChange(site, choice({ matomo: true }), false, NOW_MS);
      recordCookieChange(
        site,
        browserCookie({ name: '_pk_id.1.abc', domain: HOST, expirationDate: NOW_MS / 1000 + 300 * 86400 }),
        false,
        NOW_MS,
      );
      const findings = findingsFor(
        site,
        seen(site, {
          '_pk_id.1.abc': { ...declared, duration: words },
          cookies_preferences: { ...declared, category: 'necessary', duration: null },
        }),
        [],
      );
      expect(findings.filter((f) => f.kind === 'lifetime').map((f) => f.evidence)).toEqual([
        `charter says "${words}", cookie expires after 300 days`,
      ]);
    },
  );

  it('reads a Duration cell "30 minutes<br>2/3 ans" as 2 to 3 years: a 2-year _pk_id is no finding', () => {
    const text = [
      '## Cookies',
      '| Provider | Cookie name | Duration | Purpose |',
      '|---|---|---|---|',
      '| Matomo | _pk_ses<br>_pk_id | 30 minutes<br>2/3 ans | Audience |',
    ].join('\n');
    const duration = readCharter(text).entries.find((e) => e.cookie === '_pk_id')?.duration ?? null;
    expect(duration).toBe('30 minutes 2/3 ans');
    const site = emptySite(HOST, '0');
    recordCookieChange(site, choice({ matomo: true }), false, NOW_MS);
    recordCookieChange(
      site,
      browserCookie({ name: '_pk_id', domain: HOST, expirationDate: NOW_MS / 1000 + 2 * 365 * 86400 }),
      false,
      NOW_MS,
    );
    const findings = findingsFor(
      site,
      seen(site, { _pk_id: { ...declared, duration }, cookies_preferences: { ...declared, category: 'necessary', duration: null } }),
      [],
    );
    expect(findings.filter((f) => f.kind === 'lifetime').map((f) => f.evidence)).toEqual([]);
  });

  it('flags a lifetime longer than declared, and a declared entry not seen, least serious last', () => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, choice({ matomo: true }), false, NOW_MS);
    recordCookieChange(
      site,
      browserCookie({ name: '_pk_id.1.abc', domain: HOST, expirationDate: NOW_MS / 1000 + 3 * 365 * 86400 }),
      false,
      NOW_MS,
    );
    const entry: CharterEntry = {
      provider: 'Google',
      service: null,
      cookie: '_ga',
      match: 'prefix',
      purpose: 'Audience',
      duration: null,
      category: 'statistics',
    };
    const findings = findingsFor(
      site,
      seen(site, { '_pk_id.1.abc': declared, cookies_preferences: { ...declared, category: 'necessary', duration: null } }),
      [entry],
    );
    expect(findings.map((f) => `${f.kind} ${f.cookie}`)).toEqual(['lifetime _pk_id.1.abc', 'not-seen _ga*']);
    expect(findings[0]!.detail).toMatchObject({ stated: '13 mois', actualSeconds: 3 * 365 * 86400 });
  });

  describe('an entry not seen because of the visitor’s choice is no finding', () => {
    const entries = [
      declares('_ga', 'statistics'),
      // Charters write Matomo's families as prefixes; the known-tracker table names them so (`_pk_id.`).
      declares('_pk_id.', 'statistics', 'prefix'),
      // Filed under a section of unclear role: judged as the statistics cookie the known-tracker table says it is.
      declares('xtvrn', 'other'),
      declares('disqus_unique', 'third-party'),
      declares('session_lb', 'other'),
      declares('sessionid', 'statistics'),
      declares('remember_me', 'necessary'),
    ];
    /** The not-seen findings of a site with the consent `consent` and no cookie seen but the choice's. */
    const notSeenWith = (consent: SiteRecord['consent'], readable = true) => {
      const site = emptySite(HOST, '0');
      site.consent = consent;
      return findingsFor(site, [], entries, readable)
        .filter((f) => f.kind === 'not-seen')
        .map((f) => f.cookie);
    };
    // Neither a tracker nor filed as one: not seeing them says something of the charter, whatever the choice.
    const always = ['remember_me', 'session_lb', 'sessionid'];

    it('before any choice: the statistics and third-party entries wait for one', () => {
      expect(notSeenWith({ state: 'none', changedAt: null, trackers: {} })).toEqual(always);
    });

    it('after a refusal of their own switch, or of everything', () => {
      const at = NOW_MS;
      // Google Analytics' switch off, Matomo's on: Matomo's not seen is a finding, `_ga`'s is not.
      expect(notSeenWith({ state: 'choice', changedAt: at, trackers: { ga: false, matomo: true } })).toEqual([
        '_pk_id.*',
        'disqus_unique',
        ...always.slice(0, 2),
        'sessionid',
        'xtvrn',
      ]);
      // Every switch off: the statistics entries none speaks for go with them (as their cookies would be judged, set).
      expect(notSeenWith({ state: 'refused', changedAt: at, trackers: { ga: false, matomo: false } })).toEqual([
        'disqus_unique',
        ...always,
      ]);
      // A refusal read without flags (another shape) refuses every tracker.
      expect(notSeenWith({ state: 'refused', changedAt: at, trackers: {} })).toEqual(always);
    });

    it('after an acceptance, or where no choice can be read, each is a finding', () => {
      const everyOne = ['_ga', '_pk_id.*', 'disqus_unique', 'remember_me', 'session_lb', 'sessionid', 'xtvrn'];
      expect(notSeenWith({ state: 'accepted', changedAt: NOW_MS, trackers: { ga: true, matomo: true } })).toEqual(everyOne);
      // Off the platform: no `cookies_preferences` to read, so the choice explains nothing.
      expect(notSeenWith({ state: 'none', changedAt: null, trackers: {} }, false)).toEqual(everyOne);
    });
  });
});

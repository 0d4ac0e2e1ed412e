import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { emptySite, recordCookieChange, type SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { withSiteCharter } from '../../../src/core/registry/registry.ts';
import { absenceReason } from '../../../src/core/report/absence-reason.ts';
import { buildReport } from '../../../src/core/report/report.ts';
import { declares } from '../../support/charter-entries.ts';
import { browserCookie } from '../../support/cookies.ts';

const AT = 1_700_000_000_000;

/** The visitor's choice, as a site record holds it once decoded. */
const NO_CHOICE: SiteRecord['consent'] = { state: 'none', changedAt: null, trackers: {} };
const consent = (state: SiteRecord['consent']['state'], trackers: Record<string, boolean> = {}): SiteRecord['consent'] => ({
  state,
  changedAt: AT,
  trackers,
});

describe('absenceReason', () => {
  it('before any choice: a statistics or third-party entry is not expected yet', () => {
    expect(absenceReason(NO_CHOICE, declares('_ga', 'statistics'))).toBe('before-choice');
    // Charters write Matomo's families as prefixes; the known-tracker table names them so (`_pk_id.`).
    expect(absenceReason(NO_CHOICE, declares('_pk_id.', 'statistics', 'prefix'))).toBe('before-choice');
    expect(absenceReason(NO_CHOICE, declares('disqus_unique', 'third-party'))).toBe('before-choice');
    // Filed under a section of unclear role, but a statistics tracker in the known-tracker table: read as statistics.
    expect(absenceReason(NO_CHOICE, declares('xtvrn', 'other'))).toBe('before-choice');
    // Or an advertiser's cookie (the Meta Pixel's): read as the third party it is.
    expect(absenceReason(NO_CHOICE, declares('_fbp', 'other'))).toBe('before-choice');
    // Of unclear role and no known tracker: its absence says something of the charter.
    expect(absenceReason(NO_CHOICE, declares('session_lb', 'other'))).toBeNull();
  });

  it('after a refusal of its own tracker’s switch: refused; its switch on: not explained', () => {
    const mixed = consent('choice', { ga: false, matomo: true });
    expect(absenceReason(mixed, declares('_ga', 'statistics'))).toBe('refused');
    expect(absenceReason(mixed, declares('_pk_id.', 'statistics', 'prefix'))).toBeNull();
    // A third party no switch speaks for, after a mixed choice: nobody refused it.
    expect(absenceReason(mixed, declares('disqus_unique', 'third-party'))).toBeNull();
  });

  it('after a refusal of everything (a refusal read without flags): every statistics or third-party entry is refused', () => {
    const refused = consent('refused');
    expect(absenceReason(refused, declares('_ga', 'statistics'))).toBe('refused');
    expect(absenceReason(refused, declares('_pk_id.', 'statistics', 'prefix'))).toBe('refused');
    expect(absenceReason(refused, declares('disqus_unique', 'third-party'))).toBe('refused');
  });

  it('while every switch is off: a statistics entry none speaks for is refused with them, and an advertiser’s cookie on the site’s own domain; embedded content’s is not', () => {
    const allOff = consent('refused', { ga: false, matomo: false });
    // Hotjar has no switch on the banner (known-tracker table): every switch off refuses it too.
    expect(absenceReason(allOff, declares('_hjSessionUser_', 'statistics', 'prefix'))).toBe('refused');
    expect(absenceReason(allOff, declares('xtvrn', 'other'))).toBe('refused');
    expect(absenceReason(allOff, declares('_ga', 'statistics'))).toBe('refused');
    // The Meta Pixel and Microsoft UET write theirs on the site's own domain: no switch could have
    // accepted them, so every switch off refuses them (findings.ts `noSwitchRefused`), whether the
    // charter files them third-party, of unclear role, or necessary (judged in their vendor's category).
    for (const category of ['third-party', 'other', 'necessary'] as const) {
      for (const name of ['_fbp', '_fbc', '_uetvid', '_uetsid']) {
        expect(absenceReason(allOff, declares(name, category)), `${name} ${category}`).toBe('refused');
      }
    }
    // A tracker of the site's own domain the charter files under "Cookies tiers" is refused with the rest.
    expect(absenceReason(consent('refused', { matomo: false }), declares('_ga', 'third-party'))).toBe('refused');
    // The switches are the statistics tools': an embed's cookie answers to none of them.
    expect(absenceReason(allOff, declares('disqus_unique', 'third-party'))).toBeNull();
    // Nor does a third-party entry the known-tracker table does not name: embedded content's, maybe.
    expect(absenceReason(allOff, declares('VISITOR_INFO1_LIVE', 'third-party'))).toBeNull();
    // Under a mixed choice the visitor refused no switch that speaks for an advertiser's cookie.
    expect(absenceReason(consent('choice', { ga: false, matomo: true }), declares('_fbp', 'third-party'))).toBeNull();
    expect(absenceReason(consent('choice', { ga: false, matomo: true }), declares('_fbp', 'necessary'))).toBeNull();
  });

  it('judges an entry by the trackers the registry reads it as: a stem, a prefix without its wildcard, a shorter prefix', () => {
    // `_pk_id` and `_pk_id.` declare Matomo's `_pk_id.*` (registry.ts), `_pk_` all of Matomo's cookies.
    const matomoOff = consent('choice', { ga: true, matomo: false });
    const entries = [
      declares('_pk_id', 'statistics'),
      declares('_pk_ses', 'statistics'),
      declares('_pk_id.', 'statistics'),
      declares('_pk_id', 'statistics', 'prefix'),
      declares('_pk_', 'statistics', 'prefix'),
    ];
    for (const entry of entries) {
      expect(absenceReason(matomoOff, entry), `${entry.cookie} ${entry.match}`).toBe('refused');
      expect(absenceReason(consent('choice', { ga: false, matomo: true }), entry), `${entry.cookie} ${entry.match}`).toBeNull();
    }
    // Under a section of unclear role, the stem is still Matomo's statistics.
    expect(absenceReason(NO_CHOICE, declares('_pk_id', 'other'))).toBe('before-choice');
    // A prefix covering several tools' cookies (`_` covers Google's, Matomo's, Piano's…) is refused only when every one is.
    expect(absenceReason(matomoOff, declares('_', 'statistics', 'prefix'))).toBeNull();
    expect(absenceReason(consent('refused'), declares('_', 'statistics', 'prefix'))).toBe('refused');
  });

  it('judges a necessary entry as its cookie would be: Google Analytics and the hand-added trackers in their vendor’s category, a tool that can run exempt once its own switch is off', () => {
    // No configuration exempts Google Analytics from consent: filed necessary, it is judged as statistics (platform-cookies.ts).
    expect(absenceReason(NO_CHOICE, declares('_ga', 'necessary'))).toBe('before-choice');
    expect(absenceReason(consent('choice', { ga: false, matomo: true }), declares('_ga', 'necessary'))).toBe('refused');
    expect(absenceReason(consent('accepted', { ga: true, matomo: true }), declares('_ga', 'necessary'))).toBeNull();
    // Nor any hand-added tracker: the Meta Pixel's (third-party), Clarity's and Hotjar's (statistics).
    expect(absenceReason(NO_CHOICE, declares('_fbp', 'necessary'))).toBe('before-choice');
    expect(absenceReason(consent('refused'), declares('_fbp', 'necessary'))).toBe('refused');
    expect(absenceReason(NO_CHOICE, declares('_clck', 'necessary'))).toBe('before-choice');
    expect(absenceReason(NO_CHOICE, declares('_hjSessionUser_', 'necessary', 'prefix'))).toBe('before-choice');
    // Matomo may run exempt: filed necessary, expected before any choice and after a refusal read
    // without flags, but not once its own switch is off (set then, it is an after-refusal finding).
    expect(absenceReason(NO_CHOICE, declares('_pk_id.', 'necessary', 'prefix'))).toBeNull();
    expect(absenceReason(consent('refused'), declares('_pk_id.', 'necessary', 'prefix'))).toBeNull();
    expect(absenceReason(consent('choice', { ga: true, matomo: false }), declares('_pk_id.', 'necessary', 'prefix'))).toBe('refused');
    expect(absenceReason(consent('choice', { ga: false, matomo: true }), declares('_pk_id', 'necessary'))).toBeNull();
    // A cookie that only keeps the choice has no switch of its own, but its vendor's tag, switched off, may not run to write it.
    expect(absenceReason(consent('refused', { ga: false, matomo: false }), declares('mtm_consent_removed', 'necessary'))).toBe('refused');
    expect(absenceReason(consent('choice', { ga: false, matomo: true }), declares('mtm_consent_removed', 'necessary'))).toBeNull();
  });

  it('explains a cookie that only keeps the choice by a refusal of its own vendor’s switch, a mixed choice too (a review’s case)', () => {
    const pianoRefused = consent('choice', { ga: true, piano: false, xiti: false });
    for (const [cookie, match] of [
      ['_pprv', 'exact'],
      ['pa_privacy', 'exact'],
      ['atauthority', 'exact'],
      ['pa_', 'prefix'],
    ] as const) {
      // (A prefix of unclear role covering trackers and a choice keeper is not read as statistics: left unexplained.)
      for (const category of match === 'exact' ? (['statistics', 'necessary', 'other'] as const) : (['statistics', 'necessary'] as const))
        expect(absenceReason(pianoRefused, declares(cookie, category, match)), `${cookie} ${category}`).toBe('refused');
      // Its vendor's switch on, or another vendor's off: nothing explains it.
      expect(absenceReason(consent('choice', { ga: false, piano: true }), declares(cookie, 'statistics', match)), cookie).toBeNull();
    }
    expect(absenceReason(consent('choice', { ga: true, matomo: false }), declares('mtm_', 'statistics', 'prefix'))).toBe('refused');
    expect(absenceReason(consent('choice', { ga: true, matomo: false }), declares('_pprv', 'statistics'))).toBeNull();
  });

  it('never explains a necessary entry no tracker is named by, nor the platform’s session and CSRF cookies, whatever the choice', () => {
    for (const choice of [NO_CHOICE, consent('refused'), consent('refused', { ga: false, matomo: false })]) {
      expect(absenceReason(choice, declares('remember_me', 'necessary')), choice.state).toBeNull();
      // The platform sets its own whatever the visitor chooses, even filed under statistics or third parties.
      expect(absenceReason(choice, declares('sessionid', 'statistics')), choice.state).toBeNull();
      expect(absenceReason(choice, declares('csrftoken', 'third-party')), choice.state).toBeNull();
    }
  });

  it('never explains by the choice a third-party or unclear entry the known-tracker table files necessary (reCAPTCHA’s), which no choice keeps away', () => {
    for (const choice of [NO_CHOICE, consent('refused'), consent('refused', { ga: false, matomo: false })]) {
      expect(absenceReason(choice, declares('_GRECAPTCHA', 'third-party')), choice.state).toBeNull();
      expect(absenceReason(choice, declares('_GRECAPTCHA', 'other')), choice.state).toBeNull();
    }
    // Other third parties still wait for the choice.
    expect(absenceReason(NO_CHOICE, declares('disqus_unique', 'third-party'))).toBe('before-choice');
    expect(absenceReason(consent('refused'), declares('disqus_unique', 'third-party'))).toBe('refused');
    // Filed under statistics, the charter's own word that it waits for consent is kept.
    expect(absenceReason(NO_CHOICE, declares('_GRECAPTCHA', 'statistics'))).toBe('before-choice');
  });

  it('explains the platform’s consent cookie before any choice (only a choice writes it), and its language cookie always', () => {
    expect(absenceReason(NO_CHOICE, declares('cookies_preferences', 'necessary'))).toBe('no-choice-saved');
    // Whatever a charter files it under.
    expect(absenceReason(NO_CHOICE, declares('cookies_preferences', 'third-party'))).toBe('no-choice-saved');
    for (const chosen of [consent('accepted'), consent('refused'), consent('choice', { ga: false })]) {
      // A choice made, and its cookie missing: something is wrong (the record was dropped, say).
      expect(absenceReason(chosen, declares('cookies_preferences', 'necessary')), chosen.state).toBeNull();
    }
    // Set on portals offered in several languages only: a charter declares it all the same.
    for (const choice of [NO_CHOICE, consent('accepted'), consent('refused')]) {
      expect(absenceReason(choice, declares('django_language', 'necessary')), choice.state).toBe('multilingual-only');
    }
    // A prefix entry of that name is not the platform's cookie.
    expect(absenceReason(NO_CHOICE, declares('django_language', 'necessary', 'prefix'))).toBeNull();
  });

  it('after an acceptance: nothing is explained by the choice', () => {
    for (const accepted of [consent('accepted'), consent('accepted', { ga: true, matomo: true })]) {
      expect(absenceReason(accepted, declares('_ga', 'statistics'))).toBeNull();
      expect(absenceReason(accepted, declares('_pk_id.', 'statistics', 'prefix'))).toBeNull();
      expect(absenceReason(accepted, declares('disqus_unique', 'third-party'))).toBeNull();
    }
  });
});

describe('absenceReason in a report', () => {
  const HOST = 'data.example-metropole.fr';
  const NOW_S = AT / 1000;
  // A live charter filing the Meta Pixel's, Microsoft UET's and Clarity's cookies as necessary, and
  // under "Cookies tiers" another of the Meta Pixel's and an embed's (Disqus's).
  const live = parseCharter(`## Charte cookies

#### Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Opendatasoft\tAuthentification (front et back office)\tsessionid\tSe souvenir de l'utilisateur d'une page à une autre.
Meta\tPixel (front office)\t_fbp\tMesurer l'efficacité des campagnes
Microsoft\tUET (front office)\t_uetvid\tConversions
Microsoft\tClarity (front office)\t_clck\tAnalyse du parcours

#### Cookies tiers

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Meta\tPixel (front office)\t_fbc\tMesurer l'efficacité des campagnes
Disqus\tCommentaires\tdisqus_unique\tCommentaires
`);
  const filed = withSiteCharter(buildBundledRegistry(bundledOpenCookieDatabaseRows()), HOST, live, 'live');
  const ownCookie = (name: string) =>
    browserCookie({ name, domain: HOST, hostOnly: true, session: false, expirationDate: NOW_S + 90 * 86400 });
  /** A site where the visitor turned every switch off, as the platform writes it, then `setAfter` ran. */
  const refusedSite = (setAfter: (site: SiteRecord) => void) => {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, ownCookie('sessionid'), false, AT);
    const preferences = { functional_cookies: true, ga: false, matomo: false, timestamp: AT - 1000 };
    const value = encodeURIComponent(JSON.stringify(preferences));
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: HOST, value }), false, AT);
    setAfter(site);
    return buildReport(site, filed, AT + 1000);
  };
  const SITE_TRACKERS = ['_fbp', '_uetvid', '_clck', '_fbc'];

  it('explains the absence of exactly the entries whose cookie set then would be a consent finding (a review’s case)', () => {
    // Set after the refusal: the site's own trackers each make an after-refusal finding, the embed's none.
    const present = refusedSite((site) => {
      for (const name of SITE_TRACKERS) recordCookieChange(site, ownCookie(name), false, AT + 500);
      const disqus = browserCookie({ name: 'disqus_unique', domain: '.disqus.com', hostOnly: false });
      recordCookieChange(site, disqus, false, AT + 500, { via: 'response' });
    });
    expect(present.findings.filter((f) => f.kind === 'after-refusal').map((f) => f.cookie)).toEqual(['_clck', '_fbc', '_fbp', '_uetvid']);
    // Not set: those four are refused, the embed's entry is not seen with nothing to explain it.
    const absent = refusedSite(() => {});
    expect(absent.consent.state).toBe('refused');
    expect(Object.fromEntries(absent.notSeen.map((entry) => [entry.cookie, entry.absentBecause ?? null]))).toEqual({
      _fbp: 'refused',
      _uetvid: 'refused',
      _clck: 'refused',
      _fbc: 'refused',
      disqus_unique: null,
    });
    expect(absent.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie)).toEqual(['disqus_unique']);
    // So the charter draft keeps their rows without calling them unused.
    const marks = Object.fromEntries(draftCharter([absent]).rows.map((row) => [row.entry.cookie, row.marks.includes('not-observed')]));
    expect(marks).toMatchObject({ _fbp: false, _uetvid: false, _clck: false, _fbc: false, disqus_unique: true });
  });
});

describe('a mixed choice refusing Piano and AT Internet, on a portal’s charter (a review’s case)', () => {
  it('says the entries that only keep the choice refused, with no not-seen finding and no "not observed" in the draft', () => {
    const HOST = 'data.example.fr';
    const charter = parseCharter(`## Charte cookies

#### Cookies de mesure d'audience

Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités
Google\tGoogle Analytics (front office)\t_ga, _gid\tMesure d'audience
Piano\tPiano Analytics (front office)\t_pcid, _pctx, _pprv, pa_vid, pa_privacy\tMesure d'audience
AT Internet\tSmartTag (front office)\tatuserid, atidvisitor, atauthority\tMesure d'audience
`);
    const registry = withSiteCharter(buildBundledRegistry(bundledOpenCookieDatabaseRows()), HOST, charter, 'live');
    const site = emptySite(HOST, '0');
    const preferences = { functional_cookies: true, ga: true, piano: false, xiti: false, timestamp: AT };
    const value = encodeURIComponent(JSON.stringify(preferences));
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: HOST, httpOnly: false, value }), false, AT);
    for (const name of ['_ga', '_gid'])
      recordCookieChange(
        site,
        browserCookie({ name, domain: '.example.fr', hostOnly: false, expirationDate: AT / 1000 + 86400 }),
        false,
        AT + 1,
      );
    const report = buildReport(site, registry, AT + 2);
    expect(Object.fromEntries(report.notSeen.map((entry) => [entry.cookie, entry.absentBecause ?? null]))).toEqual({
      _pcid: 'refused',
      _pctx: 'refused',
      _pprv: 'refused',
      pa_vid: 'refused',
      pa_privacy: 'refused',
      atuserid: 'refused',
      atidvisitor: 'refused',
      atauthority: 'refused',
    });
    expect(report.findings.filter((f) => f.kind === 'not-seen')).toEqual([]);
    expect(draftCharter([report]).rows.filter((row) => row.marks.includes('not-observed'))).toEqual([]);
  });

  it('makes no consent finding of such a cookie when it is seen: it keeps the choice', () => {
    const HOST = 'data.example.fr';
    const registry = buildBundledRegistry(bundledOpenCookieDatabaseRows());
    const site = emptySite(HOST, '0');
    const preferences = { functional_cookies: true, ga: true, piano: false, timestamp: AT };
    const value = encodeURIComponent(JSON.stringify(preferences));
    recordCookieChange(site, browserCookie({ name: '_pprv', domain: HOST, expirationDate: AT / 1000 + 86400 }), false, AT - 10);
    recordCookieChange(site, browserCookie({ name: 'cookies_preferences', domain: HOST, httpOnly: false, value }), false, AT);
    for (const name of ['_pprv', 'pa_privacy', 'atauthority', 'mtm_consent_removed'])
      recordCookieChange(site, browserCookie({ name, domain: HOST, expirationDate: AT / 1000 + 86400 }), false, AT + 1);
    const report = buildReport(site, registry, AT + 2);
    expect(report.findings.filter((f) => f.kind === 'before-consent' || f.kind === 'after-refusal')).toEqual([]);
  });
});

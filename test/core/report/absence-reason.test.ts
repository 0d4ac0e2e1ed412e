import { describe, expect, it } from 'vitest';
import type { SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { absenceReason } from '../../../src/core/report/absence-reason.ts';
import { declares } from '../../support/charter-entries.ts';

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

  it('while every switch is off: a statistics entry none speaks for is refused with them, a third party is not', () => {
    const allOff = consent('refused', { ga: false, matomo: false });
    // Hotjar has no switch on the banner (known-tracker table): every switch off refuses it too.
    expect(absenceReason(allOff, declares('_hjSessionUser_', 'statistics', 'prefix'))).toBe('refused');
    expect(absenceReason(allOff, declares('xtvrn', 'other'))).toBe('refused');
    expect(absenceReason(allOff, declares('_ga', 'statistics'))).toBe('refused');
    // The switches are the statistics tools': an embed's cookie answers to none of them.
    expect(absenceReason(allOff, declares('disqus_unique', 'third-party'))).toBeNull();
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
    // A cookie that only keeps the choice has no switch: never refused.
    expect(absenceReason(consent('refused', { ga: false, matomo: false }), declares('mtm_consent_removed', 'necessary'))).toBeNull();
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

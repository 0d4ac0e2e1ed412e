// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { ReportView } from '../../src/views/ReportView.tsx';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { highCount, NEWS_INTERVAL_MS, newsText, type NewsState } from '../../src/views/report-news.ts';
import { buildReport, type Report } from '../../src/core/report/report.ts';
import type { Finding } from '../../src/core/report/findings.ts';
import { findingCounts } from '../../src/core/report/finding-counts.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { browserCookie } from '../support/cookies.ts';
import { charterEntry, DAY, NOW_MS, registryWith } from '../support/charter-audit.ts';
import { finding, report, reportCookie } from '../support/reports.ts';
import { localeTranslate } from '../support/locale-translate.ts';

const en = localeTranslate('en');
const fr = localeTranslate('fr');
const undeclared = (cookie: string) => finding({ kind: 'undeclared', cookie, severity: 'medium' });
const refusedLater = (cookie: string) => finding({ kind: 'after-refusal', cookie, severity: 'high' });
/** The news's state of a page holding `findings`, of `total` in all (more: a report sent in part), the high ones among them counted as `high`. */
function state(findings: Finding[], consent: NewsState['consent'] = 'consent_none', total = findings.length, high?: number): NewsState {
  return {
    consent,
    trackers: '',
    shown: findings,
    findings: total,
    high: high ?? findings.filter((f) => f.severity === 'high').length,
  };
}
const quiet = state([undeclared('a')]);

describe('newsText', () => {
  it('says a new consent state, and the findings added with how many are high', () => {
    expect(newsText(quiet, state([undeclared('a'), undeclared('b'), refusedLater('c')], 'consent_refused'), en, 'en')).toBe(
      'Consent: Refused; 2 new findings (1 high)',
    );
    expect(newsText(quiet, state([undeclared('a'), undeclared('b')]), en, 'en')).toBe('1 new finding');
    expect(newsText(quiet, state([undeclared('a'), refusedLater('c')], 'consent_accepted'), fr, 'fr')).toBe(
      'Consentement\u202f: Accepté\u202f; 1 nouveau constat (1 grave)',
    );
    expect(newsText(quiet, state([undeclared('a'), undeclared('b'), refusedLater('c'), refusedLater('d')]), fr, 'fr')).toBe(
      '3 nouveaux constats (2 graves)',
    );
  });

  it('says nothing when nothing that matters changed, or findings went away', () => {
    expect(newsText(quiet, quiet, en, 'en')).toBe('');
    expect(newsText(quiet, state([{ ...undeclared('a') }]), en, 'en')).toBe('');
    expect(newsText(quiet, state([]), en, 'en')).toBe('');
  });

  it.each([
    ['accepted', '_pk_ses', 400],
    ['refused', 'vuid', 30],
  ] as const)(
    '%s: says a new finding that takes another’s place (a review’s case), built as the worker builds reports',
    (choice, name, days) => {
      const host = 'data.tco.re';
      const registry = registryWith(host, {
        portal: host,
        language: 'fr',
        entries: [
          charterEntry('sessionid'),
          charterEntry('_pk_ses', { provider: 'Matomo', category: 'statistics', duration: '30 minutes' }),
          charterEntry('vuid', { provider: 'Vimeo', category: 'third-party', duration: '2 ans' }),
        ],
      });
      const site = emptySite(host, '0');
      recordCookieChange(site, browserCookie({ name: 'sessionid', domain: host, httpOnly: false, session: true }), false, NOW_MS);
      const flags =
        choice === 'accepted' ? { matomo: true } : { functional_cookies: false, matomo: false, social_networks: false, video: false };
      const value = encodeURIComponent(JSON.stringify({ functional_cookies: true, ...flags, timestamp: NOW_MS - 1000 }));
      recordCookieChange(
        site,
        browserCookie({ name: 'cookies_preferences', domain: host, value, httpOnly: false, expirationDate: NOW_MS / 1000 + 180 * DAY }),
        false,
        NOW_MS,
      );
      const before = buildReport(structuredClone(site), registry, NOW_MS + 1000);
      recordCookieChange(
        site,
        browserCookie({ name, domain: host, httpOnly: false, expirationDate: NOW_MS / 1000 + days * DAY }),
        false,
        NOW_MS + 2000,
      );
      const after = buildReport(site, registry, NOW_MS + 3000);
      // As many findings before as after: one went, one came.
      expect(after.findings.length).toBe(before.findings.length);
      const news = (report: Report) =>
        state(report.findings, 'consent_x' as NewsState['consent'], report.findings.length, highCount(findingCounts(report.findings)));
      expect(newsText(news(before), news(after), en, 'en')).toBe(choice === 'refused' ? '1 new finding (1 high)' : '1 new finding');
    },
  );

  it('says a finding of a page sent in part new only where it cannot be one of the rest; the totals say the new ones past the page', () => {
    // `from` showed `a` of 2: `b` may be the other one.
    expect(newsText(state([undeclared('a')], 'consent_none', 2), state([undeclared('b')], 'consent_none', 2), en, 'en')).toBe('');
    expect(
      newsText(state([undeclared('a')], 'consent_none', 2), state([undeclared('b'), undeclared('c')], 'consent_none', 2), en, 'en'),
    ).toBe('1 new finding');
    // `to` shows its first one of 3: the 2 more are new.
    expect(newsText(state([undeclared('a')]), state([undeclared('a')], 'consent_none', 3, 1), en, 'en')).toBe('2 new findings (1 high)');
  });

  it('counts as high only the new findings that are high: a finding whose severity changed is not new', () => {
    const ga = (severity: Finding['severity']) => finding({ kind: 'before-consent', cookie: '_ga', severity });
    const low = finding({ kind: 'undeclared', cookie: 'x', severity: 'low' });
    // A review's case: `_ga` raised from medium to high beside a new low one read "1 new finding (1 high)".
    expect(newsText(state([ga('medium')]), state([ga('high'), low]), en, 'en')).toBe('1 new finding');
    expect(newsText(state([ga('medium')]), state([ga('high')]), en, 'en')).toBe('');
    // A new high one beside the raised one is still said high.
    expect(newsText(state([ga('medium')]), state([ga('high'), refusedLater('c')]), en, 'en')).toBe('1 new finding (1 high)');
    // Sent in part, the raised one on the page: the totals' extra high is that one, not a new one past the page.
    expect(newsText(state([ga('medium')]), state([ga('high')], 'consent_none', 2, 1), en, 'en')).toBe('1 new finding');
  });

  it('says a high one past a page sent in part new where no earlier finding off the page can be it (one lowered on the page)', () => {
    const beforeConsent = (cookie: string, severity: Finding['severity']) => finding({ kind: 'before-consent', cookie, severity });
    // A re-review's case: the page shows `_ga` lowered; the one high of the totals is past the page, and no earlier one is there.
    expect(newsText(state([beforeConsent('_ga', 'high')]), state([beforeConsent('_ga', 'medium')], 'consent_none', 2, 1), en, 'en')).toBe(
      '1 new finding (1 high)',
    );
  });

  it('says no high one past a page sent in part new where an earlier finding off the page may have been raised to it', () => {
    const beforeConsent = (cookie: string, severity: Finding['severity']) => finding({ kind: 'before-consent', cookie, severity });
    // A re-review's case: `zz`, off the new page, may have been raised to the high one past it; only `b` is provably new.
    const earlier = state([beforeConsent('a', 'medium'), beforeConsent('zz', 'medium')]);
    expect(newsText(earlier, state([beforeConsent('a', 'medium'), beforeConsent('b', 'low')], 'consent_none', 3, 1), en, 'en')).toBe(
      '1 new finding',
    );
    expect(newsText(earlier, state([beforeConsent('a', 'medium')], 'consent_none', 2, 1), en, 'en')).toBe('');
    // Two highs past the page, one earlier finding off it: at least one is new.
    expect(newsText(earlier, state([beforeConsent('a', 'medium'), beforeConsent('b', 'low')], 'consent_none', 4, 2), en, 'en')).toBe(
      '2 new findings (1 high)',
    );
  });

  it('counts the high findings of every kind', () => {
    expect(highCount({ 'after-refusal': { high: 2, medium: 1 }, undeclared: { medium: 3 }, 'before-consent': { high: 1 } })).toBe(3);
  });
});

describe('the report’s news', () => {
  beforeAll(preloadViews);
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  /** Time passes (fake timers): what is due is said. */
  const pass = (ms: number) => void act(() => void vi.advanceTimersByTime(ms));
  const shown = (consent: Report['consent']['state'], findings: Report['findings']) =>
    report([reportCookie({ name: 'sessionid' })], { consent: { state: consent, changedAt: null, trackers: {} }, findings });
  const refusedLater = finding({ kind: 'after-refusal', cookie: '_hjid', severity: 'high' });

  /** What ReportView takes besides the report: nothing the news reads. */
  const pageProps = {
    charterPending: false,
    refreshCharter: async () => undefined,
    recordConsentFlow: async () => 0,
    exportReport: async () => ({ filename: 'r.json', mimeType: 'text/plain', text: '' }),
    download: () => undefined,
    copy: async () => undefined,
    t: en,
    language: 'en',
  };

  function page(first: Report) {
    const props = pageProps;
    const { container, rerender } = render(<ReportView report={first} {...props} />);
    const status = container.querySelector('[data-report-news]')!;
    return { status, show: (next: Report) => rerender(<ReportView report={next} {...props} />) };
  }

  it('says nothing of what the page showed at first', () => {
    const { status } = page(shown('refused', [refusedLater, undeclared('a')]));
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');
    pass(NEWS_INTERVAL_MS * 2);
    expect(status.textContent).toBe('');
  });

  it('says what changed in the status that was there, at most once an interval, the rest summed when it is over', () => {
    const { status, show } = page(shown('none', [undeclared('a')]));
    show(shown('refused', [undeclared('a'), undeclared('b'), refusedLater]));
    expect(status.textContent).toBe('Consent: Refused; 2 new findings (1 high)');
    // More within the interval: not said yet.
    show(shown('refused', [undeclared('a'), undeclared('b'), refusedLater, undeclared('c')]));
    show(shown('refused', [undeclared('a'), undeclared('b'), refusedLater, undeclared('c'), undeclared('d')]));
    pass(NEWS_INTERVAL_MS - 1);
    expect(status.textContent).toBe('Consent: Refused; 2 new findings (1 high)');
    pass(1);
    expect(status.textContent).toBe('2 new findings');
    // Quiet for an interval: the next change is said at once, and the same words again are said again (a new node).
    pass(NEWS_INTERVAL_MS);
    const before = status.firstChild;
    show(
      shown('refused', [
        undeclared('a'),
        undeclared('b'),
        refusedLater,
        undeclared('c'),
        undeclared('d'),
        undeclared('e'),
        undeclared('f'),
      ]),
    );
    expect(status.textContent).toBe('2 new findings');
    expect(status.firstChild).not.toBe(before);
  });

  it('says a finding that takes another’s place, by identity, not by number (a review’s case: a low not-seen `vuid` gone, a high after-refusal `vuid` come)', () => {
    const notSeen = finding({ kind: 'not-seen', cookie: 'vuid', severity: 'low', domain: null });
    const refusedVuid = finding({ kind: 'after-refusal', cookie: 'vuid', severity: 'high', domain: 'data.tco.re', path: '/' });
    const { status, show } = page(shown('refused', [undeclared('a'), notSeen]));
    show(shown('refused', [refusedVuid, undeclared('a')]));
    expect(status.textContent).toBe('1 new finding (1 high)');
    // One of the same kind and severity in another's place: news too, not high.
    pass(NEWS_INTERVAL_MS);
    show(shown('refused', [refusedVuid, undeclared('b')]));
    expect(status.textContent).toBe('1 new finding');
    // The same cookie on another path, or in a partition, is another finding.
    pass(NEWS_INTERVAL_MS);
    show(shown('refused', [refusedVuid, { ...undeclared('b'), path: '/x' }]));
    expect(status.textContent).toBe('1 new finding');
    pass(NEWS_INTERVAL_MS);
    show(shown('refused', [refusedVuid, { ...undeclared('b'), path: '/x', partitionKey: 'https://tco.re' }]));
    expect(status.textContent).toBe('1 new finding');
    // The same findings in a new report: nothing.
    pass(NEWS_INTERVAL_MS);
    const said = status.firstChild;
    show(shown('refused', [{ ...refusedVuid }, { ...undeclared('b'), path: '/x', partitionKey: 'https://tco.re' }]));
    pass(NEWS_INTERVAL_MS);
    expect(status.firstChild).toBe(said);
  });

  it('says no finding is new that may be one a first page left out, and counts what the totals show (a report sent in part)', () => {
    const props = { ...pageProps, loadWhole: () => undefined };
    const totals = (findings: number, high: number) => ({
      cookies: 1,
      originUnknown: 0,
      findings,
      findingsByKind: { undeclared: { medium: findings - high }, 'after-refusal': { high } },
      siteEvicted: false,
    });
    // The first page holds `a`; `b`, past it, is one of the rest. A page showing `b` in `a`'s place (`a` gone) says nothing new.
    const { container, rerender } = render(<ReportView report={shown('refused', [undeclared('a')])} partial={totals(2, 0)} {...props} />);
    const status = container.querySelector('[data-report-news]')!;
    rerender(<ReportView report={shown('refused', [undeclared('b')])} partial={totals(1, 0)} {...props} />);
    pass(NEWS_INTERVAL_MS);
    expect(status.textContent).toBe('');
    // One more in all, past the page: said from the totals.
    rerender(<ReportView report={shown('refused', [undeclared('b')])} partial={totals(2, 1)} {...props} />);
    expect(status.textContent).toBe('1 new finding (1 high)');
  });

  it('names a mixed choice (one tracker refused, another accepted) as the summary does: "Per tracker", with each tracker\'s choice, and says a mixed choice changed for another', () => {
    const { status, show } = page(shown('none', []));
    show(
      report([reportCookie({ name: 'sessionid' })], { consent: { state: 'choice', changedAt: 1, trackers: { ga: false, matomo: true } } }),
    );
    expect(status.textContent).toBe('Consent: Per tracker (Google Analytics: refused, Matomo: accepted)');
    // Another mixed choice is news too, its trackers saying what changed.
    pass(NEWS_INTERVAL_MS);
    show(
      report([reportCookie({ name: 'sessionid' })], { consent: { state: 'choice', changedAt: 2, trackers: { ga: true, matomo: false } } }),
    );
    expect(status.textContent).toBe('Consent: Per tracker (Google Analytics: accepted, Matomo: refused)');
    // A choice of no tracker the page's cookie gave (unreadable) is "Choice recorded", as the summary says it.
    pass(NEWS_INTERVAL_MS);
    show(shown('choice', []));
    expect(status.textContent).toBe('Consent: Choice recorded');
  });

  it('says nothing when what changed within an interval came back as it was', () => {
    const { status, show } = page(shown('none', []));
    show(shown('accepted', []));
    expect(status.textContent).toBe('Consent: Accepted');
    show(shown('refused', []));
    show(shown('accepted', []));
    pass(NEWS_INTERVAL_MS);
    expect(status.textContent).toBe('Consent: Accepted');
    // And the next change is said at once.
    show(shown('refused', []));
    expect(status.textContent).toBe('Consent: Refused');
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { ReportView } from '../../src/views/ReportView.tsx';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { highCount, NEWS_INTERVAL_MS, newsText, type NewsState } from '../../src/views/report-news.ts';
import type { Report } from '../../src/core/report/report.ts';
import { finding, report, reportCookie } from '../support/reports.ts';
import { localeTranslate } from '../support/locale-translate.ts';

const en = localeTranslate('en');
const fr = localeTranslate('fr');
const quiet: NewsState = { consent: 'consent_none', trackers: '', findings: 1, high: 0 };

describe('newsText', () => {
  it('says a new consent state, and the findings added with how many are high', () => {
    expect(newsText(quiet, { consent: 'consent_refused', trackers: '', findings: 3, high: 1 }, en, 'en')).toBe(
      'Consent: Refused; 2 new findings (1 high)',
    );
    expect(newsText(quiet, { ...quiet, findings: 2 }, en, 'en')).toBe('1 new finding');
    expect(newsText(quiet, { consent: 'consent_accepted', trackers: '', findings: 2, high: 1 }, fr, 'fr')).toBe(
      'Consentement\u202f: Accepté\u202f; 1 nouveau constat (1 grave)',
    );
    expect(newsText(quiet, { ...quiet, findings: 4, high: 2 }, fr, 'fr')).toBe('3 nouveaux constats (2 graves)');
  });

  it('says nothing when nothing that matters changed, or findings went away', () => {
    expect(newsText(quiet, quiet, en, 'en')).toBe('');
    expect(newsText(quiet, { ...quiet, findings: 0 }, en, 'en')).toBe('');
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
  const undeclared = (cookie: string) => finding({ kind: 'undeclared', cookie, severity: 'medium' });

  function page(first: Report) {
    const props = {
      charterPending: false,
      refreshCharter: async () => undefined,
      recordConsentFlow: async () => 0,
      exportReport: async () => ({ filename: 'r.json', mimeType: 'text/plain', text: '' }),
      download: () => undefined,
      copy: async () => undefined,
      t: en,
      language: 'en',
    };
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

// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { render as renderInPage } from 'preact';
import { findingCounts } from '../../src/core/report/finding-counts.ts';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ReportView } from '../../src/views/ReportView.tsx';
import { report, reportCookie, finding } from '../support/reports.ts';
import { runOfReport } from '../../src/core/report/compare-runs.ts';
import { t } from '../support/render-app.tsx';
import { REPORT_PAINT_TIMING, TIMING_MARKS } from '../../src/core/timing-marks.ts';

afterEach(cleanup);

const sample = report(
  [
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: '_hjid', status: 'undeclared', source: 'open-cookie-database', category: 'other' }),
  ],
  {
    consent: { state: 'refused', changedAt: 5, trackers: {} },
    notSeen: [
      {
        provider: 'Opendatasoft',
        service: null,
        cookie: 'csrftoken',
        match: 'exact',
        purpose: 'API',
        duration: null,
        category: 'necessary',
      },
    ],
    findings: [
      finding({ kind: 'after-refusal', cookie: '_hjid', evidence: 'kept after a refusal' }),
      finding({ kind: 'not-seen', cookie: 'csrftoken', evidence: 'declared, not seen' }),
    ],
    timeline: {
      droppedEvents: 3,
      events: [
        { type: 'set', at: 1, name: 'sessionid', domain: 'data.tco.re', phase: 'before-choice' },
        { type: 'worker-restart', at: 2 },
      ],
    },
  },
);

/** Every prop but the report, for a test that renders the view again with another report. */
const rerenderedProps = {
  charterPending: false,
  refreshCharter: async () => undefined,
  recordConsentFlow: async () => 3,
  exportReport: async () => ({ filename: 'r.json', mimeType: 'text/plain', text: '' }),
  download: () => undefined,
  copy: async () => undefined,
  t,
  language: 'en',
};

/** A charter declaring testCookie twice: the portal's own (necessary), and Disqus's in the third-party section. */
const ownTestCookie = {
  provider: 'Opendatasoft',
  service: null,
  cookie: 'testCookie',
  match: 'exact',
  purpose: 'Own',
  duration: null,
  category: 'necessary',
} as const;
const disqusTestCookie = { ...ownTestCookie, provider: 'Disqus', purpose: 'Disqus', category: 'third-party' } as const;
/** The not-seen finding the report makes of such an entry (findings.ts). */
const testCookieFinding = ({ provider, category }: typeof ownTestCookie | typeof disqusTestCookie) =>
  finding({
    kind: 'not-seen',
    cookie: 'testCookie',
    evidence: `declared by the charter (${provider}), not seen this session`,
    detail: { provider, category, source: 'charter' },
  });

function view(overrides: Partial<Parameters<typeof ReportView>[0]> = {}) {
  return render(
    <ReportView
      report={sample}
      charterPending={false}
      refreshCharter={async () => undefined}
      recordConsentFlow={async () => 3}
      exportReport={async (format) => ({ filename: `r.${format}`, mimeType: 'text/plain', text: `as ${format}` })}
      download={() => undefined}
      copy={async () => undefined}
      t={t}
      language="en"
      {...overrides}
    />,
  ).container;
}

describe('ReportView', () => {
  // The views a page loads on demand, loaded as a page has them once the report is there.
  beforeAll(preloadViews);

  it('marks the French charter’s words a lifetime finding quotes lang="fr" on an English page (the report’s charter language)', () => {
    const lifetime = finding({
      kind: 'lifetime',
      cookie: 'sessionid',
      detail: { provider: 'Matomo', category: 'statistics', source: 'charter', stated: '13 mois', actualSeconds: 400 * 86400 },
    });
    const container = view({ report: { ...sample, findings: [lifetime] } });
    expect([...container.querySelectorAll('.evidence [lang]')].map((span) => `${span.getAttribute('lang')}:${span.textContent}`)).toEqual([
      'fr:13 mois',
    ]);
  });

  it('asks the browser to time the first paint of its first line (Element Timing), and marks when it is in the document', () => {
    performance.clearMarks(TIMING_MARKS.reportInDocument);
    const container = view();
    const timed = container.querySelectorAll('[elementtiming]');
    expect([...timed].map((element) => [element.className, element.getAttribute('elementtiming')])).toEqual([
      ['host', REPORT_PAINT_TIMING],
    ]);
    expect(timed[0]!.textContent).toBe(sample.host);
    expect(performance.getEntriesByName(TIMING_MARKS.reportInDocument)).toHaveLength(1);
  });

  it('shows the consent state, the charter and findings with counts', () => {
    const container = view();
    expect(container.querySelector('[data-consent]')?.getAttribute('data-consent')).toBe('refused');
    expect(container.querySelector('[data-charter]')?.textContent).toContain('charterBundled');
    expect([...container.querySelectorAll('[data-finding-count]')].map((c) => c.textContent)).toEqual([
      'finding_after_refusal 1 (severityHigh)',
      'finding_not_seen 1 (severityLow)',
    ]);
  });

  it('says nothing was checked, not that all is well, when no cookie was seen and nothing is declared', () => {
    const container = view({ report: report([], { consent: { state: 'unknown', changedAt: null, trackers: {} } }) });
    expect(container.querySelector('.findings p')?.textContent).toBe('noFindingsNoCookies');
  });

  it('does not say consent was respected on a site whose consent cannot be read', () => {
    const container = view({
      report: report([reportCookie({ name: 'sessionid' })], { consent: { state: 'unknown', changedAt: null, trackers: {} } }),
    });
    expect(container.querySelector('.findings p')?.textContent).toBe('noFindingsConsentUnread');
  });

  it('shows a mixed choice per tracker, in the order the cookie gives them, as text', () => {
    const container = view({
      report: { ...sample, consent: { state: 'choice', changedAt: 5, trackers: { matomo: false, ga: true, '<b>x</b>': false } } },
    });
    expect(container.querySelector('[data-consent]')?.textContent).toBe('consentPerTracker');
    expect(
      [...container.querySelectorAll('[data-tracker]')].map((li) => [
        li.getAttribute('data-tracker'),
        li.getAttribute('data-accepted'),
        li.textContent,
      ]),
    ).toEqual([
      ['matomo', 'false', 'trackerRefused Matomo'],
      ['ga', 'true', 'trackerAccepted Google Analytics'],
      ['<b>x</b>', 'false', 'trackerRefused <b>x</b>'],
    ]);
    expect(container.querySelector('.consent b')).toBeNull();
  });

  it('shows each tracker of a full refusal, and no tracker list when the cookie names none', () => {
    const refused = view({ report: { ...sample, consent: { state: 'refused', changedAt: 5, trackers: { ga: false, matomo: false } } } });
    expect(refused.querySelector('[data-consent]')?.textContent).toBe('consent_refused');
    expect(refused.querySelectorAll('[data-tracker]')).toHaveLength(2);
    cleanup();
    expect(view().querySelector('.consent-trackers')).toBeNull();
  });

  it('lists declared entries never seen with data-status="not-seen"', () => {
    const container = view();
    expect(container.querySelector('[data-cookie="csrftoken"]')?.getAttribute('data-status')).toBe('not-seen');
  });

  it('leads from a finding to its cookie', () => {
    const container = view();
    fireEvent.click(container.querySelector('[data-finding="not-seen"] button')!);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('csrftoken');
  });

  it('leads from a finding to its own cookie when another one’s name and path hold a colon', () => {
    // Joined with colons as they were, both keys (and row ids) read c:data.tco.re:/a:::x.
    const container = view({
      report: report(
        [
          reportCookie({ name: ':x', path: '/a' }),
          reportCookie({ name: 'x', path: '/a:', status: 'undeclared', source: 'open-cookie-database', category: 'other' }),
        ],
        { findings: [finding({ kind: 'undeclared', cookie: 'x' })] },
      ),
    });
    fireEvent.click(container.querySelector('[data-finding-cookie="x"] button')!);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('x');
  });

  it('leads from each finding to its own cookie when two share a name and domain on two paths', () => {
    const other = { status: 'undeclared', source: 'unknown', category: 'other' } as const;
    const container = view({
      report: report([reportCookie({ name: 'dup', path: '/', ...other }), reportCookie({ name: 'dup', path: '/api', ...other })], {
        findings: [finding({ kind: 'undeclared', cookie: 'dup', path: '/' }), finding({ kind: 'undeclared', cookie: 'dup', path: '/api' })],
      }),
    });
    const [onRoot, onApi] = container.querySelectorAll('[data-finding-cookie="dup"] button');
    fireEvent.click(onApi!);
    expect(document.activeElement?.textContent).toContain('Path=/api');
    fireEvent.click(onRoot!);
    expect(document.activeElement?.textContent).not.toContain('Path=/api');
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('dup');
  });

  it('keeps the focus on a not-seen row, reached from its finding, when a live report sees another charter entry', () => {
    const entry = (cookie: string) =>
      ({ provider: 'Matomo', service: null, cookie, match: 'exact', purpose: 'Stats', duration: null, category: 'statistics' }) as const;
    const before = report([reportCookie({ name: 'sessionid' })], {
      notSeen: [entry('_pk_id'), entry('_pk_ses')],
      findings: [finding({ kind: 'not-seen', cookie: '_pk_id' }), finding({ kind: 'not-seen', cookie: '_pk_ses' })],
    });
    // The page then sets _pk_id: _pk_ses is still not seen, its row unchanged but for its place in notSeen.
    const after = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_pk_id', category: 'statistics' })], {
      notSeen: [entry('_pk_ses')],
      findings: [finding({ kind: 'not-seen', cookie: '_pk_ses' })],
    });
    const { container, rerender } = render(<ReportView report={before} {...rerenderedProps} />);
    fireEvent.click(container.querySelector('[data-finding-cookie="_pk_ses"] button')!);
    const row = document.activeElement!;
    expect(row.getAttribute('data-cookie')).toBe('_pk_ses');
    rerender(<ReportView report={after} {...rerenderedProps} />);
    // Keyed by its place in notSeen, the row got another id, was written anew, and the focus fell to the page.
    expect(container.querySelector('[data-cookie="_pk_ses"]')).toBe(row);
    expect(document.activeElement).toBe(row);
  });

  it('leads from a not-seen finding to its own entry’s row when the charter declares its name twice', () => {
    const container = view({
      report: report([reportCookie({ name: 'sessionid' })], {
        notSeen: [ownTestCookie, disqusTestCookie],
        findings: [testCookieFinding(ownTestCookie), testCookieFinding(disqusTestCookie)],
      }),
    });
    const [own, disqus] = container.querySelectorAll('[data-finding-cookie="testCookie"] button');
    fireEvent.click(disqus!);
    // It led to the first row of its name: the site's own, in the necessary section.
    expect(document.activeElement).toBe(container.querySelector('#cat-third-party + ul [data-cookie="testCookie"]'));
    fireEvent.click(own!);
    expect(document.activeElement).toBe(container.querySelector('#cat-necessary + ul [data-cookie="testCookie"]'));
  });

  it('leads from the second not-seen finding of an entry declared twice (one provider, one section) to the second row', () => {
    const again = { ...ownTestCookie, purpose: 'Own, again' } as const;
    const container = view({
      report: report([reportCookie({ name: 'sessionid' })], {
        notSeen: [ownTestCookie, again],
        findings: [testCookieFinding(ownTestCookie), testCookieFinding(ownTestCookie)],
      }),
    });
    const [first, second] = container.querySelectorAll('[data-finding-cookie="testCookie"] button');
    const rows = container.querySelectorAll('#cat-necessary + ul [data-cookie="testCookie"]');
    expect(rows).toHaveLength(2);
    fireEvent.click(second!);
    // It led to the first row of its name, provider and section.
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.click(first!);
    expect(document.activeElement).toBe(rows[0]);
  });

  it('keeps the focus on the last finding chosen: one chosen while the whole report loads gives way to a later one', () => {
    const whole = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: '_hjid', status: 'undeclared', category: 'other' })], {
      notSeen: sample.notSeen,
      findings: [
        finding({ kind: 'undeclared', cookie: '_hjid', evidence: 'undeclared' }),
        finding({ kind: 'not-seen', cookie: 'csrftoken', evidence: 'declared, not seen' }),
      ],
    });
    const first = { ...whole, cookies: [whole.cookies[0]!] };
    const totals = { cookies: 2, originUnknown: 0, findings: 2, findingsByKind: findingCounts(whole.findings), siteEvicted: false };
    const loadWhole = vi.fn();
    const { container, rerender } = render(<ReportView report={first} partial={totals} loadWhole={loadWhole} {...rerenderedProps} />);
    const button = (name: string) => container.querySelector(`[data-finding-cookie="${name}"] button`)!;
    // _hjid's row is not on the first page: the whole report is asked for.
    fireEvent.click(button('_hjid'));
    expect(loadWhole).toHaveBeenCalled();
    fireEvent.click(button('csrftoken'));
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('csrftoken');
    rerender(<ReportView report={whole} {...rerenderedProps} />);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('csrftoken');
  });

  // A finding chosen (or left for the search box) whose cookie then came: a later update leaves the
  // focus where the person left it, never on the findings' heading.
  describe('a finding gone while the focus was elsewhere', () => {
    const csrfEntry = sample.notSeen[0]!;
    const notSeenCsrf = finding({
      kind: 'not-seen',
      cookie: 'csrftoken',
      evidence: 'declared, not seen',
      detail: { provider: 'Opendatasoft', category: 'necessary', source: 'charter' },
    });
    const undeclared = finding({ kind: 'undeclared', cookie: '_hjid', evidence: 'undeclared' });
    const hjid = reportCookie({ name: '_hjid', status: 'undeclared', category: 'other' });
    const seenCsrf = reportCookie({
      name: 'csrftoken',
      provider: 'Opendatasoft',
      category: 'necessary',
      reference: { kind: 'charter', charterKind: 'bundled', host: 'h', entryIndex: 0, cookie: 'csrftoken', match: 'exact' },
    });
    const before = report([hjid], { notSeen: [csrfEntry], findings: [notSeenCsrf, undeclared] });
    const after = report([hjid, seenCsrf], { notSeen: [], findings: [undeclared] });
    const later = report([hjid, seenCsrf, reportCookie({ name: 'later' })], { notSeen: [], findings: [undeclared] });

    it('after the search box, then plain text', () => {
      const { container, rerender } = render(<ReportView report={before} {...rerenderedProps} />);
      container.querySelector<HTMLElement>('[data-finding-cookie="csrftoken"] button')!.focus();
      const search = container.querySelector<HTMLInputElement>('input[type="search"]')!;
      search.focus();
      rerender(<ReportView report={after} {...rerenderedProps} />);
      expect(document.activeElement).toBe(search);
      search.blur();
      rerender(<ReportView report={later} {...rerenderedProps} />);
      expect(document.activeElement).toBe(document.body);
    });

    it('after its row, chosen from it, then plain text', () => {
      const { container, rerender } = render(<ReportView report={before} {...rerenderedProps} />);
      const button = container.querySelector<HTMLElement>('[data-finding-cookie="csrftoken"] button')!;
      button.focus();
      fireEvent.click(button);
      rerender(<ReportView report={after} {...rerenderedProps} />);
      expect(document.activeElement?.getAttribute('data-status')).toBe('declared');
      (document.activeElement as HTMLElement).blur();
      rerender(<ReportView report={later} {...rerenderedProps} />);
      expect(document.activeElement).toBe(document.body);
    });
  });

  it('keeps the focus on a not-seen row when another entry of its name, another provider’s, is seen', () => {
    const before = report([reportCookie({ name: 'sessionid' })], {
      notSeen: [ownTestCookie, disqusTestCookie],
      findings: [testCookieFinding(ownTestCookie), testCookieFinding(disqusTestCookie)],
    });
    // The portal's own testCookie is then set: Disqus's alone stays not seen.
    const after = report([reportCookie({ name: 'sessionid' }), reportCookie({ name: 'testCookie' })], {
      notSeen: [disqusTestCookie],
      findings: [testCookieFinding(disqusTestCookie)],
    });
    const { container, rerender } = render(<ReportView report={before} {...rerenderedProps} />);
    const disqusRow = () => container.querySelector<HTMLElement>('#cat-third-party + ul [data-cookie="testCookie"]');
    const row = disqusRow()!;
    row.focus();
    rerender(<ReportView report={after} {...rerenderedProps} />);
    // Keyed among the entries of its name alone, it became the first: another id, written anew, the focus fell to the page.
    expect(disqusRow()).toBe(row);
    expect(document.activeElement).toBe(row);
  });

  it('keeps the focus on a not-seen row whose provider a live charter spells otherwise (Huwise for Opendatasoft)', () => {
    const csrftoken = { ...ownTestCookie, cookie: 'csrftoken' } as const;
    const spelled = (provider: string) =>
      report([reportCookie({ name: 'sessionid' })], {
        notSeen: [{ ...csrftoken, provider }],
        findings: [{ ...testCookieFinding({ ...ownTestCookie, provider: provider as 'Opendatasoft' }), cookie: 'csrftoken' }],
      });
    const { container, rerender } = render(<ReportView report={spelled('Opendatasoft')} {...rerenderedProps} />);
    const csrfRow = () => container.querySelector<HTMLElement>('[data-cookie="csrftoken"]');
    const row = csrfRow()!;
    row.focus();
    rerender(<ReportView report={spelled('Huwise')} {...rerenderedProps} />);
    // Keyed by its provider too, it got another id, was written anew, and the focus fell to the page.
    expect(csrfRow()).toBe(row);
    expect(document.activeElement).toBe(row);
  });

  it('says when the live charter could not be read again, and lets the person try again', async () => {
    const refreshCharter = vi.fn((): Promise<void> => Promise.reject(new Error('No answer from the background worker')));
    const container = view({ refreshCharter });
    const button = container.querySelector<HTMLButtonElement>('[data-action="refresh-charter"]')!;
    button.focus();
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('charterRefreshFailed');
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    expect(document.activeElement).toBe(button);
    // Another try clears the message while it asks; a success leaves none.
    refreshCharter.mockImplementation(async () => undefined);
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(refreshCharter).toHaveBeenCalledTimes(2);
  });

  it('drops the message once a charter has been read since', async () => {
    const props = {
      ...rerenderedProps,
      refreshCharter: (): Promise<void> => Promise.reject(new Error('No answer from the background worker')),
    };
    const { container, rerender } = render(<ReportView report={sample} {...props} />);
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    await screen.findByRole('alert');
    const read = {
      ...sample,
      charter: { ...sample.charter, live: { fetchedAt: 5, url: 'https://data.tco.re/terms/cookies-policy/', problem: null } },
    };
    rerender(<ReportView report={read} {...props} />);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('writes a row again only when its cookie changed: a new report holding the same data leaves every row as it was', () => {
    const props = rerenderedProps;
    const { container, rerender } = render(<ReportView report={sample} {...props} />);
    const content = (name: string) => container.querySelector(`[data-cookie="${name}"]`)!.firstElementChild;
    const before = { sessionid: content('sessionid'), hjid: content('_hjid'), csrftoken: content('csrftoken') };
    expect(before.sessionid).not.toBeNull();

    // The panels get a new report at each write of the site's record, most often the same data.
    rerender(<ReportView report={structuredClone(sample)} {...props} />);
    expect(content('sessionid')).toBe(before.sessionid);
    expect(content('_hjid')).toBe(before.hjid);
    expect(content('csrftoken')).toBe(before.csrftoken);

    const changed = structuredClone(sample);
    changed.cookies[0] = { ...changed.cookies[0]!, provider: 'Huwise' };
    rerender(<ReportView report={changed} {...props} />);
    expect(content('sessionid')).not.toBe(before.sessionid);
    expect(container.querySelector('[data-cookie="sessionid"]')!.textContent).toContain('Huwise');
    expect(content('_hjid')).toBe(before.hjid);
  });

  it('says the timeline is loading in a status inserted without words, its words set once it is in the document', async () => {
    // Rendered as the page renders, not in act() (which runs effects at once): effects wait for the frame.
    const root = document.body.appendChild(document.createElement('div'));
    const totals = { cookies: 2, originUnknown: 0, findings: 2, findingsByKind: findingCounts(sample.findings), siteEvicted: false };
    renderInPage(
      <ReportView
        report={sample}
        partial={totals}
        loadWhole={() => undefined}
        layout="wide"
        charterPending={false}
        refreshCharter={async () => undefined}
        recordConsentFlow={async () => 3}
        exportReport={async () => ({ filename: 'r.json', mimeType: 'text/plain', text: '' })}
        download={() => undefined}
        copy={async () => undefined}
        t={t}
        language="en"
      />,
      root,
    );
    try {
      const status = root.querySelector('.timeline-column [role="status"]')!;
      expect(status.textContent?.trim()).toBe('');
      await waitFor(() => expect(status.textContent?.trim()).toBe('loading'));
    } finally {
      renderInPage(null, root);
      root.remove();
    }
  });

  /** A view's props with `recordConsentFlow`, and a recording started in `container` (asked and confirmed). */
  const recordingProps = (recordConsentFlow: () => Promise<number>) => ({
    layout: 'wide' as const,
    charterPending: false,
    refreshCharter: async () => undefined,
    recordConsentFlow,
    exportReport: async () => ({ filename: 'r.json', mimeType: 'text/plain', text: '' }),
    download: () => undefined,
    copy: async () => undefined,
    t,
    language: 'en',
  });
  const startRecording = async (container: Element) => {
    fireEvent.click(await waitFor(() => container.querySelector('[data-action="record-flow"]')!));
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
  };

  it('keeps a recording’s status while the report is shown again from its first page (the worker restarted): pending, then its outcome', async () => {
    let fail!: (error: Error) => void;
    const recordConsentFlow = vi.fn(() => new Promise<number>((_resolve, reject) => (fail = reject)));
    const totals = { cookies: 2, originUnknown: 0, findings: 2, findingsByKind: findingCounts(sample.findings), siteEvicted: false };
    // A site of its own: the page keeps each site's recording (the next test).
    const props = { ...recordingProps(recordConsentFlow), report: { ...sample, host: 'data.nantesmetropole.fr' } };
    const { container, rerender } = render(<ReportView {...props} />);
    const status = () => container.querySelector('[data-record-status]')?.getAttribute('data-record-status');
    await startRecording(container);
    expect(status()).toBe('pending');
    // The first page again: the runs wait for the whole report, and their view goes meanwhile.
    rerender(<ReportView {...props} partial={totals} loadWhole={() => undefined} />);
    expect(status()).toBeUndefined();
    // Still pending once back: not a second recording offered while the first runs.
    rerender(<ReportView {...props} />);
    await waitFor(() => expect(status()).toBe('pending'));
    rerender(<ReportView {...props} partial={totals} loadWhole={() => undefined} />);
    fail(new Error('no answer'));
    rerender(<ReportView {...props} />);
    await waitFor(() => expect(status()).toBe('failed'));
    expect(container.querySelector('[data-record-status]')?.textContent).toBe('recordFlowFailed no answer');
    expect(recordConsentFlow).toHaveBeenCalledTimes(1);
  });

  it('keeps a recording’s outcome while the whole view is gone (a followed tab blank meanwhile), for that site only', async () => {
    let fail!: (error: Error) => void;
    const props = recordingProps(() => new Promise<number>((_resolve, reject) => (fail = reject)));
    const site = { ...sample, host: 'data.toulouse-metropole.fr' };
    const first = render(<ReportView report={site} {...props} />);
    await startRecording(first.container);
    first.unmount();
    fail(new Error('no answer'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const status = (container: Element) => container.querySelector('[data-record-status]')?.textContent;
    const again = render(<ReportView report={site} {...props} />);
    await waitFor(() => expect(status(again.container)).toBe('recordFlowFailed no answer'));
    again.unmount();
    // Another site, or the same host in another cookie store: nothing recorded there.
    for (const other of [
      { ...site, host: 'itie.opendatasoft.com' },
      { ...site, storeId: '1' },
    ]) {
      const { container, unmount } = render(<ReportView report={other} {...props} />);
      await waitFor(() => expect(container.querySelector('[data-record-status]')?.getAttribute('data-record-status')).toBe('idle'));
      unmount();
    }
  });

  it('names its tab list for what it holds, not after the site (the section above is)', () => {
    view();
    expect(screen.getByRole('tablist', { name: 'reportSections' })).toBeTruthy();
  });

  it('moves between tabs with the arrow keys', () => {
    view();
    fireEvent.keyDown(screen.getByRole('tab', { name: 'tabCookies' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'tabTimeline' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'tabTimeline' }), { key: 'Home' });
    expect(screen.getByRole('tab', { name: 'tabCookies' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the timeline with its markers, and records a consent flow only after confirmation', async () => {
    const recordConsentFlow = vi.fn(async () => 3);
    const container = view({ recordConsentFlow });
    fireEvent.click(screen.getByRole('tab', { name: 'tabTimeline' }));
    expect(
      [...container.querySelectorAll('.events li')].map((li) => li.getAttribute('data-marker') ?? li.getAttribute('data-event')),
    ).toEqual(['dropped', 'set', 'worker-restart']);
    fireEvent.click(screen.getByRole('button', { name: 'recordFlow' }));
    expect(recordConsentFlow).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'recordFlow' }));
    fireEvent.click(screen.getByRole('button', { name: 'recordFlowConfirm' }));
    await screen.findByText('recordFlowStarted 3');
    expect(recordConsentFlow).toHaveBeenCalledTimes(1);
  });

  it('says an empty cookie name in words wherever a name stands: its row, its finding, its timeline event', async () => {
    // `document.cookie = 'justavalue'` sets a cookie named "" (core/cookies/nameless.ts).
    const nameless = report([reportCookie({ name: '', status: 'undeclared', source: 'unknown', category: 'other' })], {
      findings: [finding({ kind: 'undeclared', cookie: '', evidence: 'seen, not in the charter' })],
      timeline: { droppedEvents: 0, events: [{ type: 'set', at: 1, name: '', domain: 'data.tco.re', phase: 'before-choice' }] },
    });
    const container = view({ report: nameless });
    const row = container.querySelector('[data-cookie=""]')!;
    expect(row.getAttribute('aria-label')).toBe('namelessCookie');
    await waitFor(() => expect(row.querySelector('.name')?.textContent).toBe('namelessCookie'));
    // Words of the page, set apart: not a name in code.
    expect(row.querySelector('.name')?.classList.contains('nameless')).toBe(true);
    expect(row.querySelector('code.name')).toBeNull();
    const findingLine = container.querySelector('[data-finding-cookie=""]')!;
    expect(findingLine.querySelector('.nameless')?.textContent).toBe('namelessCookie');
    expect(findingLine.querySelector('button')?.getAttribute('title')).toBe('goToCookie namelessCookie');
    fireEvent.click(screen.getByRole('tab', { name: 'tabTimeline' }));
    expect(container.querySelector('[data-cookie-event=""] .nameless')?.textContent).toBe('namelessCookie');
  });

  it('shows a name’s character that shows nothing as its code in the timeline and the consent runs too, as in its row', async () => {
    // `_g\u200Ba` beside a declared `_ga` must never read as it (core/cookies/nameless.ts).
    const hidden = '_g\u200Ba';
    const accepted = report([reportCookie({ name: hidden, status: 'undeclared', category: 'other', firstPhase: 'after-accept' })], {
      consent: { state: 'accepted', changedAt: 1, trackers: {} },
      timeline: { droppedEvents: 0, events: [{ type: 'set', at: 1, name: hidden, domain: 'data.tco.re', phase: 'after-accept' }] },
    });
    const refused = report([], { consent: { state: 'refused', changedAt: 2, trackers: {} } });
    const container = view({ report: accepted });
    await waitFor(() => expect(container.querySelector(`[data-cookie="${hidden}"] .name`)?.textContent).toBe('_g<U+200B>a'));
    fireEvent.click(screen.getByRole('tab', { name: 'tabTimeline' }));
    await waitFor(() => expect(container.querySelector(`[data-cookie-event="${hidden}"] code`)?.textContent).toBe('_g<U+200B>a'));
    cleanup();
    const runs = view({ report: refused, savedRun: runOfReport(accepted, 1) });
    fireEvent.click(screen.getByRole('tab', { name: 'tabTimeline' }));
    await waitFor(() => expect(runs.querySelector(`[data-run-cookie="${hidden}"] code`)?.textContent).toBe('_g<U+200B>a'));
    expect(runs.querySelector('[data-comparison="only-after-accept"] code')?.textContent).toBe('_g<U+200B>a');
  });

  it('exports in the chosen format, by download or copy', async () => {
    const download = vi.fn();
    const copy = vi.fn(async () => undefined);
    view({ download, copy });
    fireEvent.click(screen.getByRole('tab', { name: 'tabExport' }));
    fireEvent.click(screen.getByLabelText('CSV'));
    fireEvent.click(screen.getByRole('button', { name: 'download' }));
    await screen.findByText('downloaded r.csv');
    expect(download).toHaveBeenCalledWith({ filename: 'r.csv', mimeType: 'text/plain', text: 'as csv' });
    fireEvent.click(screen.getByLabelText('Markdown'));
    fireEvent.click(screen.getByRole('button', { name: 'copy' }));
    await waitFor(() => expect(copy).toHaveBeenCalledWith('as markdown'));
  });

  it('drafts a charter in the charter’s language, else the interface’s', async () => {
    const exportReport = vi.fn(async () => ({ filename: 'd.md', mimeType: 'text/markdown', text: 'draft' }));
    view({ exportReport, report: { ...sample, charter: { ...sample.charter, language: 'en' } }, language: 'fr-FR' });
    fireEvent.click(screen.getByRole('tab', { name: 'tabExport' }));
    fireEvent.click(screen.getByRole('button', { name: 'draftDownload' }));
    await waitFor(() => expect(exportReport).toHaveBeenCalledWith('charter-markdown', 'en'));
    cleanup();
    view({ exportReport, report: { ...sample, charter: { ...sample.charter, language: null } }, language: 'fr-FR' });
    fireEvent.click(screen.getByRole('tab', { name: 'tabExport' }));
    fireEvent.click(screen.getByRole('button', { name: 'draftCopy' }));
    await waitFor(() => expect(exportReport).toHaveBeenLastCalledWith('charter-markdown', 'fr'));
  });

  it('says when an export fails', async () => {
    view({ exportReport: async () => Promise.reject(new Error('worker gone')) });
    fireEvent.click(screen.getByRole('tab', { name: 'tabExport' }));
    fireEvent.click(screen.getByRole('button', { name: 'copy' }));
    await screen.findByText('exportFailed worker gone');
  });

  it('says nothing about storage when everything was kept', () => {
    expect(view().querySelector('[data-notice]')).toBeNull();
  });

  it('says which older records were dropped, what of this site, and what is not saved yet', () => {
    const container = view({
      report: {
        ...sample,
        storage: { sitesDropped: 3, lastDropAt: 9, cookiesDropped: 12, unsavedSince: Date.UTC(2026, 0, 1, 10, 20, 30) },
        timeline: { droppedEvents: 0, events: [{ type: 'evicted', at: 9, cookies: 40, events: 700 }] },
      },
    });
    const notice = container.querySelector('[data-notice="storage"]')!;
    expect(notice.getAttribute('role')).toBe('status');
    expect([...notice.querySelectorAll('[data-notice-part]')].map((p) => p.textContent)).toEqual([
      'storageSiteEvicted',
      'storageSitesDropped 3',
      'storageCookiesDropped 12',
      expect.stringMatching(/^storageUnsaved \d\d:20:30/),
    ]);
    fireEvent.click(screen.getByRole('tab', { name: 'tabTimeline' }));
    expect(container.querySelector('[data-marker="evicted"]')?.textContent).toMatch(/markerEvicted cookieCount 40 eventCount 700$/);
  });

  it('says "1 site" with its own message', () => {
    const container = view({ report: { ...sample, storage: { sitesDropped: 1, lastDropAt: 9, cookiesDropped: 0, unsavedSince: null } } });
    expect(container.querySelector('[data-notice-part="sites-dropped"]')?.textContent).toBe('storageSitesDroppedOne 1');
  });
});

describe('ReportView resized across the two-column width (a side or DevTools panel)', () => {
  beforeAll(preloadViews);

  const many = report(
    Array.from({ length: 120 }, (_, i) => reportCookie({ name: `c${i}` })),
    {
      consent: { state: 'accepted', changedAt: 1, trackers: {} },
      timeline: { droppedEvents: 0, events: [{ type: 'set', at: 1, name: 'c0', domain: 'data.tco.re', phase: 'before-choice' }] },
    },
  );
  const laidOut = (layout: 'wide' | 'narrow') => <ReportView report={many} {...rerenderedProps} layout={layout} />;
  const rows = () => document.querySelectorAll('li.cookie').length;
  const searchBox = () => screen.getByRole<HTMLInputElement>('searchbox');

  it('keeps the search typed, the rows found and the focus in it, both ways', () => {
    const { rerender } = render(laidOut('narrow'));
    searchBox().focus();
    fireEvent.input(searchBox(), { target: { value: 'c1' } });
    const typed = { value: 'c1', rows: rows() };
    expect(typed.rows).toBeLessThan(120);
    const search = searchBox();
    for (const layout of ['wide', 'narrow'] as const) {
      rerender(laidOut(layout));
      expect(document.querySelector('.report')!.getAttribute('data-layout')).toBe(layout);
      expect({ value: searchBox().value, rows: rows() }).toEqual(typed);
      // The same box, not one made afresh: the focus stayed in it.
      expect(searchBox()).toBe(search);
      expect(document.activeElement).toBe(search);
    }
  });

  it('keeps the rows "Show more" added, both ways', () => {
    const { rerender } = render(laidOut('wide'));
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    const shown = rows();
    expect(shown).toBeGreaterThan(50);
    rerender(laidOut('narrow'));
    expect(rows()).toBe(shown);
    rerender(laidOut('wide'));
    expect(rows()).toBe(shown);
  });

  it('gives the focus the Timeline tab had to the timeline column’s heading when the tab goes', async () => {
    const { rerender } = render(laidOut('narrow'));
    const tab = screen.getByRole('tab', { name: 'tabTimeline' });
    tab.focus();
    fireEvent.click(tab);
    await waitFor(() => expect(document.querySelector('.events')).not.toBeNull());
    rerender(laidOut('wide'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'tabTimeline' }));
    expect(document.activeElement!.closest('.timeline-column')).not.toBeNull();
  });

  it('gives a focus in the timeline column to the Timeline tab, chosen, when the column goes', async () => {
    const { rerender } = render(laidOut('wide'));
    await waitFor(() => expect(document.querySelector('[data-action="record-flow"]')).not.toBeNull());
    (document.querySelector('[data-action="record-flow"]') as HTMLElement).focus();
    rerender(laidOut('narrow'));
    const tab = screen.getByRole('tab', { name: 'tabTimeline' });
    expect(document.activeElement).toBe(tab);
    await waitFor(() => expect(tab.getAttribute('aria-selected')).toBe('true'));
    expect(document.querySelector('[role="tabpanel"] .events')).not.toBeNull();
  });

  it('leaves the focus on the Export tab while the Timeline tab comes before it', () => {
    const { rerender } = render(laidOut('wide'));
    const exportTab = screen.getByRole('tab', { name: 'tabExport' });
    exportTab.focus();
    rerender(laidOut('narrow'));
    expect(document.activeElement).toBe(exportTab);
    expect(exportTab.textContent).toBe('tabExport');
    expect(screen.getAllByRole('tab').map((tab) => tab.id)).toEqual(['tab-cookies', 'tab-timeline', 'tab-export']);
  });
});

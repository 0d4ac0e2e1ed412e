// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import type { ComponentProps } from 'preact';
import { ConsentRuns, type RecordProgress } from '../../src/views/ConsentRuns.tsx';
import { keptRun, runOfKeptRun, runOfReport } from '../../src/core/report/compare-runs.ts';
import { visibleCookieName } from '../../src/core/cookies/nameless.ts';
import type { Report } from '../../src/core/report/report.ts';
import { finding, frameCookie, report, reportCookie } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

/** ConsentRuns with its recording's progress held above it, as ReportView holds it. */
function Held(props: Omit<ComponentProps<typeof ConsentRuns>, 'progress' | 'setProgress' | 'showName'>) {
  const [progress, setProgress] = useState<RecordProgress>({ state: 'idle' });
  return <ConsentRuns {...props} progress={progress} setProgress={setProgress} showName={visibleCookieName} />;
}

const accepted = report(
  [
    reportCookie({ name: 'sessionid' }),
    reportCookie({ name: '_pk_id.1.a1b2', category: 'statistics', firstPhase: 'after-accept' }),
    reportCookie({ name: '_ga', category: 'statistics', domain: '.tco.re', firstPhase: 'after-accept' }),
  ],
  { consent: { state: 'accepted', changedAt: 1, trackers: { matomo: true, ga: true } } },
);
const refused = report(
  [reportCookie({ name: 'sessionid' }), reportCookie({ name: '_hjSessionUser_1234', category: 'other', firstPhase: 'after-refuse' })],
  {
    consent: { state: 'refused', changedAt: 2, trackers: { matomo: false, ga: false } },
    findings: [finding({ kind: 'after-refusal', cookie: '_hjSessionUser_1234' })],
  },
);

function show(current: Report, savedRun: ReturnType<typeof runOfReport> | null, recordConsentFlow = vi.fn(async () => 3)) {
  const { container } = render(
    <Held host="data.tco.re" report={current} savedRun={savedRun} recordConsentFlow={recordConsentFlow} t={t} language="en" />,
  );
  return { container, recordConsentFlow };
}

describe('ConsentRuns', () => {
  it('records a consent flow only after confirmation, afresh, and says how many cookies went', async () => {
    const { container, recordConsentFlow } = show(report([]), null);
    expect(container.querySelector('[data-action="record-other"]')).toBeNull();
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    expect(recordConsentFlow).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain('recordFlowExplain data.tco.re');
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
    await waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('recordFlowStarted 3'));
    expect(recordConsentFlow).toHaveBeenCalledWith(false);
  });

  it('offers to record the other choice once a choice is made, keeping this run', async () => {
    const { container, recordConsentFlow } = show(accepted, null);
    fireEvent.click(container.querySelector('[data-action="record-other"]')!);
    expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain('recordOtherExplain consent_accepted data.tco.re');
    fireEvent.click(container.querySelector('[data-action="record-other-confirm"]')!);
    await waitFor(() => expect(recordConsentFlow).toHaveBeenCalledWith(true));
  });

  it('lists neither a removed nor an expired cookie among a run’s cookies', () => {
    const gone = report(
      [reportCookie({ name: 'sessionid' }), reportCookie({ name: '_gat', expired: true }), reportCookie({ name: '_gid', removed: 5 })],
      { consent: { state: 'refused', changedAt: 2, trackers: { ga: false } } },
    );
    const { container } = show(gone, runOfReport(accepted, 1));
    expect(
      [...container.querySelectorAll('[data-run="current"] [data-run-cookie]')].map((li) => li.getAttribute('data-run-cookie')),
    ).toEqual(['sessionid']);
  });

  it('cancels without recording', () => {
    const { container, recordConsentFlow } = show(accepted, null);
    fireEvent.click(container.querySelector('[data-action="record-other"]')!);
    fireEvent.click([...container.querySelectorAll('button')].find((button) => button.textContent === 'cancel')!);
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(recordConsentFlow).not.toHaveBeenCalled();
  });

  it('shows the two runs side by side with the audit’s comparison, whichever came first', () => {
    for (const [first, second] of [
      [accepted, refused],
      [refused, accepted],
    ] as const) {
      const { container } = show(second, runOfReport(first, 10));
      const names = (run: string) =>
        [...container.querySelectorAll(`[data-run="${run}"] [data-run-cookie]`)].map((li) => li.getAttribute('data-run-cookie'));
      expect(names('saved')).toEqual(first.cookies.map((c) => c.name));
      expect(names('current')).toEqual(second.cookies.map((c) => c.name));
      const list = (id: string) => [...container.querySelectorAll(`[data-comparison="${id}"] li`)].map((li) => li.textContent);
      expect(list('only-after-accept')).toEqual(['_ga', '_pk_id.1.a1b2']);
      expect(list('only-after-refuse')).toEqual(['_hjSessionUser_1234']);
      expect(list('trackers-after-refuse')).toEqual(['_hjSessionUser_1234']);
      expect(container.querySelector('[data-run="saved"] [data-consent]')?.getAttribute('data-consent')).toBe(first.consent.state);
      // Each run is headed, not a landmark: one region for the comparison, none per run.
      expect([...container.querySelectorAll('[data-run] > h4')].map((h) => h.textContent?.split(' ')[0])).toEqual([
        // Kept at 10 ms past the epoch: on another day than today.
        'runSavedOn',
        'runCurrent',
      ]);
      expect(container.querySelectorAll('[data-run]:is(section, [role="region"], [aria-label], [aria-labelledby])')).toHaveLength(0);
      cleanup();
    }
  });

  it('says when run 1 was kept, with its date unless it was today, and a datetime (a reviewer’s case)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 5, 12, 0, 0));
    try {
      const kept = (savedAt: number, language: 'en' | 'fr') => {
        const { container } = render(
          <Held
            host="data.tco.re"
            report={refused}
            savedRun={runOfReport(accepted, savedAt)}
            recordConsentFlow={vi.fn(async () => 0)}
            t={localeTranslate(language)}
            language={language}
          />,
        );
        const title = container.querySelector('[data-run="saved"] h4');
        const said = [title?.textContent, title?.querySelector('time')?.getAttribute('datetime') ?? null];
        cleanup();
        return said;
      };
      const yesterday = new Date(2026, 11, 4, 10, 0, 3).getTime();
      const today = new Date(2026, 11, 5, 9, 0, 0).getTime();
      expect(kept(yesterday, 'en')).toEqual(['Run 1, kept on Dec 4, 2026, 10:00:03 AM', new Date(yesterday).toISOString()]);
      expect(kept(yesterday, 'fr')).toEqual(['Parcours 1, gardé le 4 déc. 2026, 10:00:03', new Date(yesterday).toISOString()]);
      expect(kept(today, 'en')).toEqual(['Run 1, kept at 9:00:00 AM', new Date(today).toISOString()]);
      // A time of another shape reads unknown: the runs still show.
      expect(kept(9e15, 'en')).toEqual(['Run 1, kept at unknown time', null]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says a cookie’s empty name in words, in its run and in the comparison', () => {
    const withNameless = report([...accepted.cookies, reportCookie({ name: '', category: 'other', firstPhase: 'after-accept' })], {
      consent: accepted.consent,
    });
    const { container } = show(refused, runOfReport(withNameless, 10));
    expect(container.querySelector('[data-run="saved"] [data-run-cookie=""] .nameless')?.textContent).toBe('namelessCookie');
    const onlyAfterAccept = [...container.querySelectorAll('[data-comparison="only-after-accept"] li')];
    expect(onlyAfterAccept.map((li) => li.textContent)).toEqual(['namelessCookie', '_ga', '_pk_id.1.a1b2']);
    expect(onlyAfterAccept[0]!.querySelector('.nameless')).not.toBeNull();
  });

  it('labels each cookie of a run with its own category (“nécessaire”), not a group’s heading (“Nécessaires”)', () => {
    const labels = (language: 'en' | 'fr') => {
      const { container } = render(
        <Held
          host="data.tco.re"
          report={refused}
          savedRun={runOfReport(accepted, 10)}
          recordConsentFlow={vi.fn()}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      const said = [...container.querySelectorAll('[data-run="current"] [data-run-cookie]')].map((li) => li.textContent);
      cleanup();
      return said;
    };
    expect(labels('fr')).toEqual(['sessionid nécessaire', '_hjSessionUser_1234 autre']);
    expect(labels('en')).toEqual(['sessionid necessary', '_hjSessionUser_1234 other']);
  });

  it('tells apart two cookies of one name on different domains in a run by their domains, a name alone without one', () => {
    const twoDomains = report(
      [
        reportCookie({ name: 'dup', domain: 'data.tco.re' }),
        reportCookie({ name: 'dup', domain: '.tco.re', hostOnly: false }),
        reportCookie({ name: 'sessionid' }),
      ],
      { consent: refused.consent },
    );
    const { container } = show(twoDomains, runOfReport(accepted, 10));
    const said = [...container.querySelectorAll('[data-run="current"] [data-run-cookie]')].map((li) => li.textContent);
    expect(said).toEqual(['dup data.tco.re categoryOne_necessary', 'dup .tco.re categoryOne_necessary', 'sessionid categoryOne_necessary']);
  });

  it('tells apart two cookies of one name and domain by their path or partition, in the current run and in one kept', () => {
    const oneDomain = report(
      [
        reportCookie({ name: 'dup', path: '/' }),
        reportCookie({ name: 'dup', path: '/api' }),
        reportCookie({ name: 'chip', partitionKey: 'https://tco.re' }),
        reportCookie({ name: 'chip', partitionKey: 'https://tco.re', hasCrossSiteAncestor: true }),
        reportCookie({ name: 'sessionid', path: '/app' }),
      ],
      { consent: refused.consent },
    );
    const expected = [
      'dup data.tco.re categoryOne_necessary',
      'dup data.tco.re Path=/api categoryOne_necessary',
      'chip data.tco.re Partitioned (tco.re) categoryOne_necessary',
      'chip data.tco.re Partitioned (tco.re, partitionCrossSite) categoryOne_necessary',
      'sessionid categoryOne_necessary',
    ];
    const { container } = show(oneDomain, runOfReport(accepted, 10));
    const said = (run: string) => [...container.querySelectorAll(`[data-run="${run}"] [data-run-cookie]`)].map((li) => li.textContent);
    expect(said('current')).toEqual(expected);
    cleanup();
    const kept = show(report([], { consent: refused.consent }), runOfKeptRun(JSON.parse(JSON.stringify(keptRun(oneDomain, 10)))));
    const keptSaid = [...kept.container.querySelectorAll('[data-run="saved"] [data-run-cookie]')].map((li) => li.textContent);
    expect(keptSaid).toEqual(expected);
  });

  it('names a cookie once whatever its domains, and lists apart those of unknown origin, in English and in French', () => {
    const sharedAndOwn = report(
      [
        reportCookie({ name: '_ga', category: 'statistics', domain: 'data.tco.re' }),
        reportCookie({ name: '_ga', category: 'statistics', domain: '.data.tco.re', hostOnly: false }),
        reportCookie({ name: '_gid', category: 'statistics', domain: '.tco.re', hostOnly: false, originUnknown: true }),
      ],
      { consent: refused.consent, findings: [finding({ kind: 'after-refusal', cookie: '_ga', domain: 'data.tco.re' })] },
    );
    const list = (container: Element, id: string) =>
      [...container.querySelectorAll(`[data-comparison="${id}"] li`)].map((li) => li.textContent);
    const { container } = show(sharedAndOwn, runOfReport(accepted, 10));
    expect(list(container, 'trackers-after-refuse')).toEqual(['_ga']);
    expect(list(container, 'origin-unknown')).toEqual(['_gid']);
    cleanup();
    // No such list when every cookie's origin is known.
    expect(show(refused, runOfReport(accepted, 10)).container.querySelector('[data-comparison="origin-unknown"]')).toBeNull();
    cleanup();
    for (const [language, label] of [
      ['en', 'Not compared, of unknown origin (other open sites share their domain)'],
      ['fr', 'Non comparés, d’origine inconnue (d’autres sites ouverts partagent leur domaine)'],
    ] as const) {
      const { container: shown } = render(
        <Held
          host="data.tco.re"
          report={sharedAndOwn}
          savedRun={runOfReport(accepted, 10)}
          recordConsentFlow={vi.fn()}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      expect(shown.querySelector('[data-comparison="origin-unknown"] dt')?.textContent).toBe(label);
      cleanup();
    }
  });

  it('tells the site’s own cookie from a frame’s of the same name, saying the frame’s domain, in English and in French', () => {
    const frameGa = frameCookie('_ga', '.video.example', { category: 'statistics' });
    const withFrame = report(
      [
        ...accepted.cookies,
        { ...frameGa, firstPhase: 'after-accept' },
        reportCookie({ name: '_gid', domain: '.video.example', thirdParty: { via: 'frame' }, firstPhase: 'after-accept' }),
      ],
      { consent: accepted.consent },
    );
    const refusedWithFrame = report([...refused.cookies, { ...frameGa, firstPhase: 'after-refuse' }], {
      consent: refused.consent,
      findings: refused.findings,
    });
    for (const [language, said] of [
      ['en', ['_ga', '_gid Embedded content: video.example', '_pk_id.1.a1b2']],
      ['fr', ['_ga', '_gid Contenu intégré\u202f: video.example', '_pk_id.1.a1b2']],
    ] as const) {
      const { container } = render(
        <Held
          host="data.tco.re"
          report={refusedWithFrame}
          savedRun={runOfReport(withFrame, 10)}
          recordConsentFlow={vi.fn()}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      expect([...container.querySelectorAll('[data-comparison="only-after-accept"] li')].map((li) => li.textContent)).toEqual(said);
      cleanup();
    }
  });

  it('says, as comparison.md does, which pages only one run loaded and which cookies only one saw first appeared there, in English and in French', () => {
    const onPages = (base: Report, pages: string[], firstPages: Record<string, string>) => ({
      ...base,
      pages,
      cookies: base.cookies.map((cookie) => ({ ...cookie, firstPage: firstPages[cookie.name] ?? '/' })),
    });
    const acceptedOnDataset = onPages(accepted, ['/', '/explore/dataset/demo/'], { _ga: '/explore/dataset/demo/' });
    const refusedHome = onPages(refused, ['/'], {});
    const shown = (language: 'en' | 'fr') => {
      const { container } = render(
        <Held
          host="data.tco.re"
          report={refusedHome}
          savedRun={runOfReport(acceptedOnDataset, 10)}
          recordConsentFlow={vi.fn()}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      const section = container.querySelector('[data-pages-not-shared]');
      const said = {
        notice: section?.querySelector('.notice')?.textContent,
        lists: [...(section?.querySelectorAll('[data-comparison]') ?? [])].map((list) => [
          list.getAttribute('data-comparison'),
          list.querySelector('dt')?.textContent,
          list.querySelector('dd')?.textContent,
        ]),
      };
      cleanup();
      return said;
    };
    expect(shown('en')).toEqual({
      notice: 'The runs did not load the same pages: a cookie only one run saw may come from a page rather than from the choice.',
      lists: [
        ['pages-only-accept', 'Pages only the accepting run loaded', '/explore/dataset/demo/'],
        ['pages-only-refuse', 'Pages only the refusing run loaded', 'none'],
        ['cookies-on-pages-not-shared', 'Cookies above that first appeared on one of those pages', '_ga'],
      ],
    });
    expect(shown('fr')).toEqual({
      notice:
        'Les parcours n’ont pas chargé les mêmes pages\u202f: un cookie qu’un seul parcours a vu peut venir d’une page plutôt que du choix.',
      lists: [
        ['pages-only-accept', 'Pages chargées seulement par le parcours qui a accepté', '/explore/dataset/demo/'],
        ['pages-only-refuse', 'Pages chargées seulement par le parcours qui a refusé', 'aucune'],
        ['cookies-on-pages-not-shared', 'Parmi les cookies ci-dessus, ceux apparus pour la première fois sur l’une de ces pages', '_ga'],
      ],
    });
    // The same pages, or a run that does not know its pages: nothing said of pages.
    for (const [current, saved] of [
      [refusedHome, onPages(accepted, ['/'], {})],
      [refusedHome, accepted],
    ] as const) {
      const { container } = show(current, runOfReport(saved, 10));
      expect(container.querySelector('[data-comparison="only-after-accept"]')).not.toBeNull();
      expect(container.querySelector('[data-pages-not-shared]')).toBeNull();
      cleanup();
    }
  });

  it('waits for run 2’s choice, and says plainly when two runs made the same choice', () => {
    expect(show(report([]), runOfReport(accepted, 10)).container.querySelector('[data-comparison-state="waiting"]')).not.toBeNull();
    cleanup();
    const same = show(accepted, runOfReport(accepted, 10)).container;
    expect(same.querySelector('[data-comparison-state="not-comparable"]')?.textContent).toBe(
      'comparisonNotComparable consent_accepted consent_accepted',
    );
    expect(same.querySelector('[data-comparison]')).toBeNull();
  });

  it('names a mixed choice (one tracker refused, another accepted) as its summary does, in the comparison and the confirmation, in English and in French', () => {
    const mixed = report([reportCookie({ name: '_pk_id.1.a1b2' })], {
      consent: { state: 'choice', changedAt: 3, trackers: { ga: false, matomo: true } },
    });
    for (const [language, perTracker] of [
      ['en', 'Per tracker'],
      ['fr', 'Par traceur'],
    ] as const) {
      const { container } = render(
        <Held
          host="data.tco.re"
          report={mixed}
          savedRun={runOfReport(accepted, 10)}
          recordConsentFlow={vi.fn(async () => 0)}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      expect(container.querySelector('[data-run="current"] [data-consent]')?.textContent).toBe(perTracker);
      expect(container.querySelector('[data-comparison-state="not-comparable"]')?.textContent).toMatch(
        new RegExp(`2\\u202f?: ${perTracker}\\)`),
      );
      fireEvent.click(container.querySelector('[data-action="record-other"]')!);
      expect(container.querySelector('#record-flow-text')?.textContent).toMatch(new RegExp(`consent(ement)?\\u202f?: ${perTracker}\\)`));
      cleanup();
    }
    // A choice the page's cookie gave no tracker of (unreadable) is still "Choice recorded".
    const unreadable = report([], { consent: { state: 'choice', changedAt: 3, trackers: {} } });
    const { container } = render(
      <Held
        host="data.tco.re"
        report={unreadable}
        savedRun={runOfReport(accepted, 10)}
        recordConsentFlow={vi.fn(async () => 0)}
        t={localeTranslate('en')}
        language="en"
      />,
    );
    expect(container.querySelector('[data-comparison-state="not-comparable"]')?.textContent).toContain('run 2: Choice recorded)');
  });

  it('says one cookie or several, deleted or in a run, in English and in French', async () => {
    const said = async (language: 'en' | 'fr', deleted: number) => {
      const oneCookie = report([reportCookie({ name: 'sessionid' })], { consent: refused.consent });
      const { container } = render(
        <Held
          host="data.tco.re"
          report={oneCookie}
          savedRun={runOfReport(accepted, 10)}
          recordConsentFlow={async () => deleted}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      const counts = [...container.querySelectorAll('.run > p.muted')].map((p) => p.textContent);
      fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
      fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
      await waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toMatch(/\d/));
      const outcome = container.querySelector('[role="status"]')?.textContent;
      cleanup();
      return [...counts, outcome];
    };
    expect(await said('en', 1)).toEqual(['3 cookies', '1 cookie', '1 cookie deleted. Recording: make your choice on the page.']);
    expect(await said('en', 0)).toEqual(['3 cookies', '1 cookie', '0 cookies deleted. Recording: make your choice on the page.']);
    expect(await said('fr', 0)).toEqual([
      '3 cookies',
      '1 cookie',
      '0 cookie supprimé. Enregistrement en cours\u202f: faites votre choix sur la page.',
    ]);
    expect(await said('fr', 2)).toEqual([
      '3 cookies',
      '1 cookie',
      '2 cookies supprimés. Enregistrement en cours\u202f: faites votre choix sur la page.',
    ]);
  });

  it('says the recording failed, in words of its own, with the worker’s', async () => {
    const { container } = show(
      report([]),
      null,
      vi.fn(async () => {
        throw new Error('No answer from the background worker');
      }),
    );
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
    await waitFor(() =>
      expect(container.querySelector('[role="status"]')?.textContent).toBe('recordFlowFailed No answer from the background worker'),
    );
    expect(container.querySelector('[role="status"]')?.classList.contains('error')).toBe(true);
  });

  it('shows the recording under way until the worker answers, and deletes nothing twice meanwhile', async () => {
    let answer!: (count: number) => void;
    const recordConsentFlow = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    const { container } = show(accepted, null, recordConsentFlow);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
    expect(status.textContent).toBe(' recordFlowPending data.tco.re');
    expect(status.querySelector('.spinner')?.getAttribute('aria-hidden')).toBe('true');
    for (const action of ['record-flow', 'record-other']) {
      const button = container.querySelector(`[data-action="${action}"]`)!;
      expect(button.getAttribute('aria-disabled'), action).toBe('true');
      fireEvent.click(button);
      expect(container.querySelector('[role="alertdialog"]'), action).toBeNull();
    }
    answer(3);
    await waitFor(() => expect(status.textContent).toBe('recordFlowStarted 3'));
    // The same live region throughout: one inserted with its text is often not read out.
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(container.querySelector('[data-action="record-flow"]')?.hasAttribute('aria-disabled')).toBe(false);
    expect(recordConsentFlow).toHaveBeenCalledTimes(1);
  });

  it('closes the confirmation of “Record the other choice” once the report has no choice any more, keeping nothing', () => {
    const recordConsentFlow = vi.fn(async () => 3);
    const { container, rerender } = render(
      <Held host="data.tco.re" report={accepted} savedRun={null} recordConsentFlow={recordConsentFlow} t={t} language="en" />,
    );
    fireEvent.click(container.querySelector('[data-action="record-other"]')!);
    expect(container.querySelector('[data-action="record-other-confirm"]')).not.toBeNull();
    // Meanwhile another page's clear restarted the record: this page gets the new run, of no choice yet.
    rerender(<Held host="data.tco.re" report={report([])} savedRun={null} recordConsentFlow={recordConsentFlow} t={t} language="en" />);
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(container.querySelector('[data-action="record-other"]')).toBeNull();
    expect(document.activeElement?.getAttribute('data-action')).toBe('record-flow');
    // A choice made again: the buttons, not the old confirmation.
    rerender(<Held host="data.tco.re" report={refused} savedRun={null} recordConsentFlow={recordConsentFlow} t={t} language="en" />);
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(container.querySelector('[data-action="record-other"]')).not.toBeNull();
    expect(recordConsentFlow).not.toHaveBeenCalled();
  });

  it('moves focus to the confirm button, and back to the button that opened it (cancelled, by Escape too, or confirmed)', async () => {
    const recordConsentFlow = vi.fn(async () => 3);
    const { container, rerender } = render(
      <Held host="data.tco.re" report={accepted} savedRun={null} recordConsentFlow={recordConsentFlow} t={t} language="en" />,
    );
    const focused = () => document.activeElement?.getAttribute('data-action') ?? document.activeElement?.textContent;
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    expect(focused()).toBe('record-flow-confirm');
    fireEvent.click([...container.querySelectorAll('button')].find((button) => button.textContent === 'cancel')!);
    expect(focused()).toBe('record-flow');

    fireEvent.click(container.querySelector('[data-action="record-other"]')!);
    expect(focused()).toBe('record-other-confirm');
    // Escape cancels too, and focus goes back the same way.
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(focused()).toBe('record-other');
    expect(recordConsentFlow).not.toHaveBeenCalled();

    fireEvent.click(container.querySelector('[data-action="record-other"]')!);
    fireEvent.click(container.querySelector('[data-action="record-other-confirm"]')!);
    expect(focused()).toBe('record-other');
    await waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('recordFlowStarted 3'));
    // The new run has no choice yet: "Record the other choice" goes, and focus stays in the panel.
    rerender(<Held host="data.tco.re" report={report([])} savedRun={null} recordConsentFlow={recordConsentFlow} t={t} language="en" />);
    expect(container.querySelector('[data-action="record-other"]')).toBeNull();
    expect(focused()).toBe('record-flow');
  });
});

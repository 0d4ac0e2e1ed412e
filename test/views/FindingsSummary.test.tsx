// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { FindingsSummary } from '../../src/views/FindingsSummary.tsx';
import { finding } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';
import { browser, installBrowser } from '../../src/platform/browser.ts';
import { browserPlatform } from '../../src/pages/mount-page.tsx';
import type { MessageKey } from '../../src/core/ui-strings.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import type { MatchResult } from '../../src/core/registry/match.ts';
import { findingsFor } from '../../src/core/report/findings.ts';
import { browserCookie } from '../support/cookies.ts';
import { declaredStatistics } from '../support/charter-entries.ts';

afterEach(cleanup);

describe('FindingsSummary', () => {
  /** The line shown when there is no finding, and whether it is the green all-clear. */
  function allClear(cookiesSeen: number, consentReadable: boolean) {
    const { container } = render(
      <FindingsSummary findings={[]} cookiesSeen={cookiesSeen} consentReadable={consentReadable} onSelect={vi.fn()} t={t} language="en" />,
    );
    const line = container.querySelector('.findings p')!;
    cleanup();
    return [line.textContent, line.classList.contains('ok')];
  }

  it('says when there is nothing to report, where every check was made', () => {
    expect(allClear(3, true)).toEqual(['noFindings', true]);
  });

  it('claims no all-clear before any cookie was seen', () => {
    expect(allClear(0, true)).toEqual(['noFindingsNoCookies', false]);
    expect(allClear(0, false)).toEqual(['noFindingsNoCookies', false]);
  });

  it('says the cookies of unknown origin were not judged, rather than an all-clear', () => {
    const { container } = render(
      <FindingsSummary findings={[]} cookiesSeen={3} consentReadable unjudged={1} onSelect={vi.fn()} t={t} language="en" />,
    );
    const line = container.querySelector('.findings p')!;
    expect([line.textContent, line.classList.contains('ok')]).toEqual(['noFindingsUnjudgedOne 1', false]);
  });

  it('says both caveats when cookies of unknown origin went unjudged where consent cannot be read', () => {
    const { container } = render(
      <FindingsSummary findings={[]} cookiesSeen={3} consentReadable={false} unjudged={2} onSelect={vi.fn()} t={t} language="en" />,
    );
    expect([...container.querySelectorAll('.findings p')].map((line) => line.textContent)).toEqual([
      'noFindingsUnjudged 2',
      'consentNotChecked',
    ]);
  });

  it('does not say consent was respected where it cannot be read', () => {
    expect(allClear(3, false)).toEqual(['noFindingsConsentUnread', false]);
  });

  it('counts each kind, lists each finding, and leads from one to its cookie', () => {
    const onSelect = vi.fn();
    const findings = [
      finding({ kind: 'before-consent', cookie: '_ga' }),
      finding({ kind: 'before-consent', cookie: '_gid' }),
      finding({ kind: 'not-seen', cookie: 'csrftoken' }),
    ];
    const { container } = render(
      <FindingsSummary findings={findings} cookiesSeen={3} consentReadable onSelect={onSelect} t={t} language="en" />,
    );
    expect([...container.querySelectorAll('[data-finding-count]')].map((chip) => chip.textContent)).toEqual([
      'finding_before_consent 2 (severityHigh)',
      'finding_not_seen 1 (severityLow)',
    ]);
    expect([...container.querySelectorAll('[data-finding-cookie]')].map((li) => li.getAttribute('data-finding-cookie'))).toEqual([
      '_ga',
      '_gid',
      'csrftoken',
    ]);
    fireEvent.click(container.querySelector('[data-finding-cookie="_gid"] button')!);
    expect(onSelect).toHaveBeenCalledWith(findings[1]);
  });

  it('tells the findings of the site’s own `_ga` from those of a frame’s, as the export does: the site is not blamed for the frame’s', () => {
    const statistics: MatchResult = { ...declaredStatistics('Matomo'), declared: false, source: 'known-tracker', provider: 'Google' };
    const site = emptySite('data.tco.re', '0');
    recordCookieChange(site, browserCookie({ name: '_ga', domain: '.tco.re', hostOnly: false }), false, 1_700_000_000_000);
    const frameGa = browserCookie({ name: '_ga', domain: '.video.example.net', hostOnly: false });
    recordCookieChange(site, frameGa, false, 1_700_000_000_000, { via: 'frame' });
    const findings = findingsFor(
      site,
      Object.values(site.cookies).map((cookie) => ({ cookie, match: statistics })),
      [],
    );
    const { container } = render(
      <FindingsSummary findings={findings} cookiesSeen={2} consentReadable onSelect={vi.fn()} t={localeTranslate('en')} language="en" />,
    );
    expect([...container.querySelectorAll('.finding-list .evidence')].map((line) => line.textContent)).toEqual([
      'Google cookie (statistics), set before the visitor chose.',
      'Google cookie (statistics, of embedded content on video.example.net), set before the visitor chose.',
      "Seen, not in the site's charter (described by the known-tracker table).",
      "Set by embedded content on video.example.net, not in the site's charter (described by the known-tracker table).",
    ]);
  });

  it('keeps each finding’s line its own when another cookie of the same name and domain (on another path) goes from the list', () => {
    const onRoot = finding({ kind: 'undeclared', cookie: 'dup', path: '/', evidence: 'root' });
    const onApi = finding({ kind: 'undeclared', cookie: 'dup', path: '/api', evidence: 'api' });
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[onRoot, onApi]} {...props} />);
    const apiLine = container.querySelectorAll('.finding-list li')[1];
    rerender(<FindingsSummary findings={[onApi]} {...props} />);
    // One key for both lines gave the path `/` line's element to the `/api` finding, and dropped the other.
    expect(container.querySelector('.finding-list li')).toBe(apiLine);
  });

  it('keeps the focus on a not-seen finding’s button when a live update adds or removes a finding above it', () => {
    // A not-seen finding names no path: keyed by its place in the list, its line was written
    // anew for another finding as soon as one came or went above it, and the focus fell to the page.
    const pkId = finding({ kind: 'not-seen', cookie: '_pk_id' });
    const pkSes = finding({ kind: 'not-seen', cookie: '_pk_ses' });
    const hjid = finding({ kind: 'undeclared', cookie: '_hjid', path: '/' });
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[pkId, pkSes]} {...props} />);
    const button = container.querySelector<HTMLButtonElement>('[data-finding-cookie="_pk_ses"] button')!;
    button.focus();
    rerender(<FindingsSummary findings={[hjid, pkId, pkSes]} {...props} />);
    expect(document.activeElement).toBe(button);
    rerender(<FindingsSummary findings={[hjid, pkSes]} {...props} />);
    expect(document.activeElement).toBe(button);
    expect(container.querySelector('[data-finding-cookie="_pk_ses"] button')).toBe(button);
  });

  it('gives the focus of a finding that goes (its cookie came) to the next, the previous, then the heading, never to the page', () => {
    const [a, b, c] = ['_pk_id', '_pk_ses', '_hjid'].map((cookie) => finding({ kind: 'not-seen', cookie }));
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[a!, b!, c!]} {...props} />);
    const button = (cookie: string) => container.querySelector<HTMLButtonElement>(`[data-finding-cookie="${cookie}"] button`);
    button('_pk_ses')!.focus();
    rerender(<FindingsSummary findings={[a!, c!]} {...props} />);
    expect(document.activeElement).toBe(button('_hjid'));
    rerender(<FindingsSummary findings={[a!]} {...props} />);
    expect(document.activeElement).toBe(button('_pk_id'));
    rerender(<FindingsSummary findings={[]} {...props} />);
    expect(document.activeElement).toBe(container.querySelector('#findings-title'));
  });

  // A finding that went while the focus was elsewhere is forgotten: a later update never takes the
  // focus to the heading (scrolling the page) from where the person left it.
  it('leaves the focus where the person took it once the finding focused last has gone', () => {
    const [a, b, c] = ['_pk_id', '_pk_ses', '_hjid'].map((cookie) => finding({ kind: 'not-seen', cookie }));
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(
      <>
        <input type="search" />
        <FindingsSummary findings={[a!, b!, c!]} {...props} />
      </>,
    );
    container.querySelector<HTMLButtonElement>('[data-finding-cookie="_pk_ses"] button')!.focus();
    const search = container.querySelector('input')!;
    search.focus();
    rerender(
      <>
        <input type="search" />
        <FindingsSummary findings={[a!, c!]} {...props} />
      </>,
    );
    expect(document.activeElement).toBe(search);
    // A click on plain text, then a later update.
    search.blur();
    rerender(
      <>
        <input type="search" />
        <FindingsSummary findings={[a!]} {...props} />
      </>,
    );
    expect(document.activeElement).toBe(document.body);
  });

  it('leaves the focus on the page when the person left the finding (a click on plain text) before it went', async () => {
    const [a, b, c] = ['_pk_id', '_pk_ses', '_hjid'].map((cookie) => finding({ kind: 'not-seen', cookie }));
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[a!, b!, c!]} {...props} />);
    const button = container.querySelector<HTMLButtonElement>('[data-finding-cookie="_pk_ses"] button')!;
    button.focus();
    button.blur();
    await Promise.resolve();
    rerender(<FindingsSummary findings={[a!, c!]} {...props} />);
    expect(document.activeElement).toBe(document.body);
  });

  // The person focused a finding in the side panel, then went to the portal's page: the browser blurs
  // the button, but it stays the panel's active element; the cookie comes, the finding goes.
  it('gives the finding in its place the focus when the finding goes after the panel lost the window focus', async () => {
    const [a, b, c] = ['_pk_id', '_pk_ses', '_hjid'].map((cookie) => finding({ kind: 'not-seen', cookie }));
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[a!, b!, c!]} {...props} />);
    const button = container.querySelector<HTMLButtonElement>('[data-finding-cookie="_pk_ses"] button')!;
    button.focus();
    button.dispatchEvent(new FocusEvent('blur'));
    expect(document.activeElement).toBe(button);
    await Promise.resolve();
    rerender(<FindingsSummary findings={[a!, c!]} {...props} />);
    expect(document.activeElement).toBe(container.querySelector('[data-finding-cookie="_hjid"] button'));
  });

  it('keeps apart two not-seen findings of one name (a charter declaring it twice), each line its own', () => {
    const first = finding({ kind: 'not-seen', cookie: 'dup', evidence: 'first' });
    const second = finding({ kind: 'not-seen', cookie: 'dup', evidence: 'second' });
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[first, second]} {...props} />);
    const lines = [...container.querySelectorAll('.finding-list li')];
    rerender(<FindingsSummary findings={[finding({ kind: 'undeclared', cookie: 'x', path: '/' }), first, second]} {...props} />);
    const now = container.querySelectorAll('[data-finding-cookie="dup"]');
    expect(now[0]).toBe(lines[0]);
    expect(now[1]).toBe(lines[1]);
  });

  it('keeps the focus on a not-seen finding’s button when another of its name, another provider’s, goes', () => {
    // A charter declaring testCookie twice: the portal's own (necessary), and Disqus's in the third-party section.
    const notSeen = (provider: string, category: 'necessary' | 'third-party') =>
      finding({
        kind: 'not-seen',
        cookie: 'testCookie',
        evidence: `declared by the charter (${provider}), not seen this session`,
        detail: { provider, category, source: 'charter' },
      });
    const own = notSeen('Opendatasoft', 'necessary');
    const disqus = notSeen('Disqus', 'third-party');
    const props = { cookiesSeen: 2, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[own, disqus]} {...props} />);
    const button = container.querySelectorAll<HTMLButtonElement>('[data-finding-cookie="testCookie"] button')[1]!;
    button.focus();
    // The portal's own testCookie is seen: its finding goes.
    rerender(<FindingsSummary findings={[disqus]} {...props} />);
    // Keyed by its name alone, Disqus's became the first of its name: its line was written anew, the focus fell to the page.
    expect(container.querySelector('[data-finding-cookie="testCookie"] button')).toBe(button);
    expect(document.activeElement).toBe(button);
  });

  it('keeps the focus on a not-seen finding’s button when a live charter spells its provider otherwise (Huwise for Opendatasoft)', () => {
    const notSeen = (provider: string) =>
      finding({
        kind: 'not-seen',
        cookie: 'csrftoken',
        evidence: `declared by the charter (${provider}), not seen this session`,
        detail: { provider, category: 'necessary', source: 'charter' },
      });
    const props = { cookiesSeen: 1, consentReadable: true, onSelect: vi.fn(), t, language: 'en' };
    const { container, rerender } = render(<FindingsSummary findings={[notSeen('Opendatasoft')]} {...props} />);
    const button = container.querySelector<HTMLButtonElement>('[data-finding-cookie="csrftoken"] button')!;
    button.focus();
    rerender(<FindingsSummary findings={[notSeen('Huwise')]} {...props} />);
    // Keyed by its provider too, its line was written anew and the focus fell to the page.
    expect(container.querySelector('[data-finding-cookie="csrftoken"] button')).toBe(button);
    expect(document.activeElement).toBe(button);
  });

  it('says each finding’s severity in words, not by colour alone, and each kind’s count at each severity', () => {
    const findings = [
      // In name order: a consent finding is medium for a cookie of unclear role, high for a tracker.
      finding({ kind: 'before-consent', cookie: 'a_widget', severity: 'medium' }),
      finding({ kind: 'before-consent', cookie: 'b_tracker', severity: 'high' }),
      finding({ kind: 'not-seen', cookie: 'csrftoken' }),
    ];
    const { container } = render(
      <FindingsSummary findings={findings} cookiesSeen={3} consentReadable onSelect={vi.fn()} t={t} language="en" />,
    );
    const rows = [...container.querySelectorAll('[data-finding-cookie] button')];
    expect(rows.map((row) => row.textContent)).toEqual([
      'finding_before_consent a_widget (severityMedium)',
      'finding_before_consent b_tracker (severityHigh)',
      'finding_not_seen csrftoken (severityLow)',
    ]);
    // Words for everyone: none hidden from assistive technology.
    expect(container.querySelectorAll('[aria-hidden="true"]:not(:empty)')).toHaveLength(0);
    // Coloured by the most serious, worded by each severity's count: not two high findings.
    const chip = container.querySelector('[data-finding-count="before-consent"]')!;
    expect(chip.textContent).toBe('finding_before_consent 2 (severityHighCountOne 1 and severityMediumCountOne 1)');
    expect(chip.classList).toContain('severity-high');
    expect(container.querySelector('[data-finding-count="not-seen"]')?.textContent).toBe('finding_not_seen 1 (severityLow)');
  });

  describe('an undeclared cookie of a site with no charter found', () => {
    const noCharter = finding({
      kind: 'undeclared',
      cookie: '_ga',
      detail: { provider: 'Google', category: 'statistics', source: 'open-cookie-database', charter: 'none' },
    });
    const headings = (language: 'en' | 'fr', props: { findings: (typeof noCharter)[] }) => {
      cleanup();
      const { container } = render(
        <FindingsSummary
          cookiesSeen={30}
          consentReadable={false}
          onSelect={vi.fn()}
          t={localeTranslate(language)}
          language={language}
          {...props}
        />,
      );
      return [
        container.querySelector('[data-finding-count="undeclared"]')?.textContent,
        container.querySelector('[data-finding] .finding-kind')?.textContent ?? null,
      ];
    };

    it('is named undeclared, never "not in the charter": no charter was read', () => {
      expect(headings('en', { findings: [noCharter] })).toEqual(['Undeclared 1 (medium)', 'Undeclared']);
      expect(headings('fr', { findings: [noCharter] })).toEqual(['Non déclaré 1 (modéré)', 'Non déclaré']);
    });

    it('is counted so from the report’s charter when the first page holds none of them', () => {
      const first = finding({ kind: 'before-consent', cookie: 'a_widget', severity: 'high' });
      cleanup();
      const { container } = render(
        <FindingsSummary
          findings={[first]}
          totals={{
            cookies: 30,
            originUnknown: 0,
            findings: 30,
            findingsByKind: { 'before-consent': { high: 1 }, undeclared: { medium: 29 } },
            siteEvicted: false,
          }}
          charterKind="none"
          cookiesSeen={30}
          consentReadable
          onSelect={vi.fn()}
          t={localeTranslate('en')}
          language="en"
        />,
      );
      expect(container.querySelector('[data-finding-count="undeclared"]')?.textContent).toBe('Undeclared 29 (medium)');
    });

    it('stays "not in the charter" where the site’s charter was read', () => {
      const declaredElsewhere = finding({ kind: 'undeclared', cookie: '_ga' });
      expect(headings('en', { findings: [declaredElsewhere] })).toEqual(['Not in the charter 1 (medium)', 'Not in the charter']);
    });
  });

  it('words a kind’s severities as the UI language does, from the whole report’s counts when it has only the first page', () => {
    // The first page holds one medium finding; the whole report has two high ones beside three medium.
    const findings = [finding({ kind: 'before-consent', cookie: 'a_widget', severity: 'medium' })];
    const totals = {
      cookies: 60,
      originUnknown: 0,
      findings: 5,
      findingsByKind: { 'before-consent': { high: 2, medium: 3 } },
      siteEvicted: false,
    };
    const chip = (language: 'en' | 'fr') => {
      cleanup();
      const { container } = render(
        <FindingsSummary
          findings={findings}
          totals={totals}
          cookiesSeen={60}
          consentReadable
          onSelect={vi.fn()}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      const shown = container.querySelector('[data-finding-count="before-consent"]')!;
      return [shown.textContent?.replace(/\u202f/g, ' '), shown.className];
    };
    expect(chip('en')).toEqual(['Set before consent 5 (2 high and 3 medium)', 'chip severity-high']);
    expect(chip('fr')).toEqual(['Déposé avant le consentement 5 (2 graves et 3 modérés)', 'chip severity-high']);
  });

  it('writes its counts as the UI language does', async () => {
    const findings = [finding({ kind: 'undeclared', cookie: '_ga' }), finding({ kind: 'not-seen', cookie: 'csrftoken' })];
    const totals = {
      cookies: 3000,
      originUnknown: 0,
      findings: 2345,
      findingsByKind: { undeclared: { medium: 1234 }, 'not-seen': { low: 1111 } },
      siteEvicted: false,
    };
    const { container } = render(
      <FindingsSummary findings={findings} totals={totals} cookiesSeen={3000} consentReadable onSelect={vi.fn()} t={t} language="fr" />,
    );
    expect(container.querySelector('h2 .count')?.textContent).toBe('2\u202f345');
    expect(container.querySelector('[data-finding-count="undeclared"] strong')?.textContent).toBe('1\u202f234');
    fireEvent.click(container.querySelector('summary')!);
    await waitFor(() =>
      expect([...container.querySelectorAll('.finding-list button')].at(-1)?.textContent).toBe('showMore (shownOf 2 2\u202f345)'),
    );
  });

  it('keeps a long list closed and short: the first 20, then more on request', async () => {
    const findings = Array.from({ length: 130 }, (_, i) => finding({ kind: 'not-seen', cookie: `c${String(i).padStart(3, '0')}` }));
    const { container } = render(
      <FindingsSummary findings={findings} cookiesSeen={130} consentReadable onSelect={vi.fn()} t={t} language="en" />,
    );
    expect(container.querySelectorAll('[data-finding]')).toHaveLength(0);
    // Worded by what it opens, not a second "Findings" under the heading.
    expect(container.querySelector('summary')?.textContent).toBe('findingsEach');
    fireEvent.click(container.querySelector('summary')!);
    await waitFor(() => expect(container.querySelectorAll('[data-finding]')).toHaveLength(20));
    fireEvent.click([...container.querySelectorAll('.finding-list button')].at(-1)!);
    expect(container.querySelectorAll('[data-finding]')).toHaveLength(120);
  });

  it('leads "Show more" to the first finding it adds, on the last page too, where the button goes away', async () => {
    for (const count of [300, 30]) {
      const findings = Array.from({ length: count }, (_, i) => finding({ kind: 'not-seen', cookie: `c${String(i).padStart(3, '0')}` }));
      const { container } = render(
        <FindingsSummary findings={findings} cookiesSeen={count} consentReadable onSelect={vi.fn()} t={t} language="en" />,
      );
      fireEvent.click(container.querySelector('summary')!);
      await waitFor(() => expect(container.querySelectorAll('[data-finding]')).toHaveLength(20));
      const more = [...container.querySelectorAll<HTMLElement>('.finding-list button')].at(-1)!;
      more.focus();
      fireEvent.click(more);
      expect(document.activeElement).toBe(container.querySelector('[data-finding-cookie="c020"] button'));
      cleanup();
    }
  });

  it('says how many findings are shown, not how many were asked for, and leads to the first added once the whole report is here', async () => {
    const findings = Array.from({ length: 300 }, (_, i) => finding({ kind: 'not-seen', cookie: `c${String(i).padStart(3, '0')}` }));
    const totals = { cookies: 300, originUnknown: 0, findings: 300, findingsByKind: { 'not-seen': { low: 300 } }, siteEvicted: false };
    const summary = (shown: typeof findings, partial: boolean) => (
      <FindingsSummary
        findings={shown}
        totals={partial ? totals : undefined}
        onWantAll={partial ? () => undefined : undefined}
        cookiesSeen={300}
        consentReadable
        onSelect={vi.fn()}
        t={t}
        language="en"
      />
    );
    const { container, rerender } = render(summary(findings.slice(0, 20), true));
    fireEvent.click(container.querySelector('summary')!);
    const more = await waitFor(() => [...container.querySelectorAll<HTMLElement>('.finding-list button')].at(-1)!);
    more.focus();
    fireEvent.click(more);
    // The whole report is on its way: 20 shown, not the 120 asked for; focus stays on the button.
    expect(more.textContent).toBe('showMore (shownOf 20 300)');
    expect(document.activeElement).toBe(more);
    rerender(summary(findings, false));
    expect([...container.querySelectorAll('.finding-list button')].at(-1)?.textContent).toBe('showMore (shownOf 120 300)');
    expect(document.activeElement).toBe(container.querySelector('[data-finding-cookie="c020"] button'));
  });

  it('shows a provider and a cookie name holding bidi controls each in a run of its own, in the pages’ strings: the sentence reads as written', () => {
    const FSI = '\u2068';
    const PDI = '\u2069';
    const english = localeTranslate('en');
    const before = browser;
    // The strings as browser.i18n gives them to a page (mountPage's platform), in English.
    installBrowser({
      i18n: {
        getMessage: (key: string, substitutions: string[] = []) => english(key as MessageKey, ...substitutions),
        getUILanguage: () => 'en',
      },
      runtime: { getManifest: () => ({}) },
    } as never);
    try {
      // A PDI meant to end the run early, then an override that would turn the rest of the sentence around.
      const hostile = finding({
        kind: 'before-consent',
        cookie: `_ga${PDI}\u202Eevil`,
        detail: { provider: `Evil Corp${PDI}\u202E`, category: 'other', source: 'open-cookie-database' },
      });
      const { container } = render(
        <FindingsSummary findings={[hostile]} cookiesSeen={1} consentReadable onSelect={vi.fn()} t={browserPlatform().t} language="en" />,
      );
      const row = container.querySelector('[data-finding="before-consent"]')!;
      expect(row.querySelector('.evidence')?.textContent).toBe(
        `${FSI}Evil Corp${PDI} cookie (${FSI}other${PDI}), set before the visitor chose.`,
      );
      // The name's controls are shown as codes (views/CookieName.tsx), within the run of its own.
      expect(row.querySelector('button')?.getAttribute('title')).toBe(`Show ${FSI}_ga<U+2069><U+202E>evil${PDI}`);
    } finally {
      installBrowser(before);
    }
  });

  describe('a lifetime finding quoting a French charter’s words', () => {
    const lifetime = finding({
      kind: 'lifetime',
      cookie: '_pk_id',
      detail: { provider: 'Matomo', category: 'statistics', source: 'charter', stated: '13 mois', actualSeconds: 400 * 86400 },
    });
    const shown = (language: string, charterLanguage: string | null) =>
      render(
        <FindingsSummary
          findings={[lifetime]}
          cookiesSeen={1}
          consentReadable
          onSelect={() => undefined}
          t={localeTranslate(language.startsWith('fr') ? 'fr' : 'en')}
          language={language}
          charterLanguage={charterLanguage}
        />,
      ).container.querySelector('.evidence')!;

    it('marks them lang="fr" on an English page, the sentence unchanged', () => {
      const evidence = shown('en-US', 'fr');
      expect([...evidence.querySelectorAll('[lang]')].map((span) => `${span.getAttribute('lang')}:${span.textContent}`)).toEqual([
        'fr:13 mois',
      ]);
      expect(evidence.textContent).toBe('The charter says “13 mois”; the cookie lives 400 days.');
    });

    it('marks nothing on a French page, or where the charter’s language is unknown', () => {
      expect(shown('fr', 'fr').querySelectorAll('[lang]')).toHaveLength(0);
      cleanup();
      expect(shown('en', null).querySelectorAll('[lang]')).toHaveLength(0);
    });
  });
});

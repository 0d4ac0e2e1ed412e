// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { CharterInfo } from '../../src/views/CharterInfo.tsx';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { liveProblemOf, type LiveCharterProblem } from '../../src/core/charter/live-problem.ts';
import type { Report } from '../../src/core/report/report.ts';
import type { Translate } from '../../src/core/ui-strings.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';
import { formatDateTime } from '../../src/views/day-time.ts';
import type { Column } from '../../src/core/charter/columns.ts';
import type { StoredUnreadReason, UnreadReason } from '../../src/core/charter/unread-reason.ts';
import { readNameCell } from '../../src/core/charter/cells.ts';

// The unread rows' list is a view loaded apart: there, as on a page once it has loaded (its loading line: UnreadRows.test.tsx).
beforeAll(preloadViews);
afterEach(cleanup);

const bundled: Report['charter'] = { kind: 'bundled', portal: 'data.tco.re', language: 'fr', entries: 4, live: null, changes: null };
const show = (charter: Report['charter'], pending = false, refresh = vi.fn(async () => undefined)) =>
  render(<CharterInfo charter={charter} pending={pending} refresh={refresh} t={t} language="en" />).container;

/** The strings of a locale, substituted as browser.i18n does. */
function translateIn(language: 'en' | 'fr'): Translate {
  type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  const messages = JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Messages;
  return (key, ...substitutions) => {
    const { message, placeholders = {} } = messages[key]!;
    return message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) =>
      placeholders[name.toLowerCase()]!.content.replace(/\$(\d)/g, (_digit, index: string) => substitutions[Number(index) - 1]!),
    );
  };
}

/** The charter section in a language, with its real strings; spaces that must not break read as spaces. */
const shownIn = (language: 'en' | 'fr', charter: Report['charter']) => {
  const { container } = render(
    <CharterInfo charter={charter} pending={false} refresh={vi.fn(async () => undefined)} t={translateIn(language)} language={language} />,
  );
  const text = (selector: string) =>
    container
      .querySelector(selector)
      ?.textContent?.replace(/[\u00a0\u202f]/g, ' ')
      .trim();
  return { container, text };
};

const failedWith = (problem: LiveCharterProblem | null, charter: Report['charter'] = bundled): Report['charter'] => ({
  ...charter,
  live: { fetchedAt: 0, url: null, problem },
});

describe('CharterInfo', () => {
  it('says which charter the report uses, and offers to read the live one again', () => {
    const refresh = vi.fn(async () => undefined);
    const container = show(bundled, false, refresh);
    expect(container.querySelector('[data-charter]')?.getAttribute('data-charter')).toBe('bundled');
    expect(container.textContent).toContain('charterBundled');
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    expect(refresh).toHaveBeenCalled();
  });

  it('says while the live charter is read, the button busy but keeping the focus (aria-disabled, not disabled)', () => {
    const refresh = vi.fn(async () => undefined);
    const container = show(bundled, true, refresh);
    expect(container.querySelector('[role="status"]')?.textContent).toContain('charterPending');
    const button = container.querySelector<HTMLButtonElement>('[data-action="refresh-charter"]')!;
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('says that it reads the charter as asked, then that it was read and when, in a status line that was there before', async () => {
    const before: Report['charter'] = { ...bundled, kind: 'live', live: { fetchedAt: 1000, url: 'https://data.tco.re/c', problem: null } };
    let answered: () => void = () => undefined;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const refresh = vi.fn(() => answer);
    const { container, rerender } = render(<CharterInfo charter={before} pending={false} refresh={refresh} t={t} language="en" />);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    const button = container.querySelector<HTMLButtonElement>('[data-action="refresh-charter"]')!;
    button.focus();
    fireEvent.click(button);
    expect(status.getAttribute('data-charter-status')).toBe('reading');
    expect(status.textContent).toContain('charterPending');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    // The worker answered; the report read after it is not here yet: still reading, never the old date.
    answered();
    await act(() => answer);
    expect(status.textContent).toContain('charterPending');
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    const after = { ...before, live: { ...before.live!, fetchedAt: Date.UTC(2026, 0, 2, 9, 30) } };
    rerender(<CharterInfo charter={after} pending={false} refresh={refresh} t={t} language="en" />);
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status.getAttribute('data-charter-status')).toBe('read');
    expect(status.textContent).toBe(`charterRead ${formatDateTime(after.live.fetchedAt, 'en', t)}`);
    expect(document.activeElement).toBe(button);
  });

  it('says a read as asked has ended when the worker stored it in the same millisecond as the one before, by its name', async () => {
    // The worker names each attempt it stores (live-charters.ts): the times alone may not change.
    const before: Report['charter'] = {
      ...bundled,
      kind: 'live',
      live: { fetchedAt: 1000, url: 'https://data.tco.re/c', problem: null, attempt: 'first' },
    };
    const refresh = vi.fn(async () => undefined);
    const { container, rerender } = render(<CharterInfo charter={before} pending={false} refresh={refresh} t={t} language="en" />);
    const status = container.querySelector('[role="status"]')!;
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    await act(async () => undefined);
    // The report still shows the attempt read before: still reading.
    rerender(<CharterInfo charter={{ ...before, live: { ...before.live! } }} pending={false} refresh={refresh} t={t} language="en" />);
    expect(status.getAttribute('data-charter-status')).toBe('reading');
    rerender(
      <CharterInfo
        charter={{ ...before, live: { ...before.live!, attempt: 'second' } }}
        pending={false}
        refresh={refresh}
        t={t}
        language="en"
      />,
    );
    expect(status.getAttribute('data-charter-status')).toBe('read');
    expect(status.textContent).toBe(`charterRead ${formatDateTime(1000, 'en', t)}`);
  });

  it('says what came of a read it saw under way (the one at open), the failure as the charter line says it', () => {
    const { container, rerender } = render(<CharterInfo charter={bundled} pending refresh={vi.fn()} t={t} language="en" />);
    const status = container.querySelector('[role="status"]')!;
    const failed = failedWith({ kind: 'network' });
    rerender(<CharterInfo charter={failed} pending={false} refresh={vi.fn()} t={t} language="en" />);
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status.textContent).toBe('charterLiveUnavailable liveProblemNetwork charterFallbackBundled');
    expect(status.textContent).toBe(container.querySelector('[data-live-problem]')?.textContent);
    // Said once: the line that shows it is not read out again after the status (a screen reader met the sentence twice).
    expect(container.querySelector('[data-live-problem]')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('lets a screen reader read the failure where the charter line shows it when the status said nothing of it', () => {
    const container = show(failedWith({ kind: 'network' }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
    expect(container.querySelector('[data-live-problem]')?.hasAttribute('aria-hidden')).toBe(false);
  });

  it('says nothing of a charter read before it was shown', () => {
    const container = show({ ...bundled, kind: 'live', live: { fetchedAt: 1000, url: 'https://data.tco.re/c', problem: null } });
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
    expect(container.querySelector('[role="status"]')?.getAttribute('data-charter-status')).toBe('idle');
  });

  it('names a live charter’s address, and why the live one could not be read', () => {
    const live = show({
      ...bundled,
      kind: 'live',
      live: { fetchedAt: 0, url: 'https://data.tco.re/terms/cookies-policy/', problem: null },
    });
    expect(live.textContent).toContain('charterLive https://data.tco.re/terms/cookies-policy/');
    cleanup();
    const failed = show(failedWith({ kind: 'http', status: 404, path: '/terms/cookies-information' }));
    expect(failed.querySelector('[data-live-problem]')?.textContent).toBe(
      'charterLiveUnavailable liveProblemAtPath liveProblemHttp 404 /terms/cookies-information charterFallbackBundled',
    );
  });

  it.each<[LiveCharterProblem, string, string]>([
    [
      { kind: 'http', status: 404, path: '/terms/cookies-information' },
      'HTTP 404 at /terms/cookies-information',
      '/terms/cookies-information : erreur HTTP 404',
    ],
    [{ kind: 'network' }, 'network error (offline, or the site cannot be reached)', 'erreur réseau (hors ligne, ou site injoignable)'],
    [
      { kind: 'timeout', path: '/terms/cookies-policy/' },
      'the charter page took too long to answer at /terms/cookies-policy/',
      '/terms/cookies-policy/ : la page de la charte a mis trop de temps à répondre',
    ],
    [
      { kind: 'too-large', limit: 2_000_000, path: '/terms/cookies-policy/' },
      'page larger than 2,000,000 bytes at /terms/cookies-policy/',
      '/terms/cookies-policy/ : page de plus de 2 000 000 octets',
    ],
    [
      { kind: 'too-large-to-keep', limit: 2_000_000, path: '/terms/cookies-policy/' },
      'charter over 2,000,000 bytes once read, too large to keep at /terms/cookies-policy/',
      '/terms/cookies-policy/ : charte de plus de 2 000 000 octets une fois lue, trop volumineuse pour être conservée',
    ],
    [
      { kind: 'redirected', to: 'http://elsewhere.example', path: '/x' },
      'redirected to http://elsewhere.example, not https at /x',
      '/x : redirection vers http://elsewhere.example, qui n’est pas en https',
    ],
    [
      { kind: 'redirected', to: 'https://evil.example', path: '/x' },
      'redirected to https://evil.example, another site at /x',
      '/x : redirection vers https://evil.example, un autre site',
    ],
    [{ kind: 'redirected', to: null, path: '/x' }, 'redirected to an invalid address at /x', '/x : redirection vers une adresse invalide'],
    [{ kind: 'no-table', path: '/x' }, 'no cookie table at /x', '/x : aucun tableau de cookies'],
    [{ kind: 'empty', path: '/x' }, 'the page is empty at /x', '/x : la page est vide'],
    [
      { kind: 'not-text', path: '/x' },
      'not a text page (binary data, or not UTF-8) at /x',
      '/x : la page n’est pas du texte (données binaires, ou pas en UTF-8)',
    ],
    [{ kind: 'unreadable', path: '/x' }, 'unreadable page at /x', '/x : page illisible'],
    [{ kind: 'unknown' }, 'could not be read', 'lecture impossible'],
  ])('says why the live charter could not be read (%j) in the UI language', (problem, english, french) => {
    expect(shownIn('en', failedWith(problem)).text('[data-live-problem]')).toBe(
      `Live charter unavailable (${english}). Using the bundled charter.`,
    );
    cleanup();
    expect(shownIn('fr', failedWith(problem)).text('[data-live-problem]')).toBe(
      `Charte en ligne indisponible (${french}). La charte fournie est utilisée.`,
    );
  });

  it('says a read that failed after a good one keeps that charter, never that the live charter is unavailable', () => {
    const read = Date.UTC(2026, 11, 1, 9, 0);
    const failedAt = Date.UTC(2026, 11, 1, 15, 30);
    const kept: Report['charter'] = {
      ...bundled,
      kind: 'live',
      live: { fetchedAt: read, url: 'https://data.tco.re/terms/cookies-policy/', problem: { kind: 'network' }, failedAt },
    };
    const at = (language: string) => formatDateTime(failedAt, language, t);
    const english = shownIn('en', kept).text('[data-live-problem]');
    expect(english).toBe(
      `Reading it again on ${at('en')} failed (network error (offline, or the site cannot be reached)): the live charter read before is kept.`.replace(
        /[\u00a0\u202f]/g,
        ' ',
      ),
    );
    cleanup();
    expect(shownIn('fr', kept).text('[data-live-problem]')).toBe(
      `La relecture du ${at('fr')} a échoué (erreur réseau (hors ligne, ou site injoignable)) : la charte en ligne lue auparavant est conservée.`.replace(
        /[\u00a0\u202f]/g,
        ' ',
      ),
    );
  });

  it('says "date unknown" for a read or a failure at a time that cannot be read (NaN), never leaving the report for its error', () => {
    const live = (fetchedAt: number, failedAt?: number): Report['charter'] => ({
      ...bundled,
      kind: 'live',
      live: {
        fetchedAt,
        url: 'https://data.tco.re/c',
        problem: failedAt === undefined ? null : { kind: 'network' },
        ...(failedAt === undefined ? {} : { failedAt }),
      },
    });
    expect(shownIn('en', live(Number.NaN)).container.textContent).toContain('(date unknown)');
    cleanup();
    expect(shownIn('fr', live(Number.NaN)).container.textContent).toContain('(date inconnue)');
    cleanup();
    expect(shownIn('en', live(1000, Number.NaN)).text('[data-live-problem]')).toMatch(/^Reading it again on \(date unknown\) failed/);
    cleanup();
    expect(shownIn('fr', live(1000, Number.NaN)).text('[data-live-problem]')).toMatch(/^La relecture du \(date inconnue\) a échoué/);
  });

  it('shows a failure an older version stored as English text as one that could not be read, never “undefined”', () => {
    const stored = failedWith(liveProblemOf('network error (offline, or the site cannot be reached)'));
    expect(shownIn('fr', stored).text('[data-live-problem]')).toBe(
      'Charte en ligne indisponible (lecture impossible). La charte fournie est utilisée.',
    );
    cleanup();
    const text = shownIn('en', stored).container.textContent ?? '';
    expect(text).toContain('Live charter unavailable (could not be read).');
    expect(text).not.toMatch(/undefined|network error/);
  });

  it('names the charter each failed read falls back to: the bundled one, the platform’s default, or none', () => {
    const http404: LiveCharterProblem = { kind: 'http', status: 404, path: '/terms/cookies-information' };
    const heading = (charter: Report['charter']) => {
      cleanup();
      const { container, text } = shownIn('en', charter);
      return { heading: container.querySelector('[data-charter] > p')?.textContent, problem: text('[data-live-problem]') };
    };
    expect(heading(failedWith(http404))).toEqual({
      heading: 'Charter bundled with the extension',
      problem: 'Live charter unavailable (HTTP 404 at /terms/cookies-information). Using the bundled charter.',
    });
    const platform: Report['charter'] = { ...bundled, kind: 'platform-default', portal: null };
    expect(heading(failedWith(http404, platform))).toEqual({
      heading: 'Platform default charter (this site runs the platform: its own charter could not be read)',
      problem: 'Live charter unavailable (HTTP 404 at /terms/cookies-information).',
    });
    expect(heading(platform).heading).toBe('Platform default charter (no charter bundled for this portal)');
    const none: Report['charter'] = { ...bundled, kind: 'none', portal: null, language: null, entries: 0 };
    expect(heading(failedWith(http404, none))).toEqual({
      heading: 'No charter found: cookies are described from fallbacks',
      problem: 'Live charter unavailable (HTTP 404 at /terms/cookies-information).',
    });
    cleanup();
    expect(shownIn('fr', failedWith(http404, platform)).container.querySelector('[data-charter] > p')?.textContent).toBe(
      'Charte par défaut de la plateforme (ce site utilise la plateforme, sa charte n’a pu être lue)',
    );
  });

  it('lists what a live charter added, removed and changed, names as text', () => {
    const entry = {
      provider: 'Matomo',
      service: null,
      cookie: '<b>_pk_id</b>',
      match: 'prefix' as const,
      purpose: 'Audience',
      duration: null,
      category: 'statistics' as const,
    };
    const container = show({
      ...bundled,
      kind: 'live',
      changes: {
        added: [entry],
        removed: [{ ...entry, cookie: 'old' }],
        changed: [{ cookie: 'sessionid', fields: [{ field: 'purpose', before: 'a', after: null }] }],
      },
    });
    expect([...container.querySelectorAll('[data-change]')].map((li) => li.getAttribute('data-change'))).toEqual([
      'added',
      'removed',
      'changed',
    ]);
    expect(container.querySelector('[data-change="added"] code')?.textContent).toBe('<b>_pk_id</b>*');
    expect(container.querySelector('[data-change="changed"]')?.textContent).toContain('field_purpose charterQuoted a → —');
  });

  it('shows the charter’s words in its changes in one paragraph: a separator of its table becomes U+FFFD', () => {
    const entry = {
      provider: 'Hotjar',
      service: null,
      cookie: '_hjid',
      match: 'exact' as const,
      purpose: 'Mesure\u001eאב 12',
      duration: null,
      category: 'statistics' as const,
    };
    const container = show({
      ...bundled,
      kind: 'live',
      changes: {
        added: [entry],
        removed: [],
        changed: [{ cookie: 'sessionid', fields: [{ field: 'duration', before: '1 an', after: '2 ans\u001cא' }] }],
      },
    });
    const changes = container.querySelector('[data-charter-changes]')!.textContent;
    expect(changes).toContain('Mesure\uFFFDאב 12');
    expect(changes).toContain('2 ans\uFFFDא');
    expect(changes).not.toMatch(/[\u001c-\u001e]/);
  });

  it('counts what changed with the UI language’s agreement, and quotes values with its quotation marks', () => {
    const entry = (cookie: string) => ({
      provider: 'Matomo',
      service: null,
      cookie,
      match: 'exact' as const,
      purpose: 'Audience',
      duration: null,
      category: 'statistics' as const,
    });
    const fields = [
      { field: 'purpose' as const, before: 'Session', after: 'Sécurité' },
      { field: 'duration' as const, before: null, after: '1 an' },
    ];
    const changed = (added: number, removed: number, changes: number): Report['charter'] => ({
      ...bundled,
      kind: 'live',
      changes: {
        added: Array.from({ length: added }, (_, index) => entry(`a${index}`)),
        removed: Array.from({ length: removed }, (_, index) => entry(`r${index}`)),
        changed: Array.from({ length: changes }, (_, index) => ({ cookie: `c${index}`, fields })),
      },
    });
    const summary = (language: 'en' | 'fr', charter: Report['charter']) => {
      cleanup();
      return shownIn(language, charter).text('[data-charter-changes] summary');
    };
    // French names what changed, a charter's entry (« entrée »): a participle alone would agree with nothing (a cookie is masculine).
    expect(summary('fr', changed(1, 0, 2))).toBe(
      'La charte en ligne diffère de celle fournie : 1 entrée ajoutée, 0 entrée retirée, 2 entrées modifiées. Le rapport utilise la charte en ligne.',
    );
    expect(summary('fr', changed(2, 1, 0))).toContain(': 2 entrées ajoutées, 1 entrée retirée, 0 entrée modifiée.');
    expect(summary('en', changed(1, 0, 2))).toBe(
      'The live charter differs from the bundled one: 1 added, 0 removed, 2 changed. The report uses the live charter.',
    );
    cleanup();
    expect(shownIn('fr', changed(0, 0, 1)).text('[data-change="changed"]')).toBe(
      '~ c0 (entrée modifiée) : finalité « Session » → « Sécurité » ; durée — → « 1 an »',
    );
    cleanup();
    expect(shownIn('en', changed(0, 0, 1)).text('[data-change="changed"]')).toBe(
      '~ c0 (changed): purpose “Session” → “Sécurité”; duration — → “1 an”',
    );
    // Each language's colon: French puts a space before it.
    cleanup();
    const french = shownIn('fr', changed(1, 1, 0));
    expect([french.text('[data-change="added"]'), french.text('[data-change="removed"]')]).toEqual([
      '+ a0 (entrée ajoutée) : Audience',
      '− r0 (entrée retirée)',
    ]);
    cleanup();
    const english = shownIn('en', changed(1, 1, 0));
    expect([english.text('[data-change="added"]'), english.text('[data-change="removed"]')]).toEqual([
      '+ a0 (added): Audience',
      '− r0 (removed)',
    ]);
  });

  it('names a changed category as one cookie’s (not a group’s heading), not by its code', () => {
    const charter: Report['charter'] = {
      ...bundled,
      kind: 'live',
      changes: {
        added: [],
        removed: [],
        changed: [{ cookie: '_pk_id', fields: [{ field: 'category', before: 'necessary', after: 'third-party' }] }],
      },
    };
    expect(shownIn('fr', charter).text('[data-change="changed"]')).toBe(
      '~ _pk_id (entrée modifiée) : catégorie « nécessaire » → « tiers »',
    );
    cleanup();
    expect(shownIn('en', charter).text('[data-change="changed"]')).toBe('~ _pk_id (changed): category “necessary” → “third party”');
  });

  it('says the live charter matches the bundled one, and offers no refresh without any charter', () => {
    expect(show({ ...bundled, kind: 'live', changes: { added: [], removed: [], changed: [] } }).textContent).toContain('charterSame');
    cleanup();
    expect(show({ ...bundled, kind: 'none' }).querySelector('[data-action="refresh-charter"]')).toBeNull();
  });

  it("says the live charter's entries are in another language (the entries compared, not the page), and that only what a translation keeps was compared, in both languages", () => {
    const translated: Report['charter'] = {
      ...bundled,
      kind: 'live',
      // A page read as French whose English version comes first: its English entries are the ones compared.
      language: 'fr',
      changes: { added: [], removed: [], changed: [], translated: { from: 'fr', to: 'en' } },
    };
    const en = shownIn('en', translated);
    expect(en.text('[data-charter-language]')).toBe(
      'The live charter’s entries are in English, the bundled charter’s in French: only what a translation keeps is compared (cookie names, providers’ names, lifetimes, categories).',
    );
    expect(en.container.textContent).toContain('It matches the bundled charter.');
    cleanup();
    expect(shownIn('fr', translated).text('[data-charter-language]')).toBe(
      'Les entrées de la charte en ligne sont en anglais, celles de la charte fournie en français : seul ce qu’une traduction garde est comparé (noms des cookies, noms des prestataires, durées, catégories).',
    );
    cleanup();
    expect(show({ ...translated, changes: { added: [], removed: [], changed: [] } }).querySelector('[data-charter-language]')).toBeNull();
  });

  describe('a charter’s own words on a page of another language', () => {
    const changes = {
      added: [
        {
          provider: 'Matomo',
          service: null,
          cookie: '_pk_id',
          match: 'prefix' as const,
          purpose: 'Mesure d’audience anonyme',
          duration: '13 mois',
          category: 'statistics' as const,
        },
      ],
      removed: [],
      changed: [
        {
          cookie: 'sessionid',
          fields: [
            { field: 'purpose' as const, before: 'Authentification', after: 'Se souvenir de l’utilisateur' },
            { field: 'category' as const, before: 'necessary', after: 'statistics' },
          ],
        },
      ],
    };
    const marked = (container: Element, change: string) =>
      [...container.querySelectorAll(`[data-change="${change}"] [lang]`)].map((span) => `${span.getAttribute('lang')}:${span.textContent}`);

    it('marks a French charter’s words lang="fr" on an English page (for the screen reader’s voice), as the cookie rows do', () => {
      const { container } = render(
        <CharterInfo
          charter={{ ...bundled, kind: 'live', changes }}
          pending={false}
          refresh={async () => undefined}
          t={localeTranslate('en')}
          language="en-GB"
        />,
      );
      expect(marked(container, 'added')).toEqual(['fr:Mesure d’audience anonyme']);
      // The category is said in the page's words: not marked.
      expect(marked(container, 'changed')).toEqual(['fr:Authentification', 'fr:Se souvenir de l’utilisateur']);
      expect(container.querySelector('[data-change="changed"]')?.textContent).toBe(
        '~ sessionid (changed): purpose “Authentification” → “Se souvenir de l’utilisateur”; category “necessary” → “statistics”',
      );
    });

    it('marks a translation’s before value in the bundled charter’s language and its after value in the live one’s (review live3 3)', () => {
      // A page read as French whose English entries are the ones compared: the after value is English whatever `language` says.
      const translated: Report['charter'] = {
        ...bundled,
        kind: 'live',
        language: 'fr',
        changes: {
          added: [],
          removed: [],
          changed: [{ cookie: 'sessionid', fields: [{ field: 'duration', before: '13 mois', after: '14 months' }] }],
          translated: { from: 'fr', to: 'en' },
        },
      };
      const onPage = (language: string) =>
        render(<CharterInfo charter={translated} pending={false} refresh={async () => undefined} t={t} language={language} />).container;
      expect(marked(onPage('en'), 'changed')).toEqual(['fr:13 mois']);
      cleanup();
      expect(marked(onPage('fr'), 'changed')).toEqual(['en:14 months']);
    });

    it('marks nothing on a page in the charter’s language, or when its language is unknown', () => {
      const fr = render(
        <CharterInfo
          charter={{ ...bundled, kind: 'live', changes }}
          pending={false}
          refresh={async () => undefined}
          t={localeTranslate('fr')}
          language="fr"
        />,
      );
      expect(fr.container.querySelectorAll('[data-charter-changes] [lang]')).toHaveLength(0);
      cleanup();
      const unknown = show({ ...bundled, language: null, kind: 'live', changes });
      expect(unknown.querySelectorAll('[data-charter-changes] [lang]')).toHaveLength(0);
    });
  });

  describe('rows of the live charter not read', () => {
    const unreadRows = [
      { line: 9, text: 'Huwise | sessionid | 2 weeks | Session | <img src=x onerror=alert(1)> |', reason: 'expected 4 cells, found 5' },
      { line: 9, text: 'Huwise | sessionid | 2 weeks | Session | <img src=x onerror=alert(1)> |', reason: 'another problem' },
      { line: 1204, text: '', reason: 'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on' },
    ];
    const live: Report['charter'] = {
      ...bundled,
      kind: 'live',
      live: { fetchedAt: 0, url: 'https://data.tco.re/terms/cookies-policy/', problem: null },
      unreadRows,
    };

    it('says how many lines could not be read, that a cookie not in the charter may be declared there, and lists them as text', () => {
      const { container, text } = shownIn('en', live);
      const note = container.querySelector('[data-charter-unread]')!;
      expect(note.getAttribute('data-charter-unread')).toBe('2');
      expect(text('[data-charter-unread] summary')).toBe(
        'The live charter has 2 lines this extension could not read: a cookie shown as not in the charter may be declared in one of them.',
      );
      const rows = [...note.querySelectorAll('li')];
      expect(rows.map((row) => row.getAttribute('data-unread-line'))).toEqual(['9', '9', '1204']);
      expect(rows[0]!.textContent).toBe(
        'Line 9: Huwise | sessionid | 2 weeks | Session | <img src=x onerror=alert(1)> | (expected 4 cells, found 5)',
      );
      // Markup in a charter's row is its text: never an element.
      expect(container.querySelector('img')).toBeNull();
      expect(rows[0]!.querySelector('code')?.textContent).toContain('<img src=x onerror=alert(1)>');
      expect(rows[2]!.querySelector('code')).toBeNull();
      expect(text('[data-unread-line="1204"]')).toBe(
        'Line 1,204: (truncated: more than 5,000 table rows, the limit; the charter is not read from this line on)',
      );
    });

    it('says it in French, one line in the singular, the charter’s words and an older record’s English reason marked with their languages', () => {
      const one = { ...live, language: 'en' as const, unreadRows: unreadRows.slice(0, 1) };
      const { container, text } = shownIn('fr', one);
      expect(text('[data-charter-unread] summary')).toBe(
        'La charte en ligne a 1 ligne que l’extension n’a pas pu lire : un cookie indiqué comme absent de la charte y est peut-être déclaré.',
      );
      expect(text('[data-unread-line]')).toMatch(/^Ligne 9 : Huwise \| sessionid/);
      expect([...container.querySelectorAll('[data-unread-line] [lang]')].map((element) => element.getAttribute('lang'))).toEqual([
        'en',
        'en',
      ]);
      cleanup();
      const many = shownIn('fr', live);
      expect(many.text('[data-charter-unread] summary')).toBe(
        'La charte en ligne a 2 lignes que l’extension n’a pas pu lire : un cookie indiqué comme absent de la charte est peut-être déclaré dans l’une d’elles.',
      );
    });

    it('says the note ending a list cut short as a count in the page’s language, not as a line of the charter', () => {
      const cut = {
        ...live,
        unreadRows: [
          unreadRows[0]!,
          { line: 9, text: '', reason: 'and 1,400 more lines not read (only the first 100 rows are kept)', more: 1400 },
        ],
      };
      const en = shownIn('en', cut);
      expect(en.container.querySelector('[data-charter-unread]')!.getAttribute('data-charter-unread')).toBe('1401');
      expect([...en.container.querySelectorAll('[data-unread-line]')].map((row) => row.getAttribute('data-unread-line'))).toEqual(['9']);
      expect(en.text('[data-unread-more]')).toBe('…and 1,400 more lines not read.');
      cleanup();
      expect(shownIn('fr', cut).text('[data-unread-more]')).toBe('… et 1 400 autres lignes non lues.');
      cleanup();
      const one = shownIn('fr', { ...cut, unreadRows: [unreadRows[0]!, { line: 9, text: '', reason: 'and 1 more', more: 1 }] });
      expect(one.text('[data-unread-more]')).toBe('… et 1 autre ligne non lue.');
      cleanup();
      // Rows left out only on lines listed (a second problem of one line): no line more, but not everything said.
      const onListed = { ...cut, unreadRows: [unreadRows[0]!, { line: 9, text: '', reason: 'and 0 more', more: 0 }] };
      expect(shownIn('fr', onListed).text('[data-unread-more]')).toBe('… et d’autres problèmes de ces lignes, non listés.');
      cleanup();
      const listedEn = shownIn('en', onListed);
      expect(listedEn.text('[data-unread-more]')).toBe('…and other problems of these lines, not listed.');
      expect(listedEn.container.querySelector('[data-charter-unread]')!.getAttribute('data-charter-unread')).toBe('1');
    });

    it('lists them beside the charter fallen back on when the live charter’s table gave no row, and says so in both languages', () => {
      const reason = 'no readable cookie row in the table at line 2 (line 9: expected 4 cells, found 5)';
      const noRow: Report['charter'] = {
        ...failedWith({ kind: 'no-rows', reason, path: '/terms/cookies-policy/' }),
        unreadRows: unreadRows.slice(0, 1),
      };
      const en = shownIn('en', noRow);
      expect(en.text('[data-live-problem]')).toBe(
        'Live charter unavailable (no readable cookie row in its cookie table at /terms/cookies-policy/). Using the bundled charter.',
      );
      expect(en.container.querySelector('[data-charter-unread]')!.getAttribute('data-charter-unread')).toBe('1');
      expect(en.text('[data-unread-line]')).toMatch(/^Line 9: Huwise \| sessionid .*\(expected 4 cells, found 5\)$/);
      cleanup();
      const fr = shownIn('fr', noRow);
      expect(fr.text('[data-live-problem]')).toBe(
        'Charte en ligne indisponible (/terms/cookies-policy/ : aucune ligne de cookie lisible dans son tableau de cookies). La charte fournie est utilisée.',
      );
      expect(fr.text('[data-unread-line]')).toMatch(/^Ligne 9 : Huwise/);
    });

    it('says nothing when every row was read, for a report an older version made, or for a charter other than the live one', () => {
      expect(show({ ...live, unreadRows: [] }).querySelector('[data-charter-unread]')).toBeNull();
      cleanup();
      const { unreadRows: _none, ...older } = live;
      expect(show(older).querySelector('[data-charter-unread]')).toBeNull();
      cleanup();
      expect(show({ ...live, kind: 'bundled' }).querySelector('[data-charter-unread]')).toBeNull();
    });

    describe('the parser’s reasons, in the UI’s language', () => {
      const columns = ['provider', 'service', 'cookie', null, 'purpose'] as Column[];
      const withReason = (reason: StoredUnreadReason, language: 'en' | 'fr') =>
        shownIn(language, { ...live, unreadRows: [{ line: 5004, text: '', reason }] }).text('[data-unread-line]');
      const cases: Array<[UnreadReason, string, string]> = [
        [
          { kind: 'stopped-rows', limit: 5000 },
          'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on',
          'lecture arrêtée : plus de 5 000 lignes de tableau, la limite ; la charte n’est pas lue à partir de cette ligne',
        ],
        [
          { kind: 'stopped-entries', limit: 5000 },
          'truncated: 5,000 entries, the limit; the charter is not read from this line on',
          'lecture arrêtée : 5 000 entrées, la limite ; la charte n’est pas lue à partir de cette ligne',
        ],
        [
          { kind: 'row-entries-limit', limit: 5000 },
          'the limit of 5,000 entries is reached: the rest of this row is not read',
          'la limite de 5 000 entrées est atteinte : le reste de cette ligne n’est pas lu',
        ],
        [
          { kind: 'lines-after-limit', count: 1200 },
          'and 1,200 more lines not read (the charter is not read past the limit)',
          'et 1 200 autres lignes non lues (la charte n’est pas lue au-delà de la limite)',
        ],
        [
          { kind: 'lines-after-limit', count: 1 },
          'and 1 more line not read (the charter is not read past the limit)',
          'et 1 autre ligne non lue (la charte n’est pas lue au-delà de la limite)',
        ],
        [
          { kind: 'rows-not-listed', count: 1500, listed: 1000 },
          'and 1,500 more rows not read (only the first 1,000 are listed)',
          'et 1 500 autres lignes non lues (seules les 1 000 premières sont listées)',
        ],
        [
          { kind: 'rows-not-kept', count: 1400, kept: 100 },
          'and 1,400 more lines not read (only the first 100 rows are kept)',
          'et 1 400 autres lignes non lues (seules les 100 premières sont gardées)',
        ],
        [
          { kind: 'not-a-row', headerLine: 1203 },
          'not a row of the table at line 1,203: its cells are not separated like the header’s',
          'pas une ligne du tableau de la ligne 1 203 : ses cellules ne sont pas séparées comme celles de son en-tête',
        ],
        [
          { kind: 'row-too-long', length: 50003, cells: 4, cellLimit: 10000 },
          'a row of 50,003 characters: longer than 4 cells of at most 10,000 characters can be',
          'une ligne de 50 003 caractères : plus longue que 4 cellules d’au plus 10 000 caractères ne peuvent l’être',
        ],
        [
          { kind: 'cells-count', separator: 'tabs', expected: 5, found: 3, columns },
          'expected 5 cells separated by tabs (provider / service / cookie name / (ignored) / purpose), found 3',
          '5 cellules séparées par des tabulations attendues (prestataire / service / nom du cookie / (ignorée) / finalité), trouvées : 3',
        ],
        [
          { kind: 'cells-count', separator: 'pipes', expected: 5, found: 2, columns },
          'expected 5 cells between pipes (provider / service / cookie name / (ignored) / purpose), found 2',
          '5 cellules entre barres verticales attendues (prestataire / service / nom du cookie / (ignorée) / finalité), trouvées : 2',
        ],
        [
          { kind: 'unsplit', columns: ['provider', 'cookie', 'duration'], unknownProvider: false },
          'could not split into provider / cookie name / duration: without tabs or pipes a row is split on a known provider, cookie-name shapes (_ga, django_language, _pk_id.*) and a duration; separate the cells with tabs',
          'impossible de séparer en prestataire / nom du cookie / durée : sans tabulations ni barres verticales, une ligne est séparée sur un prestataire connu, des formes de noms de cookies (_ga, django_language, _pk_id.*) et une durée ; séparez les cellules par des tabulations',
        ],
        [
          { kind: 'unsplit', columns: ['provider', 'cookie', 'category'], unknownProvider: true },
          'does not start with a provider the reader knows, so could not split into provider / cookie name / category: without tabs or pipes a row is split on a known provider, cookie-name shapes (_ga, django_language, _pk_id.*) and a duration; separate the cells with tabs',
          'ne commence pas par un prestataire que l’extension connaît, donc impossible de séparer en prestataire / nom du cookie / catégorie : sans tabulations ni barres verticales, une ligne est séparée sur un prestataire connu, des formes de noms de cookies (_ga, django_language, _pk_id.*) et une durée ; séparez les cellules par des tabulations',
        ],
        [
          { kind: 'cell-too-long', role: 'purpose', length: 12345, limit: 10000 },
          'purpose cell of 12,345 characters, over the limit of 10,000: row not read',
          'cellule « finalité » de 12 345 caractères, au-delà de la limite de 10 000 : ligne non lue',
        ],
        [{ kind: 'no-field', field: 'provider' }, 'no provider field', 'pas de champ « prestataire »'],
        [{ kind: 'no-field', field: 'cookie' }, 'no cookie name field', 'pas de champ « nom du cookie »'],
        [{ kind: 'empty-cell', field: 'purpose' }, 'empty purpose cell', 'cellule « finalité » vide'],
        [{ kind: 'empty-cell', field: 'cookie' }, 'empty cookie name cell', 'cellule « nom du cookie » vide'],
        [
          { kind: 'name-cell-too-long', length: 10001, limit: 10000 },
          'cookie name cell of 10,001 characters, over the limit of 10,000: not read',
          'cellule de nom de cookie de 10 001 caractères, au-delà de la limite de 10 000 : non lue',
        ],
        [
          { kind: 'no-name-after', text: 'tout cookie commençant par', prose: 'tout cookie commençant par' },
          '“tout cookie commençant par”: no name after “tout cookie commençant par”',
          '« tout cookie commençant par » : pas de nom après « tout cookie commençant par »',
        ],
        [
          { kind: 'parts-limit', limit: 400 },
          'more than 400 parts in one cell: the parts after the first 400 are not read',
          'plus de 400 parties dans une cellule : celles après les 400 premières ne sont pas lues',
        ],
        [
          { kind: 'names-limit', limit: 1200 },
          'more than 1,200 names in one cell: the names after the first 1,200 are not read',
          'plus de 1 200 noms dans une cellule : ceux après les 1 200 premiers ne sont pas lus',
        ],
        [{ kind: 'parts-left-out', count: 3 }, '3 more parts of the cell not read', '3 autres parties de la cellule non lues'],
        [{ kind: 'parts-left-out', count: 1 }, '1 more part of the cell not read', '1 autre partie de la cellule non lue'],
        [
          { kind: 'not-a-name', token: 'Matomo', why: 'none-found' },
          '“Matomo”: no cookie name found',
          '« Matomo » : aucun nom de cookie trouvé',
        ],
        [
          { kind: 'not-a-name', token: 'mesure d’audience', why: 'prose' },
          '“mesure d’audience”: prose, not a cookie name',
          '« mesure d’audience » : de la prose, pas un nom de cookie',
        ],
        [
          { kind: 'not-a-name', token: '_*', why: 'wildcard-first' },
          '“_*”: a wildcard must follow a fixed prefix',
          '« _* » : un joker doit suivre un préfixe fixe',
        ],
        [
          { kind: 'not-a-name', token: 'aU+D800', why: 'invalid' },
          '“aU+D800”: not a cookie name (invalid characters in it)',
          '« aU+D800 » : pas un nom de cookie (caractères invalides)',
        ],
        [
          { kind: 'not-a-name', token: 'U+200B', why: 'invisible' },
          '“U+200B”: not a cookie name (only invisible characters)',
          '« U+200B » : pas un nom de cookie (que des caractères invisibles)',
        ],
        [
          { kind: 'not-a-name', token: 'a=b', why: 'separators' },
          '“a=b”: not a cookie name (spaces, quotes or separators in it)',
          '« a=b » : pas un nom de cookie (espaces, guillemets ou séparateurs)',
        ],
        [{ kind: 'unknown' }, 'reason not known', 'raison inconnue'],
      ];

      it.each(cases)('words %j in English and in French, its numbers grouped as each writes them', (reason, english, french) => {
        expect(withReason(reason, 'en')).toBe(`Line 5,004: (${english})`);
        cleanup();
        expect(withReason(reason, 'fr')).toBe(`Ligne 5 004 : (${french})`);
      });

      it('marks no reason of this version as English in the French popup', () => {
        const { container } = shownIn('fr', {
          ...live,
          language: 'fr',
          unreadRows: [{ line: 3, text: 'x', reason: { kind: 'empty-cell', field: 'cookie' } }],
        });
        expect(container.querySelectorAll('[data-unread-line] [lang]')).toHaveLength(0);
      });

      it('shows a reason an older version stored as English text as it is, marked English in the French popup', () => {
        const reason = 'truncated: more than 5,000 table rows, the limit; the charter is not read from this line on';
        const { container, text } = shownIn('fr', { ...live, language: 'fr', unreadRows: [{ line: 5004, text: '', reason }] });
        expect(text('[data-unread-line]')).toBe(`Ligne 5 004 : (${reason})`);
        expect([...container.querySelectorAll('[data-unread-line] [lang]')].map((element) => element.getAttribute('lang'))).toEqual(['en']);
      });

      it('shows a token from the page as text, never markup, with its invisible characters as their code', () => {
        const hostile = '<img src=x onerror=alert(1)>';
        const rows = [
          { line: 3, text: '', reason: { kind: 'not-a-name', token: hostile, why: 'separators' } as const },
          {
            line: 4,
            text: '',
            reason: { kind: 'no-name-after', text: `tout cookie commençant par ${hostile}`, prose: 'tout cookie commençant par' } as const,
          },
        ];
        for (const language of ['en', 'fr'] as const) {
          const { container, text } = shownIn(language, { ...live, unreadRows: rows });
          expect(container.querySelector('img')).toBeNull();
          expect(text('[data-unread-line="3"]')).toContain(hostile);
          expect(text('[data-unread-line="4"]')).toContain(hostile);
          cleanup();
        }
        // The parser writes an invisible character as its code (cells.ts): what it stores is what is shown.
        const reading = readNameCell('a\u202Eb c');
        const shown = shownIn('fr', { ...live, unreadRows: reading.problems.map((reason) => ({ line: 3, text: '', reason })) });
        expect(shown.text('[data-unread-line]')).toContain('aU+202Eb');
      });
    });
  });
});

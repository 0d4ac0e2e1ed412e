// @vitest-environment happy-dom
/**
 * The live charter's lines not read: their list is a view of its own, loaded only when a charter has
 * some (rare), so the report's view, loaded for every report, does not hold it. Nothing here
 * preloads the views: the first render is the one a page makes before the list's code is there.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { CharterInfo } from '../../src/views/CharterInfo.tsx';
import type { Report } from '../../src/core/report/report.ts';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

const live: Report['charter'] = {
  kind: 'live',
  portal: 'data.tco.re',
  language: 'fr',
  entries: 4,
  live: { fetchedAt: 0, url: 'https://data.tco.re/terms/cookies-policy/', problem: null },
  changes: null,
  unreadRows: [{ line: 9, text: 'Huwise | sessionid', reason: { kind: 'empty-cell', field: 'cookie' } }],
};

const shownIn = (language: 'en' | 'fr') =>
  render(
    <CharterInfo charter={live} pending={false} refresh={vi.fn(async () => undefined)} t={localeTranslate(language)} language={language} />,
  ).container;

describe('the live charter’s lines not read, a view loaded when there are some', () => {
  it('says their count at once, shows a loading line where the list goes, then the list (English and French)', async () => {
    const en = shownIn('en');
    const fr = shownIn('fr');
    for (const [container, language] of [
      [en, 'en'],
      [fr, 'fr'],
    ] as const) {
      // The count is the report's view's own: there before the list's code.
      expect(container.querySelector('[data-charter-unread]')?.getAttribute('data-charter-unread')).toBe('1');
      expect(container.querySelector('[data-charter-unread] summary')?.textContent).not.toBe('');
      expect(container.querySelector('[data-unread-line]')).toBeNull();
      const status = container.querySelector('[data-charter-unread] [role="status"]');
      expect(status?.querySelector('.spinner')).not.toBeNull();
      // The loading line of every view loaded apart (lazy-view.tsx), in the page's language.
      await waitFor(() => expect(status?.textContent?.trim()).toBe(localeTranslate(language)('loading')));
    }
    await waitFor(() => expect(en.querySelector('[data-unread-line="9"]')).not.toBeNull());
    await waitFor(() => expect(fr.querySelector('[data-unread-line="9"]')).not.toBeNull());
    expect(en.querySelector('[data-unread-line="9"]')?.textContent).toMatch(/^Line 9: Huwise \| sessionid \(.*cookie name.*\)$/);
    expect(fr.querySelector('[data-unread-line="9"]')?.textContent?.replace(/\u202f/g, ' ')).toMatch(/^Ligne 9 : Huwise \| sessionid \(/);
    // The loading line went with the list's arrival.
    expect(en.querySelector('[data-charter-unread] [role="status"]')).toBeNull();
    expect(fr.querySelector('[data-charter-unread] [role="status"]')).toBeNull();
  });

  it('loads no list for a charter without lines not read', () => {
    const container = render(
      <CharterInfo
        charter={{ ...live, unreadRows: [] }}
        pending={false}
        refresh={async () => undefined}
        t={localeTranslate('en')}
        language="en"
      />,
    ).container;
    expect(container.querySelector('[data-charter-unread]')).toBeNull();
    expect(container.querySelector('.spinner')).toBeNull();
  });
});

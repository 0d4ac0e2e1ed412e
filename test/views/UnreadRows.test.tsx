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
  it('says their count at once, nothing where the list goes until it is there (no "Reading recorded cookies…"), then the list (English and French)', async () => {
    const en = shownIn('en');
    const fr = shownIn('fr');
    for (const container of [en, fr]) {
      // The count is the report's view's own: there before the list's code.
      expect(container.querySelector('[data-charter-unread]')?.getAttribute('data-charter-unread')).toBe('1');
      expect(container.querySelector('[data-charter-unread] summary')?.textContent).not.toBe('');
      expect(container.querySelector('[data-unread-line]')).toBeNull();
      // The shared loading line reads "Reading recorded cookies…", not true here: the list's code,
      // asked for as the charter's part renders, is there long before a click opens the details.
      expect(container.querySelector('[data-charter-unread] [role="status"]')).toBeNull();
    }
    await waitFor(() => expect(en.querySelector('[data-unread-line="9"]')).not.toBeNull());
    await waitFor(() => expect(fr.querySelector('[data-unread-line="9"]')).not.toBeNull());
    expect(en.querySelector('[data-unread-line="9"]')?.textContent).toMatch(/^Line 9: Huwise \| sessionid \(.*cookie name.*\)$/);
    expect(fr.querySelector('[data-unread-line="9"]')?.textContent?.replace(/\u202f/g, ' ')).toMatch(/^Ligne 9 : Huwise \| sessionid \(/);
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

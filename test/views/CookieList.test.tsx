// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { render as renderPlainly } from 'preact';
import { localeTranslate } from '../support/locale-translate.ts';
import { CookieList, firstScreenRows, PAGE_SIZE } from '../../src/views/CookieList.tsx';
import { keepUnchangedRows, rowsOf } from '../../src/views/cookie-rows.ts';
import { report, reportCookie } from '../support/reports.ts';
import { firstPageOf } from '../../src/core/report/report-page.ts';
import { FIRST_PAGE } from '../../src/core/message-contract.ts';
import type { Report } from '../../src/core/report/report.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

/** A report with `count` cookies: every tenth one a Matomo statistics cookie. */
function bigReport(count: number) {
  return report(
    Array.from({ length: count }, (_, i) =>
      i % 10 === 0
        ? reportCookie({ name: `_pk_id.${i}`, provider: 'Matomo', purpose: 'Counts visits', category: 'statistics' })
        : reportCookie({ name: `cookie_${String(i).padStart(4, '0')}`, purpose: `Purpose number ${i}` }),
    ),
  );
}

const shownRows = (container: Element) => container.querySelectorAll('[data-cookie]').length;

/** A list of the popup's first page: `total` rows in the whole list, `onWantAll` asking for it (none once it is here). */
function pagedList(rows: ReturnType<typeof rowsOf>, total: number, onWantAll?: () => void) {
  return (
    <CookieList
      rows={rows}
      total={total}
      onWantAll={onWantAll}
      host="data.tco.re"
      focusKey={null}
      onFocused={() => undefined}
      t={t}
      language="en"
    />
  );
}

describe('CookieList', () => {
  it('renders 2,000 cookies a page at a time, and shows more on request', () => {
    const rows = rowsOf(bigReport(2000));
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
    );
    expect(shownRows(container)).toBe(PAGE_SIZE);
    expect(container.textContent).toContain(`shownOf ${PAGE_SIZE} 2,000`);
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    expect(shownRows(container)).toBe(2 * PAGE_SIZE);
  });

  it('writes its counts as the UI language does', () => {
    const rows = rowsOf(bigReport(1234));
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="fr" />,
    );
    expect(container.querySelector('.more')?.textContent).toContain(`shownOf ${PAGE_SIZE} 1\u202f234`);
  });

  it('filters by name, provider or purpose, every word counting', () => {
    const rows = rowsOf(bigReport(2000));
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
    );
    const search = screen.getByRole('searchbox');
    fireEvent.input(search, { target: { value: 'matomo' } });
    expect(shownRows(container)).toBe(PAGE_SIZE); // 200 Matomo rows, first page
    fireEvent.input(search, { target: { value: 'number 1999' } });
    expect([...container.querySelectorAll('[data-cookie]')].map((row) => row.getAttribute('data-cookie'))).toEqual(['cookie_1999']);
    fireEvent.input(search, { target: { value: 'cookie_0001 purpose' } });
    expect(shownRows(container)).toBe(1);
    fireEvent.input(search, { target: { value: 'nothing like this' } });
    expect(container.textContent).toContain('noMatch nothing like this');
  });

  it('says a search found nothing in a status region that was there before, so it is announced', () => {
    const rows = rowsOf(bigReport(30));
    render(<CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />);
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'nothing like this' } });
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toBe('noMatch nothing like this');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'matomo' } });
    expect(region.textContent).toBe('searchMatches 3');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    expect(region.textContent).toBe('');
  });

  it('says in the same status region how many cookies a search matches, in the plural the language needs', () => {
    const rows = rowsOf(bigReport(30));
    const said = (language: 'en' | 'fr', query: string) => {
      render(
        <CookieList
          rows={rows}
          host="data.tco.re"
          focusKey={null}
          onFocused={() => undefined}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } });
      const text = screen.getByRole('status').textContent;
      cleanup();
      return text;
    };
    expect(said('en', 'matomo')).toBe('3 cookies match the filter.');
    expect(said('en', 'number 29')).toBe('1 cookie matches the filter.');
    expect(said('fr', 'matomo')).toBe('3 cookies correspondent au filtre.');
    expect(said('fr', 'number 29')).toBe('1 cookie correspond au filtre.');
  });

  it('leads "Show more" to the first row it adds, on the last page too, where the button goes away', () => {
    for (const count of [3 * PAGE_SIZE, PAGE_SIZE + 10]) {
      const rows = rowsOf(bigReport(count));
      render(<CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />);
      const more = screen.getByRole('button', { name: 'showMore' });
      more.focus();
      fireEvent.click(more);
      expect(document.activeElement?.getAttribute('data-cookie')).toBe(rows[PAGE_SIZE]!.name);
      cleanup();
    }
  });

  it('leads "Show more" to the first row it adds once the whole list is here', () => {
    const rows = rowsOf(bigReport(PAGE_SIZE + 10));
    const list = (shown: typeof rows, onWantAll?: () => void) => pagedList(shown, rows.length, onWantAll);
    let wanted = 0;
    const { rerender } = render(list(rows.slice(0, PAGE_SIZE), () => wanted++));
    const more = screen.getByRole('button', { name: 'showMore' });
    more.focus();
    fireEvent.click(more);
    expect(wanted).toBe(1);
    expect(document.activeElement).toBe(more);
    rerender(list(rows));
    expect(document.activeElement?.getAttribute('data-cookie')).toBe(rows[PAGE_SIZE]!.name);
  });

  it('grows no row while the whole list is on its way, then leads "Show more" to the first row it adds: a charter entry not seen, on the first page but past the next one, never takes the focus to go away with it', () => {
    // 120 seen cookies and one charter entry not seen: the popup's first page holds 50 seen ones and every unseen entry.
    const whole = report(
      Array.from({ length: 120 }, (_, i) => reportCookie({ name: `c${String(i).padStart(3, '0')}` })),
      {
        notSeen: [
          {
            provider: 'Matomo',
            service: null,
            cookie: '_pk_ses',
            match: 'exact',
            purpose: 'Session',
            duration: null,
            category: 'statistics',
          },
        ],
      },
    );
    const firstPage = firstPageOf(whole, FIRST_PAGE)!.report;
    const list = (shown: Report, onWantAll?: () => void) => pagedList(rowsOf(shown), 121, onWantAll);
    let wanted = 0;
    const { container, rerender } = render(list(firstPage, () => wanted++));
    expect(shownRows(container)).toBe(PAGE_SIZE);
    const more = screen.getByRole('button', { name: 'showMore' });
    more.focus();
    fireEvent.click(more);
    expect(wanted).toBe(1);
    // Nothing grows until the whole list is here: the unseen entry shown now would be past the 100 rows shown then.
    expect(shownRows(container)).toBe(PAGE_SIZE);
    expect(document.activeElement).toBe(more);
    rerender(list(whole));
    expect(shownRows(container)).toBe(2 * PAGE_SIZE);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe('c050');
  });

  it('says the whole list is on its way after "Show more" until it is here: the count reads "loading" and the button is busy', () => {
    const rows = rowsOf(bigReport(3 * PAGE_SIZE));
    const list = (shown: typeof rows, onWantAll?: () => void) => pagedList(shown, rows.length, onWantAll);
    const { container, rerender } = render(list(rows.slice(0, PAGE_SIZE), () => undefined));
    const more = screen.getByRole('button', { name: 'showMore' });
    expect(more.getAttribute('aria-busy')).toBeNull();
    expect(container.querySelector('.more .spinner')).toBeNull();
    fireEvent.click(more);
    expect(more.getAttribute('aria-busy')).toBe('true');
    expect(container.querySelector('.more > span')?.textContent).toBe('loading');
    // Said aloud too: the answer to the person's click.
    expect(container.querySelector('[role="status"]')?.textContent).toBe('loading');
    expect(container.querySelector('.more .spinner')).not.toBeNull();
    rerender(list(rows));
    expect(container.querySelector('.more > span')?.textContent).toBe(`shownOf ${2 * PAGE_SIZE} ${3 * PAGE_SIZE}`);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(`shownOf ${2 * PAGE_SIZE} ${3 * PAGE_SIZE}`);
    expect(container.querySelector('.more .spinner')).toBeNull();
    expect(screen.getByRole('button', { name: 'showMore' }).getAttribute('aria-busy')).toBeNull();
  });

  it('grows at once when the first page already holds every row (a first page made for the timeline), asking for the whole list all the same', () => {
    const rows = rowsOf(bigReport(PAGE_SIZE + 5));
    let wanted = 0;
    const { container } = render(pagedList(rows, rows.length, () => wanted++));
    const more = screen.getByRole('button', { name: 'showMore' });
    more.focus();
    fireEvent.click(more);
    expect([shownRows(container), wanted]).toEqual([PAGE_SIZE + 5, 1]);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe(rows[PAGE_SIZE]!.name);
  });

  it('keeps the focus in the list when the whole list adds no row ("Show more" goes away under it)', () => {
    const whole = rowsOf(bigReport(PAGE_SIZE));
    // The first page counted one cookie more: removed before the whole list came.
    const list = (shown: typeof whole, onWantAll?: () => void) => pagedList(shown, PAGE_SIZE + 1, onWantAll);
    const { rerender } = render(list(whole, () => undefined));
    const more = screen.getByRole('button', { name: 'showMore' });
    more.focus();
    fireEvent.click(more);
    rerender(list(whole));
    expect(screen.queryByRole('button', { name: 'showMore' })).toBeNull();
    expect(document.activeElement?.getAttribute('data-cookie')).toBe(whole.at(-1)!.name);
  });

  it('keeps each row’s item for a new report: a row that changed is written again in its place, keeping the focus; one that did not is left as it was', () => {
    const list = (rows: ReturnType<typeof rowsOf>) => (
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />
    );
    const rows = rowsOf(bigReport(12));
    const { container, rerender } = render(list(rows));
    const item = (name: string) => container.querySelector<HTMLElement>(`[data-cookie="${name}"]`)!;
    const focusedItem = item('cookie_0005');
    const unchangedItem = item('cookie_0007');
    const unchangedContent = unchangedItem.firstElementChild;
    focusedItem.focus();
    // A new report (the DevTools panel gets one at every write): cookie_0003 gone, cookie_0005's purpose changed, the rest alike.
    const changed = bigReport(12);
    changed.cookies = changed.cookies.filter(({ name }) => name !== 'cookie_0003');
    changed.cookies.find(({ name }) => name === 'cookie_0005')!.purpose = 'Changed purpose';
    rerender(list(keepUnchangedRows(rowsOf(changed), rows)));
    expect(item('cookie_0003')).toBeNull();
    expect(item('cookie_0005')).toBe(focusedItem);
    expect(focusedItem.textContent).toContain('Changed purpose');
    expect(document.activeElement).toBe(focusedItem);
    expect(item('cookie_0007')).toBe(unchangedItem);
    expect(unchangedItem.firstElementChild).toBe(unchangedContent);
    expect([...container.querySelectorAll('[data-cookie]')].map((row) => row.getAttribute('data-cookie'))).toEqual(
      rowsOf(changed).map((row) => row.name),
    );
  });

  it('groups rows under their category, necessary first', () => {
    const rows = rowsOf(bigReport(30));
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
    );
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['category_necessary', 'category_statistics']);
    // Not a landmark each: a section with a name is a region.
    expect(container.querySelectorAll('section, [role="region"]')).toHaveLength(0);
  });

  it('pages far enough to show and focus the row a finding points at', () => {
    const rows = rowsOf(bigReport(2000));
    const target = rows[1500]!;
    let focused = false;
    render(<CookieList rows={rows} host="data.tco.re" focusKey={target.key} onFocused={() => (focused = true)} t={t} language="en" />);
    expect(document.activeElement?.getAttribute('data-cookie')).toBe(target.name);
    expect(focused).toBe(true);
  });

  it('gives each row an id of its own, found by getElementById and by a selector, whatever its name', () => {
    const names = [':x', 'x', 'a b', '"quoted"', "it's", 'back\\slash', '<b>bold</b>', '#x.y[z]', 'z'.repeat(5000)];
    const rows = rowsOf(report([...names.map((name) => reportCookie({ name, path: name === ':x' ? '/a' : '/a:' }))]));
    for (const row of rows) {
      const { container, unmount } = render(
        <CookieList rows={rows} host="data.tco.re" focusKey={row.key} onFocused={() => undefined} t={t} language="en" />,
      );
      const ids = [...container.querySelectorAll('li[id]')].map((li) => li.id);
      expect(new Set(ids).size).toBe(rows.length);
      for (const id of ids) expect(id).not.toMatch(/\s/);
      expect(document.activeElement?.getAttribute('data-cookie')).toBe(row.name);
      expect(document.getElementById(`row-${row.key}`)?.getAttribute('data-cookie')).toBe(row.name);
      expect(container.querySelector(`#${CSS.escape(`row-${row.key}`)}`)?.getAttribute('data-cookie')).toBe(row.name);
      unmount();
    }
  });

  it('says when nothing is recorded yet', () => {
    render(<CookieList rows={[]} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />);
    expect(screen.getByText('noCookies data.tco.re')).toBeTruthy();
  });

  it('says so too when only the charter’s entries, never seen, are listed', () => {
    const entry = {
      provider: 'Opendatasoft',
      service: null,
      match: 'exact',
      purpose: 'Session',
      duration: null,
      category: 'necessary',
    } as const;
    const rows = rowsOf(
      report([], {
        notSeen: [
          { ...entry, cookie: 'sessionid' },
          { ...entry, cookie: 'csrftoken' },
        ],
      }),
    );
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
    );
    expect(screen.getByText('noCookies data.tco.re')).toBeTruthy();
    expect(shownRows(container)).toBe(2);
  });

  it('does not once a cookie was seen', () => {
    const rows = rowsOf(bigReport(3));
    const { container } = render(
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
    );
    expect(container.textContent).not.toContain('noCookies');
  });

  describe('a screen of rows first, the rest of the page once it is painted', () => {
    /** The frame after the list's first, painted: what the list waits for, then a task after it. */
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const written = (container: Element) => [...container.querySelectorAll('[data-cookie]')].map((row) => row.childElementCount > 0);
    const list = (rows: ReturnType<typeof rowsOf>) => (
      <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />
    );

    it('tells a window’s rows from its height, a toolbar popup’s full 600 px at least', () => {
      expect(firstScreenRows(0)).toBe(10);
      expect(firstScreenRows(600)).toBe(10);
      expect(firstScreenRows(1000)).toBe(17);
    });

    it('writes the first screen of rows before the paint, every row of the page named, the others after it', async () => {
      const { container } = render(list(rowsOf(bigReport(2000))));
      const eager = firstScreenRows(window.innerHeight);
      expect(eager).toBeLessThan(PAGE_SIZE);
      // Every row of the page is there and named (findings lead to them, the count is right)…
      expect(shownRows(container)).toBe(PAGE_SIZE);
      expect(container.querySelectorAll('[aria-label]').length).toBeGreaterThanOrEqual(PAGE_SIZE);
      // …the first screen written, the rest empty until the paint.
      expect(written(container)).toEqual(Array.from({ length: PAGE_SIZE }, (_, i) => i < eager));
      await painted();
      expect(written(container).every(Boolean)).toBe(true);
      expect(container.querySelector('[data-cookie="cookie_0049"]')?.textContent).toContain('Purpose number 49');
    });

    it('writes them on a page that is not shown, which has no frames, after a moment', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      // No frame comes: only the timer.
      vi.stubGlobal('requestAnimationFrame', () => 0);
      try {
        const { container } = render(list(rowsOf(bigReport(100))));
        vi.advanceTimersByTime(99);
        expect(written(container).every(Boolean)).toBe(false);
        vi.advanceTimersByTime(1);
        expect(written(container).every(Boolean)).toBe(true);
      } finally {
        vi.unstubAllGlobals();
        vi.useRealTimers();
      }
    });

    it('writes every other row when one fails, and throws its error', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vi.stubGlobal('requestAnimationFrame', () => 0);
      // A row whose words cannot be made: its page is passed to `t`, which throws on it.
      const failing: typeof t = (key, ...values) => {
        if (values.includes('/broken')) throw new Error('no words for this row');
        return t(key, ...values);
      };
      const cookies = Array.from({ length: 40 }, (_, i) =>
        reportCookie({ name: `cookie_${String(i).padStart(4, '0')}`, firstPage: i === 30 ? '/broken' : '/' }),
      );
      try {
        const { container } = render(
          <CookieList
            rows={rowsOf(report(cookies))}
            host="data.tco.re"
            focusKey={null}
            onFocused={() => undefined}
            t={failing}
            language="en"
          />,
        );
        expect(() => vi.advanceTimersByTime(100)).toThrow('no words for this row');
        expect(written(container)).toEqual(Array.from({ length: 40 }, (_, i) => i !== 30));
      } finally {
        vi.unstubAllGlobals();
        vi.useRealTimers();
      }
    });

    it('writes at once the rows it shows after its first paint: a page more, a search', () => {
      const { container } = render(list(rowsOf(bigReport(2000))));
      fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
      expect(written(container).slice(PAGE_SIZE)).toEqual(Array.from({ length: PAGE_SIZE }, () => true));
      fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'number 1999' } });
      expect(written(container)).toEqual([true]);
    });

    it('writes every row at once when it opens on a finding’s row: focused and scrolled to, the rows above it already their height', async () => {
      // Preact's own render: testing-library's act() runs effects at once, where a page runs them
      // after the frame, in a task queued before the list's (the order that left the row empty).
      const rows = rowsOf(bigReport(60));
      const wanted = rows[30]!;
      const container = document.body.appendChild(document.createElement('div'));
      // Once shown and closed first, as a page's list is before a finding leads back to it.
      renderPlainly(
        <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />,
        container,
      );
      renderPlainly(null, container);
      // Its frame painted, and what it left to run after it (its writes, Preact's effects) done.
      await painted();
      const focused = new Promise<Element[]>((resolve) => {
        const onFocused = () => resolve([...container.querySelectorAll('[data-cookie]')].filter((row) => row.childElementCount === 0));
        renderPlainly(
          <CookieList rows={rows} host="data.tco.re" focusKey={wanted.key} onFocused={onFocused} t={t} language="en" />,
          container,
        );
      });
      expect(await focused).toEqual([]);
      expect(document.activeElement?.getAttribute('data-cookie')).toBe(wanted.name);
      renderPlainly(null, container);
      container.remove();
    });

    it('never writes a row over with what it showed before: a row written again before the paint keeps its new words', async () => {
      const { container, rerender } = render(list(rowsOf(bigReport(60))));
      const last = () => container.querySelector('[data-cookie="cookie_0049"]')!;
      expect(last().childElementCount).toBe(0);
      // The same cookies, their purposes changed (a report pushed since), before the first paint.
      const changed = report(
        Array.from({ length: 60 }, (_, i) =>
          i % 10 === 0
            ? reportCookie({ name: `_pk_id.${i}`, provider: 'Matomo', purpose: 'Counts visits', category: 'statistics' })
            : reportCookie({ name: `cookie_${String(i).padStart(4, '0')}`, purpose: `Changed purpose ${i}` }),
        ),
      );
      rerender(list(rowsOf(changed)));
      expect(last().textContent).toContain('Changed purpose 49');
      await painted();
      expect(last().textContent).toContain('Changed purpose 49');
      expect(last().textContent).not.toContain('Purpose number 49');
    });
  });
});

describe('CookieList: what its count says aloud', () => {
  /** The text of every live region of the list, in order. */
  const liveTexts = (container: Element) =>
    [...container.querySelectorAll('[aria-live], [role="status"]')].map((region) => region.textContent);
  const list = (rows: ReturnType<typeof rowsOf>) => (
    <CookieList rows={rows} host="data.tco.re" focusKey={null} onFocused={() => undefined} t={t} language="en" />
  );

  it('says the count as the answer to Show more, never as a refresh of the report changes it', () => {
    const { container, rerender } = render(list(rowsOf(bigReport(PAGE_SIZE + 10))));
    const before = liveTexts(container);
    expect(before.join('')).not.toContain('shownOf');
    // Storage changes: the report is read again, a cookie more each time; the count shown follows, unsaid.
    rerender(list(rowsOf(bigReport(PAGE_SIZE + 11))));
    rerender(list(rowsOf(bigReport(PAGE_SIZE + 12))));
    expect(container.querySelector('.more')!.textContent).toContain(`shownOf ${PAGE_SIZE} ${PAGE_SIZE + 12}`);
    expect(liveTexts(container)).toEqual(before);
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    expect(liveTexts(container).join('')).toContain(`shownOf ${PAGE_SIZE + 12} ${PAGE_SIZE + 12}`);
    // Read again after the answer: what was said goes, the new count is not said.
    rerender(list(rowsOf(bigReport(PAGE_SIZE + 13))));
    expect(liveTexts(container).join('')).not.toContain('shownOf');
  });

  it('does not say an earlier count again once a search is cleared', () => {
    const rows = rowsOf(bigReport(3 * PAGE_SIZE));
    const { container } = render(list(rows));
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    expect(liveTexts(container).join('')).toContain(`shownOf ${2 * PAGE_SIZE} ${3 * PAGE_SIZE}`);
    const search = container.querySelector('input[type="search"]')!;
    fireEvent.input(search, { target: { value: 'cookie' } });
    fireEvent.input(search, { target: { value: '' } });
    expect(container.querySelector('.more')!.textContent).toContain(`shownOf ${PAGE_SIZE} ${3 * PAGE_SIZE}`);
    expect(liveTexts(container).join('')).not.toContain('shownOf');
  });

  it('says the count at a Show more within a search’s results too, and not again once the search changes', () => {
    const { container } = render(list(rowsOf(bigReport(3 * PAGE_SIZE))));
    const search = container.querySelector('input[type="search"]')!;
    // "Purpose number …": every cookie but the Matomo ones (one in ten).
    const matches = 3 * PAGE_SIZE - (3 * PAGE_SIZE) / 10;
    fireEvent.input(search, { target: { value: 'number' } });
    expect(liveTexts(container).join('')).toBe(`searchMatches ${matches}`);
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    expect(container.querySelectorAll('[data-cookie]')).toHaveLength(2 * PAGE_SIZE);
    expect(liveTexts(container).join('')).toContain(`shownOf ${2 * PAGE_SIZE} ${matches}`);
    fireEvent.input(search, { target: { value: 'numbe' } });
    expect(liveTexts(container).join('')).not.toContain('shownOf');
  });

  it('says the count a page more brings once the whole list is here, and not again at a refresh', () => {
    const whole = rowsOf(bigReport(3 * PAGE_SIZE));
    const { container, rerender } = render(pagedList(whole.slice(0, PAGE_SIZE), whole.length, () => undefined));
    fireEvent.click(screen.getByRole('button', { name: 'showMore' }));
    expect(liveTexts(container).join('')).toContain('loading');
    rerender(pagedList(whole, whole.length));
    expect(liveTexts(container).join('')).toContain(`shownOf ${2 * PAGE_SIZE} ${3 * PAGE_SIZE}`);
    rerender(pagedList(rowsOf(bigReport(3 * PAGE_SIZE + 1)), 3 * PAGE_SIZE + 1));
    expect(liveTexts(container).join('')).not.toContain('shownOf');
    expect(container.querySelector('.more')!.textContent).toContain(`shownOf ${2 * PAGE_SIZE} ${3 * PAGE_SIZE + 1}`);
  });
});

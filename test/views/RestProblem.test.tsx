// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { report, reportCookie } from '../support/reports.ts';
import { renderApp } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';
import { CookieList } from '../../src/views/CookieList.tsx';
import { rowsOf } from '../../src/views/cookie-rows.ts';
import { firstPageOf, type ReportFirst } from '../../src/core/report/report-page.ts';
import { FIRST_PAGE, NoAnswer, type SiteView } from '../../src/core/message-contract.ts';

afterEach(cleanup);
beforeAll(preloadViews);

const shownRows = (container: Element) => container.querySelectorAll('[data-cookie]').length;

/**
 * The popup's first page of a 120-cookie report; the whole report is not answered (the worker
 * stopped) until `answerWhole` is set, once `wholeHeld` is. `asks` counts the requests for the whole
 * report, `firstAsks` those for its first page.
 */
function pagedReport(layout: 'narrow' | 'wide' = 'narrow') {
  const whole = report(Array.from({ length: 120 }, (_, i) => reportCookie({ name: `c${String(i).padStart(3, '0')}` })));
  const state = {
    asks: 0,
    firstAsks: 0,
    answerWhole: false,
    failFirst: false,
    wholeHeld: Promise.resolve(),
    storageChanged: (_keys: string[]) => undefined as void,
  };
  const loadSite = async (_query: unknown, first?: ReportFirst): Promise<SiteView> => {
    if (!first) {
      state.asks++;
      await state.wholeHeld;
      if (!state.answerWhole) throw new NoAnswer('getReport', 15);
      return { kind: 'report', report: whole, charterPending: false };
    }
    state.firstAsks++;
    if (state.failFirst) throw new NoAnswer('getReport', 15);
    const page = firstPageOf(whole, first)!;
    return { kind: 'report', report: page.report, charterPending: false, partial: page.totals };
  };
  const rendered = renderApp({
    loadSite,
    layout,
    onStateChanged: (heard) => {
      state.storageChanged = heard;
      return () => undefined;
    },
  });
  return { ...rendered, state };
}

const restProblem = (container: Element) => container.querySelector<HTMLElement>('[data-problem="rest"]');

describe('the rest of a partial report not answered', () => {
  it('Show more stops saying "loading" and offers a Retry beside it, which asks again and leads to the rows added', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    const more = container.querySelector<HTMLButtonElement>('.cookie-list .more button')!;
    more.focus();
    fireEvent.click(more);
    await waitFor(() => expect(restProblem(container)).not.toBeNull());
    expect(state.asks).toBe(1);
    const line = container.querySelector('.cookie-list .more')!;
    expect(line.querySelector('button')!.getAttribute('aria-busy')).toBeNull();
    expect(line.textContent).not.toContain('loading');
    expect(line.querySelector('.spinner')).toBeNull();
    expect(container.querySelector('.cookie-list [role="status"]')!.textContent).not.toContain('loading');
    expect(line.textContent).toContain(`shownOf ${FIRST_PAGE.cookies} 120`);
    const problem = restProblem(container)!;
    expect(problem.textContent).toContain('restUnread');
    const retry = problem.querySelector('button')!;
    expect(retry.textContent).toBe('retry');

    // Retried: said to be read again while it asks (the Retry, focused, stays), then the page more, the focus on its first row.
    state.answerWhole = true;
    retry.focus();
    fireEvent.click(retry);
    expect(container.querySelector('.cookie-list .more button')!.getAttribute('aria-busy')).toBe('true');
    expect(document.activeElement).toBe(retry);
    await waitFor(() => expect(shownRows(container)).toBe(2 * FIRST_PAGE.cookies));
    expect(state.asks).toBe(2);
    expect(restProblem(container)).toBeNull();
    const firstAdded = container.querySelectorAll('[data-cookie]')[FIRST_PAGE.cookies]!;
    expect(firstAdded.getAttribute('data-cookie')).toBe(`c0${FIRST_PAGE.cookies}`);
    await waitFor(() => expect(document.activeElement).toBe(firstAdded.closest('[id^="row-"]')));
  });

  it('a Retry that fails again keeps the focus, and its problem is said again', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    fireEvent.click(container.querySelector('.cookie-list .more button')!);
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    const retry = restProblem(container)!.querySelector('button')!;
    retry.focus();
    fireEvent.click(retry);
    expect(restProblem(container)!.textContent).not.toContain('restUnread');
    await waitFor(() => expect(state.asks).toBe(2));
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    expect(document.activeElement).toBe(restProblem(container)!.querySelector('button'));
    expect(container.querySelector('.cookie-list .more')!.textContent).not.toContain('loading');
  });

  it('Show more pressed again after the failure asks again, said as being read', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    fireEvent.click(container.querySelector('.cookie-list .more button')!);
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    fireEvent.click(container.querySelector('.cookie-list .more button')!);
    expect(container.querySelector('.cookie-list .more')!.textContent).toContain('loading');
    await waitFor(() => expect(state.asks).toBe(2));
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
  });

  it('a search stops saying "loading" and offers a Retry; once read, the search box has the focus', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    const search = container.querySelector<HTMLInputElement>('input[type="search"]')!;
    fireEvent.input(search, { target: { value: 'c11' } });
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    expect(container.querySelector('.cookie-list [role="status"]')!.textContent).not.toContain('loading');
    // The first page's matches are not the search's answer: no count of them is said.
    expect(container.querySelector('.cookie-list [role="status"]')!.textContent).not.toContain('searchMatches');
    state.answerWhole = true;
    const retry = restProblem(container)!.querySelector('button')!;
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(container.querySelector('.cookie-list [role="status"]')!.textContent).toContain('searchMatches 10'));
    expect(restProblem(container)).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  it('the Timeline tab stops saying "loading" and offers a Retry; once read, the title has the focus', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    fireEvent.click(container.querySelector('#tab-timeline')!);
    await waitFor(() => expect(state.asks).toBe(1));
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    await act(() => new Promise((done) => setTimeout(done, 30)));
    // Not asked again by itself: only the Retry asks.
    expect(state.asks).toBe(1);
    const panel = container.querySelector('[role="tabpanel"]')!;
    expect(panel.textContent).not.toContain('loading');
    state.answerWhole = true;
    const retry = restProblem(container)!.querySelector('button')!;
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(container.querySelector('[role="tabpanel"]')!.textContent).toContain('timelineEmpty'));
    expect(restProblem(container)).toBeNull();
    expect(document.activeElement).toBe(container.querySelector('h1'));
  });
  it('in two columns, the timeline column says it once and does not ask again by itself', async () => {
    const { container, state } = pagedReport('wide');
    await waitFor(() => expect(restProblem(container.querySelector('.timeline-column')!)?.textContent).toContain('restUnread'));
    await act(() => new Promise((done) => setTimeout(done, 50)));
    expect(state.asks).toBe(1);
    expect(container.querySelector('.timeline-column')!.textContent).not.toContain('loading');
    state.answerWhole = true;
    const retry = restProblem(container)!.querySelector('button')!;
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(container.querySelector('.timeline-column')!.textContent).toContain('timelineEmpty'));
    expect(document.activeElement).toBe(container.querySelector('#timeline-title'));
  });

  it('a search after a refresh failed (the rest never asked for) asks for the rest, and shows what it found', async () => {
    const { container, state } = pagedReport();
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    state.failFirst = true;
    await act(async () => state.storageChanged(['site:0|data.tco.re']));
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('refreshError'));
    state.failFirst = false;
    state.answerWhole = true;
    fireEvent.input(container.querySelector('input[type="search"]')!, { target: { value: 'c11' } });
    await waitFor(() => expect(container.querySelector('.cookie-list [role="status"]')!.textContent).toContain('searchMatches 10'));
    expect(state.asks).toBe(1);
  });

  it('a panel resized with the focus on the timeline tab’s Retry gives it to the timeline column’s heading, not the page’s title', async () => {
    const { container, relayout } = pagedReport('narrow');
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    fireEvent.click(container.querySelector('#tab-timeline')!);
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    restProblem(container)!.querySelector('button')!.focus();
    relayout('wide');
    await act(() => new Promise((done) => setTimeout(done, 30)));
    expect(document.activeElement).toBe(container.querySelector('#timeline-title'));
  });

  it('a panel resized with the focus on the timeline column’s Retry gives it to the Timeline tab, chosen', async () => {
    const { container, relayout } = pagedReport('wide');
    const column = () => container.querySelector('.timeline-column')!;
    await waitFor(() => expect(restProblem(column())?.textContent).toContain('restUnread'));
    restProblem(column())!.querySelector('button')!.focus();
    relayout('narrow');
    await act(() => new Promise((done) => setTimeout(done, 30)));
    expect(document.activeElement).toBe(container.querySelector('#tab-timeline'));
    expect(container.querySelector('#tab-timeline')!.getAttribute('aria-selected')).toBe('true');
  });

  /** The popup on a partial report whose refresh of the first page (a storage change) failed: the rest never asked for. */
  async function firstPageRefreshFailed() {
    const shown = pagedReport();
    const { container, state } = shown;
    await waitFor(() => expect(shownRows(container)).toBe(FIRST_PAGE.cookies));
    state.failFirst = true;
    await act(async () => state.storageChanged(['site:0|data.tco.re']));
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('refreshError'));
    state.failFirst = false;
    return shown;
  }

  it('the Timeline tab after a refresh of the first page failed says "loading" while the rest is asked for, and the problem only if that fails', async () => {
    const { container, state } = await firstPageRefreshFailed();
    let answer!: () => void;
    state.wholeHeld = new Promise((done) => (answer = done));
    fireEvent.click(container.querySelector('#tab-timeline')!);
    const panel = () => container.querySelector('[role="tabpanel"]')!;
    await waitFor(() => expect(panel().textContent).toContain('loading'));
    await waitFor(() => expect(state.asks).toBe(1));
    expect(restProblem(container)).toBeNull();
    // The request for the whole report is not answered: now the rest could not be read.
    answer();
    await waitFor(() => expect(restProblem(container)?.textContent).toContain('restUnread'));
    expect(panel().textContent).not.toContain('loading');
    await act(() => new Promise((done) => setTimeout(done, 30)));
    expect(state.asks).toBe(1);
  });

  it('Show more after a refresh of the first page failed asks once, for the whole report', async () => {
    const { container, state } = await firstPageRefreshFailed();
    state.answerWhole = true;
    const firstAsks = state.firstAsks;
    fireEvent.click(container.querySelector('.cookie-list .more button')!);
    await waitFor(() => expect(shownRows(container)).toBe(2 * FIRST_PAGE.cookies));
    await act(() => new Promise((done) => setTimeout(done, 30)));
    expect(state.firstAsks - firstAsks).toBe(0);
    expect(state.asks).toBe(1);
  });

  it.each([
    ['en', 'The rest of the report could not be read: only its first page is shown', 'Try again'],
    ['fr', 'La suite du rapport n’a pas pu être lue\u202f: seule sa première page est affichée', 'Réessayer'],
  ] as const)('says it in %s, its Retry reached by keyboard', (language, words, retryWords) => {
    const rows = rowsOf(report(Array.from({ length: 120 }, (_, i) => reportCookie({ name: `c${String(i).padStart(3, '0')}` }))));
    const list = (problem?: string) => (
      <CookieList
        rows={rows.slice(0, FIRST_PAGE.cookies)}
        total={rows.length}
        onWantAll={() => undefined}
        problem={problem}
        host="data.tco.re"
        focusKey={null}
        onFocused={() => undefined}
        t={localeTranslate(language)}
        language={language}
      />
    );
    const { container, rerender } = render(list());
    fireEvent.click(container.querySelector('.more button')!);
    rerender(list('No answer'));
    expect(restProblem(container)!.textContent).toContain(words);
    const retry = screen.getByRole('button', { name: retryWords });
    expect(restProblem(container)!.contains(retry)).toBe(true);
    expect(retry.tabIndex).toBe(0);
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import {
  LIVE_MESSAGE_TYPE,
  NoAnswer,
  signatureOf,
  type LiveMessage,
  type SiteQuery,
  type SiteView,
} from '../../src/core/message-contract.ts';
import type { TimelineEvent } from '../../src/core/cookies/site-record.ts';
import type { NetworkLog } from '../../src/core/network/network-log.ts';
import { networkAttribution } from '../../src/core/network/set-by.ts';
import { SiteNotFound } from '../../src/views/site-not-found.ts';
import { FIRST_PAGE } from '../../src/core/message-contract.ts';
import { firstPageOf, type ReportFirst } from '../../src/core/report/report-page.ts';
import { finding, portalView, report, reportCookie } from '../support/reports.ts';
import { renderApp } from '../support/render-app.tsx';
import { REPORT_TIME_LIMIT_MS } from '../../src/views/App.tsx';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const state = (container: Element) => container.querySelector('main')!.getAttribute('data-state');
/** The page's own status line, always there: loading, then what came of a retry or a grant. */
const pageStatus = (container: Element) => container.querySelector('main > [role="status"]')!;
const title = () => screen.getByRole('heading', { level: 1 });
const rowNames = (container: Element) => [...container.querySelectorAll('[data-cookie]')].map((row) => row.getAttribute('data-cookie'));

describe('popup App', () => {
  // The views a page loads on demand, loaded as a page has them once the report is there.
  beforeAll(preloadViews);

  it('shows loading, never "no cookies", until the worker answers', async () => {
    const answer = deferred<SiteView>();
    const { container } = renderApp({ loadSite: () => answer.promise });
    expect(state(container)).toBe('loading');
    expect(container.textContent).toContain('loading');
    expect(container.textContent).not.toContain('noCookies');
    answer.resolve(portalView(['sessionid', 'csrftoken']));
    await waitFor(() => expect(state(container)).toBe('ready'));
    expect(rowNames(container)).toEqual(['sessionid', 'csrftoken']);
  });

  it('shows the report, not its error, when a stored time cannot be read (a save failed at NaN, a charter read at NaN)', async () => {
    const odd = report([reportCookie({ name: 'sessionid' })], {
      storage: { sitesDropped: 0, lastDropAt: null, cookiesDropped: 0, unsavedSince: Number.NaN },
      charter: {
        kind: 'live',
        portal: 'data.tco.re',
        language: 'fr',
        entries: 1,
        live: { fetchedAt: Number.NaN, url: 'https://data.tco.re/p/', problem: null },
        changes: null,
      },
    });
    const { container } = renderApp({ loadSite: async () => ({ kind: 'report', report: odd, charterPending: false }) });
    await waitFor(() => expect(state(container)).toBe('ready'));
    expect(rowNames(container)).toEqual(['sessionid']);
    expect(container.textContent).toContain('storageUnsaved timeUnknown');
  });

  it('says when the tab shows no site', async () => {
    const { container } = renderApp({ findSite: async () => null });
    await waitFor(() => expect(container.textContent).toContain('noSite'));
  });

  it('offers access to a site it cannot see, and loads it once granted', async () => {
    let granted = false;
    const requestAccess = vi.fn(async () => (granted = true));
    const { container } = renderApp({
      findSite: async () => ({ host: 'example.org' }),
      loadSite: async () => (granted ? portalView(['visitor']) : { kind: 'no-access', host: 'example.org', portal: false }),
      requestAccess,
    });
    const grant = await screen.findByRole('button', { name: 'grantSite example.org' });
    expect(container.textContent).toContain('noAccessSite example.org');
    fireEvent.click(grant);
    await waitFor(() => expect(rowNames(container)).toEqual(['visitor']));
    expect(requestAccess).toHaveBeenCalledWith(['*://example.org/*']);
  });

  it('takes the focus to the title once access is granted (the prompt and its button are gone), and says so', async () => {
    let granted = false;
    const { container } = renderApp({
      findSite: async () => ({ host: 'example.org' }),
      loadSite: async () => (granted ? portalView(['visitor']) : { kind: 'no-access', host: 'example.org', portal: false }),
      requestAccess: async () => (granted = true),
    });
    const grant = await screen.findByRole('button', { name: 'grantSite example.org' });
    // The status line was there before: only its text changes.
    const status = pageStatus(container);
    grant.focus();
    fireEvent.click(grant);
    await waitFor(() => expect(rowNames(container)).toEqual(['visitor']));
    await waitFor(() => expect(document.activeElement).toBe(title()));
    expect(pageStatus(container)).toBe(status);
    expect(status.textContent).toBe('accessGranted');
  });

  it('takes the focus to the title once the DevTools panel is enabled (its button goes)', async () => {
    renderApp({ loadSite: async () => portalView(['sessionid']), devtoolsPanel: { request: async () => true } });
    const enable = await screen.findByRole('button', { name: 'enableDevtools' });
    enable.focus();
    fireEvent.click(enable);
    await waitFor(() => expect(document.activeElement).toBe(title()));
  });

  it('asks for the portals’ access when the browser did not grant it at install', async () => {
    const requestAccess = vi.fn(async () => false);
    renderApp({ loadSite: async () => ({ kind: 'no-access', host: 'data.tco.re', portal: true }), requestAccess });
    fireEvent.click(await screen.findByRole('button', { name: 'grantPortals' }));
    await screen.findByText('grantRefused');
    expect(requestAccess).toHaveBeenCalledWith(['*://*.opendatasoft.com/*']);
  });

  it('offers the cookies of embedded content under a report, and reads the report again once granted', async () => {
    let granted = false;
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => (loads++, portalView(['sessionid'])),
      embeddedAccess: { has: async () => granted, request: async () => (granted = true) },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'embeddedGrant' }));
    await waitFor(() => expect(container.querySelector('[data-embedded-access]')).toBeNull());
    expect(loads).toBe(2);
  });

  it('takes the focus to the title once embedded content is granted (the offer is gone), and says so', async () => {
    let granted = false;
    const { container } = renderApp({
      loadSite: async () => portalView(['sessionid']),
      embeddedAccess: { has: async () => granted, request: async () => (granted = true) },
    });
    const grant = await screen.findByRole('button', { name: 'embeddedGrant' });
    const status = pageStatus(container);
    grant.focus();
    fireEvent.click(grant);
    await waitFor(() => expect(status.textContent).toBe('embeddedGranted'));
    expect(document.activeElement).toBe(title());
    expect(pageStatus(container)).toBe(status);
  });

  it('does not offer it where the extension cannot see the site at all', async () => {
    const { container } = renderApp({
      loadSite: async () => ({ kind: 'no-access', host: 'data.tco.re', portal: true }),
      embeddedAccess: { has: async () => false, request: async () => false },
    });
    await screen.findByRole('button', { name: 'grantPortals' });
    expect(container.querySelector('[data-embedded-access]')).toBeNull();
  });

  it('shows a load error with a working retry', async () => {
    let calls = 0;
    const { container } = renderApp({
      loadSite: async () => {
        calls++;
        if (calls === 1) throw new Error('Storage is full');
        return portalView(['sessionid']);
      },
    });
    const retry = await screen.findByRole('button', { name: 'retry' });
    // The worker's text is the detail of a sentence in the UI language.
    expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe('loadError Storage is full');
    fireEvent.click(retry);
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
  });

  it('shows loading while a retry asks again: a retry that fails again is no dead click', async () => {
    const answers = [deferred<SiteView>(), deferred<SiteView>()];
    let call = 0;
    const { container } = renderApp({
      loadSite: async () => {
        if (call++ === 0) throw new Error('Storage is full');
        return answers[call - 2]!.promise;
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'retry' }));
    expect(state(container)).toBe('loading');
    expect(screen.queryByRole('alert')).toBeNull();
    answers[0]!.resolve(portalView(['sessionid']));
    await waitFor(() => expect(state(container)).toBe('ready'));
  });

  it('takes the focus to the title when a retry works (Retry is gone), and says the report was read', async () => {
    let calls = 0;
    const { container } = renderApp({
      loadSite: async () => {
        if (calls++ === 0) throw new Error('Storage is full');
        return portalView(['sessionid']);
      },
    });
    const retry = await screen.findByRole('button', { name: 'retry' });
    const status = pageStatus(container);
    retry.focus();
    fireEvent.click(retry);
    // While it asks, the same line says so, visibly.
    expect(pageStatus(container)).toBe(status);
    expect(status.textContent).toContain('loading');
    expect(status.className).toBe('status');
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    await waitFor(() => expect(document.activeElement).toBe(title()));
    expect(pageStatus(container)).toBe(status);
    expect(status.textContent).toBe('loaded');
    expect(status.className).toBe('visually-hidden');
  });

  it('says nothing was read when a retry that works finds no access to the site: the prompt says why', async () => {
    let calls = 0;
    const { container } = renderApp({
      loadSite: async () => {
        if (calls++ === 0) throw new Error('Storage is full');
        return { kind: 'no-access', host: 'example.org', portal: false };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'retry' }));
    await waitFor(() => expect(document.activeElement).toBe(title()));
    expect(container.querySelector('[data-access]')).not.toBeNull();
    expect(pageStatus(container).textContent).toBe('');
  });

  it('moves no focus and says nothing when the report comes without being asked for again', async () => {
    const { container } = renderApp({ loadSite: async () => portalView(['sessionid']) });
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    expect(document.activeElement).toBe(document.body);
    expect(pageStatus(container).textContent).toBe('');
  });

  it('brings the focus back to Retry when a retry fails again', async () => {
    renderApp({ loadSite: () => Promise.reject(new Error('Storage is full')) });
    const first = await screen.findByRole('button', { name: 'retry' });
    expect(document.activeElement).not.toBe(first);
    fireEvent.click(first);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'retry' })));
  });

  it('brings the focus back to Retry once, not again at every later render of the page', async () => {
    let push: (message: LiveMessage) => void = () => undefined;
    renderApp({
      loadSite: () => Promise.reject(new Error('Storage is full')),
      onLive: (listener) => ((push = listener), () => undefined),
      network: { tabId: 4, load: async () => ({ tabId: 4, openedAt: 0, responses: [] }), attribution: networkAttribution },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'retry' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'retry' })));
    // The person moves on; the DevTools panel then hears a response, and the page renders again
    // (the change heard is counted, for the report's view to read the log again).
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();
    const retry = screen.getByRole('button', { name: 'retry' });
    await act(async () => {
      push({ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 4 });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.getByRole('button', { name: 'retry' })).toBe(retry);
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('says an error thrown while showing the report, keeps the page, and reads the report afresh on retry', async () => {
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => {
        const view = portalView(['sessionid']);
        // A report the view cannot show (its cookies missing): it throws while rendering.
        if (loads++ === 0 && view.kind === 'report') return { ...view, report: { ...view.report, cookies: null as never } };
        return view;
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('p')?.textContent).toMatch(/^renderError \S/);
    expect(container.querySelector('h1')?.textContent).toBe('popupTitle');
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    expect(loads).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  describe('an answer it cannot show (the worker’s, or the first page kept in storage.session, read unchecked)', () => {
    const sessionid = portalView(['sessionid']);
    const whole = sessionid.kind === 'report' ? sessionid.report : null!;
    const unshowable: Record<string, unknown> = {
      'no answer (undefined)': undefined,
      null: null,
      'a kind it does not know': { kind: 'error', message: 'boom' },
      'a report without its report': { kind: 'report', charterPending: false },
      'a report without its timeline': { kind: 'report', report: { ...whole, timeline: undefined }, charterPending: false },
    };
    for (const [name, answer] of Object.entries(unshowable))
      it(`says ${name} could not be read, with a Retry that reads it again, never a blank page or a spinner`, async () => {
        let loads = 0;
        const { container } = renderApp({ loadSite: async () => (loads++ === 0 ? (answer as SiteView) : sessionid) });
        expect((await screen.findByRole('alert')).querySelector('p')?.textContent).toBe('loadError answerUnreadable');
        expect(state(container)).toBe('error');
        fireEvent.click(screen.getByRole('button', { name: 'retry' }));
        await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
        expect(loads).toBe(2);
        expect(screen.queryByRole('alert')).toBeNull();
      });

    it('keeps a report shown, saying beside it with its Retry that the next answer could not be read', async () => {
      let notify: (keys: string[]) => void = () => undefined;
      let loads = 0;
      const { container } = renderApp({
        loadSite: async () => (loads++ === 1 ? (null as never) : sessionid),
        onStateChanged: (listener: (keys: string[]) => void) => ((notify = listener), () => undefined),
      });
      await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
      notify(['site:0|data.tco.re']);
      expect((await screen.findByRole('alert')).querySelector('p')?.textContent).toBe('refreshError answerUnreadable');
      expect(rowNames(container)).toEqual(['sessionid']);
      fireEvent.click(screen.getByRole('button', { name: 'retry' }));
      await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
      expect(loads).toBe(3);
    });
  });

  it('says in the UI language that the worker did not answer', async () => {
    renderApp({ loadSite: () => Promise.reject(new NoAnswer('getReport')) });
    expect((await screen.findByRole('alert')).querySelector('p')?.textContent).toBe('loadError noAnswer');
  });

  it('offers a retry when the site itself could not be found, and finds it again', async () => {
    let finds = 0;
    const { container } = renderApp({
      findSite: async () => {
        if (finds++ === 0) throw new Error('No tab');
        return { host: 'data.tco.re' };
      },
      loadSite: async () => portalView(['sessionid']),
    });
    expect((await screen.findByRole('alert')).querySelector('p')?.textContent).toBe('siteError No tab');
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    expect(state(container)).toBe('loading');
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    expect(finds).toBe(2);
  });

  describe('a worker that never answers', () => {
    afterEach(() => vi.useRealTimers());
    const advance = (ms: number) =>
      act(async () => {
        await vi.advanceTimersByTimeAsync(ms);
      });

    it('is given up on after the time limit, with a retry; an answer that is only slow is not cut', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const slow = deferred<SiteView>();
      let call = 0;
      // The first request is never answered; the retry's answer comes late, but within the limit.
      const { container } = renderApp({ loadSite: () => (call++ === 0 ? new Promise<SiteView>(() => undefined) : slow.promise) });
      await advance(REPORT_TIME_LIMIT_MS - 1);
      expect(state(container)).toBe('loading');
      await advance(1);
      expect(state(container)).toBe('error');
      expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe(`loadError noAnswerWithin ${REPORT_TIME_LIMIT_MS / 1000}`);
      fireEvent.click(screen.getByRole('button', { name: 'retry' }));
      expect(state(container)).toBe('loading');
      await advance(REPORT_TIME_LIMIT_MS - 1);
      await act(async () => slow.resolve(portalView(['sessionid'])));
      await advance(REPORT_TIME_LIMIT_MS);
      expect(state(container)).toBe('ready');
      expect(rowNames(container)).toEqual(['sessionid']);
    });
  });

  it('says when the live charter could not be read again, keeps the report, and reads it again', async () => {
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => (loads++, portalView(['sessionid'])),
      refreshCharter: () => Promise.reject(new NoAnswer('refreshCharter')),
    });
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    expect((await screen.findByRole('alert')).textContent).toBe('charterRefreshFailed');
    expect(state(container)).toBe('ready');
    await waitFor(() => expect(loads).toBe(2));
  });

  it('follows its own site’s recorded state while open, not other sites’', async () => {
    let notify: (keys: string[]) => void = () => undefined;
    let names = ['sessionid'];
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => (loads++, portalView(names)),
      onStateChanged: (listener: (keys: string[]) => void) => ((notify = listener), () => undefined),
    });
    await waitFor(() => expect(rowNames(container)).toHaveLength(1));
    names = ['sessionid', 'csrftoken'];
    notify(['site:0|data.toulouse-metropole.fr']);
    expect(loads).toBe(1);
    notify(['site:0|data.tco.re']);
    await waitFor(() => expect(rowNames(container)).toHaveLength(2));
  });

  it('hears a change made while its first report was asked for, before that report was shown: the report of a charter read then does not stay "reading" for ever', async () => {
    // The worker answers "charter being read" and stores the read before the page has shown that
    // answer (a charter server that answers at once): the change must still be heard.
    let notify: ((keys: string[]) => void) | null = null;
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => {
        loads++;
        if (loads === 1) notify?.(['charter:data.tco.re']);
        const view = portalView(['sessionid']);
        return view.kind === 'report' ? { ...view, charterPending: loads === 1 } : view;
      },
      onStateChanged: (listener) => ((notify = listener), () => undefined),
    });
    await waitFor(() => expect(loads).toBe(2));
    await waitFor(() => expect(container.querySelector('[data-action="refresh-charter"]')?.getAttribute('aria-disabled')).toBeNull());
  });

  it('reads its report again when another site’s record is dropped: the report counts the sites dropped', async () => {
    let notify: (keys: string[]) => void = () => undefined;
    let dropped = 0;
    const { container } = renderApp({
      loadSite: async () => {
        const view = portalView(['sessionid']);
        return view.kind === 'report'
          ? { ...view, report: { ...view.report, storage: { ...view.report.storage, sitesDropped: dropped } } }
          : view;
      },
      onStateChanged: (listener: (keys: string[]) => void) => ((notify = listener), () => undefined),
    });
    await waitFor(() => expect(rowNames(container)).toHaveLength(1));
    expect(container.querySelector('[data-notice-part="sites-dropped"]')).toBeNull();
    dropped = 1;
    // The worker's write: the other site's record gone, the ledger counting it.
    notify(['site:0|data.toulouse-metropole.fr', 'storage:ledger']);
    await waitFor(() => expect(container.querySelector('[data-notice-part="sites-dropped"]')).not.toBeNull());
  });

  it('asks for one report at a time, and once more for every change heard meanwhile', async () => {
    // Changed with issue 14: requests used to overlap (one per change, the newest answer kept);
    // a live panel on a busy site hears many changes, so they now wait for the answer under way.
    let notify: (keys: string[]) => void = () => undefined;
    const answers = [deferred<SiteView>(), deferred<SiteView>(), deferred<SiteView>()];
    let call = 0;
    const { container } = renderApp({
      loadSite: () => answers[call++]!.promise,
      onStateChanged: (listener) => ((notify = listener), () => undefined),
    });
    answers[0]!.resolve(portalView(['first']));
    await waitFor(() => expect(rowNames(container)).toEqual(['first']));
    notify(['site:0|data.tco.re']);
    notify(['site:0|data.tco.re']);
    notify(['site:0|data.tco.re']);
    expect(call).toBe(2);
    answers[1]!.resolve(portalView(['second']));
    await waitFor(() => expect(call).toBe(3));
    answers[2]!.resolve(portalView(['newest']));
    await waitFor(() => expect(rowNames(container)).toEqual(['newest']));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(call).toBe(3);
  });

  it('says no failure to read the site it showed before on the report of the site it follows now (a check of the first’s charter ended after the tab moved)', async () => {
    let site: SiteQuery = { host: 'a.example' };
    let follow: () => void = () => undefined;
    let loadsOfA = 0;
    let endCheck: () => void = () => undefined;
    const { container } = renderApp({
      findSite: async () => site,
      onSiteChanged: (listener) => ((follow = listener), () => undefined),
      loadSite: async (query) => {
        if (query.host === 'a.example' && ++loadsOfA > 1) throw new Error('A could not be read');
        const shown = report([reportCookie({ name: query.host === 'a.example' ? 'a_cookie' : 'b_cookie' })], { host: query.host });
        return { kind: 'report', report: shown, charterPending: false };
      },
      refreshCharter: () => new Promise<void>((resolve) => (endCheck = resolve)),
    });
    await waitFor(() => expect(container.querySelector('[data-action="refresh-charter"]')).not.toBeNull());
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    // The followed tab shows B now.
    site = { host: 'b.example' };
    await act(() => follow());
    await waitFor(() => expect(container.querySelector('[data-cookie="b_cookie"]')).not.toBeNull());
    await act(async () => endCheck());
    // A's read again, failed: whatever follows its failure is done.
    await waitFor(() => expect(loadsOfA).toBe(2));
    await act(async () => undefined);
    // B's report, read fine, and no problem of reading A beside it.
    expect(container.querySelector('[data-cookie="b_cookie"]')).not.toBeNull();
    expect(container.textContent).not.toContain('A could not be read');
  });

  it('keeps an answer for a site it no longer shows off the page', async () => {
    let moved: () => void = () => undefined;
    let host = 'data.tco.re';
    const answers = new Map([
      ['data.tco.re', deferred<SiteView>()],
      ['itie.opendatasoft.com', deferred<SiteView>()],
    ]);
    const { container } = renderApp({
      findSite: async () => ({ host }),
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: (query) => answers.get(query.host)!.promise,
    });
    await waitFor(() => expect(state(container)).toBe('loading'));
    host = 'itie.opendatasoft.com';
    moved();
    await new Promise((resolve) => setTimeout(resolve, 0));
    answers.get('data.tco.re')!.resolve(portalView(['old-site']));
    answers.get('itie.opendatasoft.com')!.resolve(portalView(['new-site']));
    await waitFor(() => expect(rowNames(container)).toEqual(['new-site']));
  });
});

describe('App, recording a consent flow in a page that follows a tab', () => {
  beforeAll(preloadViews);

  it('does not follow the tab while its own recording sends it away and back, then looks again', async () => {
    let moved: () => void = () => undefined;
    let shown: string | null = 'data.tco.re';
    const cleared = deferred<number>();
    const looked: Array<string | null> = [];
    const { container } = renderApp({
      findSite: async () => (looked.push(shown), shown === null ? null : { host: shown }),
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: async () => portalView(['sessionid']),
      recordConsentFlow: () => cleared.promise,
    });
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    fireEvent.click(container.querySelector('#tab-timeline')!);
    await waitFor(() => expect(container.querySelector('[data-action="record-flow"]')).not.toBeNull());
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
    // The worker takes the tab to a blank page (no site), then back to the portal.
    shown = null;
    moved();
    shown = 'data.tco.re';
    moved();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(looked).toEqual(['data.tco.re']);
    cleared.resolve(8);
    // Once done, the tab is looked at again: the same site, so the view and its status stay.
    await waitFor(() => expect(container.querySelector('[data-record-status="started"]')).not.toBeNull());
    expect(looked).toEqual(['data.tco.re', 'data.tco.re']);
    expect(state(container)).toBe('ready');
    // Afterwards the tab is followed again at once.
    shown = null;
    moved();
    await waitFor(() => expect(state(container)).toBe('no-site'));
  });
});

describe('App, live', () => {
  const event = (name: string, at: number, extra: Partial<TimelineEvent> = {}) =>
    ({ type: 'set', at, name, domain: 'data.tco.re', phase: 'before-choice', ...extra }) as TimelineEvent;
  const viewWith = (events: TimelineEvent[], droppedEvents = 0): SiteView => ({
    kind: 'report',
    report: report([], { timeline: { droppedEvents, events } }),
    charterPending: false,
  });
  const push = (seq: number, pushed: TimelineEvent, previous: TimelineEvent | null): LiveMessage => ({
    type: LIVE_MESSAGE_TYPE,
    kind: 'event',
    host: 'data.tco.re',
    storeId: '0',
    seq,
    previous: previous && signatureOf(previous),
    event: pushed,
    heardAt: 1,
  });
  const shown = (container: Element) =>
    [...container.querySelectorAll('[data-cookie-event]')].map((li) => li.getAttribute('data-cookie-event'));

  function setup(views: SiteView[], extra: Parameters<typeof renderApp>[0] = {}) {
    let send: (message: LiveMessage) => void = () => undefined;
    let loads = 0;
    const rendered = renderApp({
      loadSite: async () => views[Math.min(loads++, views.length - 1)]!,
      onLive: (listener) => ((send = listener), () => undefined),
      layout: 'wide',
      openedAt: 100,
      ...extra,
    });
    return { ...rendered, send: async (message: LiveMessage) => act(() => send(message)), loads: () => loads };
  }

  it('shows a pushed event at once, marked new, without asking for the report', async () => {
    const a = event('a', 50);
    const { container, send, loads } = setup([viewWith([a])]);
    await waitFor(() => expect(shown(container)).toEqual(['a']));
    await send(push(2, event('b', 150), a));
    await send(push(3, event('c', 160), event('b', 150)));
    await waitFor(() => expect(shown(container)).toEqual(['a', 'b', 'c']));
    expect([...container.querySelectorAll('[data-new]')].map((li) => li.getAttribute('data-cookie-event'))).toEqual(['b', 'c']);
    expect(loads()).toBe(1);
  });

  it('still says why older events were dropped once events are pushed', async () => {
    const a = event('a', 50);
    const trimmed: SiteView = {
      kind: 'report',
      report: report([], { timeline: { droppedEvents: 600, droppedToFit: 600, events: [a] } }),
      charterPending: false,
    };
    const { container, send } = setup([trimmed]);
    const marker = () => container.querySelector('[data-marker="dropped"]')?.textContent;
    await waitFor(() => expect(marker()).toBe('markerDroppedToFit 600'));
    await send(push(602, event('b', 150), a));
    await waitFor(() => expect(shown(container)).toEqual(['a', 'b']));
    expect(marker()).toBe('markerDroppedToFit 600');
  });

  it('places a burst of pushes together, once the task that brought them is over', async () => {
    const a = event('a', 50);
    const queued: Array<() => void> = [];
    const { container, send } = setup([viewWith([a])], { later: (run) => void queued.push(run) });
    await waitFor(() => expect(shown(container)).toEqual(['a']));
    const burst = [event('b', 150), event('c', 151), event('d', 152)];
    for (const [i, pushed] of burst.entries()) await send(push(i + 2, pushed, i === 0 ? a : burst[i - 1]!));
    expect(queued).toHaveLength(1);
    expect(shown(container)).toEqual(['a']);
    await act(() => queued[0]!());
    expect(shown(container)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('asks for the report when a push does not follow what it shows, and shows the worker’s truth', async () => {
    const a = event('a', 50);
    const cleared: TimelineEvent = { type: 'cleared', at: 160 };
    const { container, send, loads } = setup([viewWith([a]), viewWith([cleared, event('c', 170)])]);
    await waitFor(() => expect(shown(container)).toEqual(['a']));
    await send(push(2, event('c', 170), cleared));
    await waitFor(() => expect(loads()).toBe(2));
    await waitFor(() => expect(shown(container)).toEqual(['c']));
    expect(container.querySelector('[data-marker="cleared"]')).not.toBeNull();
  });

  it('reads the report again when the worker placed an event before others, and shows it there (re-review rrTl 2)', async () => {
    const [a, choice, late] = [event('a', 50), event('cookies_preferences', 150), event('YSC', 100)];
    const { container, send, loads } = setup([viewWith([a, choice]), viewWith([a, late, choice])]);
    await waitFor(() => expect(shown(container)).toEqual(['a', 'cookies_preferences']));
    await send({ type: LIVE_MESSAGE_TYPE, kind: 'resync', host: 'data.tco.re', storeId: '0' });
    await waitFor(() => expect(loads()).toBe(2));
    await waitFor(() => expect(shown(container)).toEqual(['a', 'YSC', 'cookies_preferences']));
  });

  it('ignores pushes about another site', async () => {
    const a = event('a', 50);
    const { container, send, loads } = setup([viewWith([a])]);
    await waitFor(() => expect(shown(container)).toEqual(['a']));
    await send({ ...push(2, event('b', 150), a), host: 'itie.opendatasoft.com' } as LiveMessage);
    expect(shown(container)).toEqual(['a']);
    expect(loads()).toBe(1);
  });

  it('says which response set each event in the DevTools panel, and follows the tab’s network log', async () => {
    const now = Date.now();
    const sessionid = event('sessionid', now - 10_000);
    const widget = event('widget', now - 9_000);
    const response = {
      method: 'GET',
      url: 'https://data.tco.re/',
      status: 200,
      startedAt: now - 10_050,
      finishedAt: now - 9_990,
      cookies: [{ name: 'sessionid', domain: null, expires: null }],
    };
    let log: NetworkLog = { tabId: 4, openedAt: now - 60_000, responses: [] };
    const { container, send } = setup([viewWith([sessionid, widget])], {
      network: { tabId: 4, load: async () => log, attribution: networkAttribution },
    });
    await waitFor(() => expect(container.querySelectorAll('[data-set-by="script"]')).toHaveLength(2));
    log = { ...log, responses: [response] };
    await send({ type: LIVE_MESSAGE_TYPE, kind: 'network', tabId: 4 });
    await waitFor(() =>
      expect(container.querySelector('[data-cookie-event="sessionid"] [data-set-by]')?.getAttribute('data-set-by')).toBe('response'),
    );
    expect(container.querySelector('[data-cookie-event="widget"] [data-set-by]')?.getAttribute('data-set-by')).toBe('script');
  });

  it('says in the DevTools panel when the network log cannot be read, with a Retry that reads it again', async () => {
    const now = Date.now();
    const sessionid = event('sessionid', now - 10_000);
    const log: NetworkLog = { tabId: 4, openedAt: now - 60_000, responses: [] };
    let fails = true;
    let networkLoads = 0;
    const { container } = setup([viewWith([sessionid])], {
      network: {
        tabId: 4,
        load: async () => {
          networkLoads++;
          if (fails) throw new NoAnswer('getNetworkLog');
          return log;
        },
        attribution: networkAttribution,
      },
    });
    // Not silence (events saying nothing of what set them): the problem, in the UI language, with a Retry.
    await waitFor(() => expect(container.querySelector('[data-problem="network"]')).not.toBeNull());
    const problem = container.querySelector<HTMLElement>('[data-problem="network"]')!;
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.querySelector('p')?.textContent).toBe('networkLogError noAnswer');
    expect(container.querySelector('[data-cookie-event="sessionid"]')).not.toBeNull();
    expect(container.querySelector('[data-set-by]')).toBeNull();
    // A retry that fails again: said again, the focus still on its Retry.
    const retry = within(problem).getByRole('button', { name: 'retry' });
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(networkLoads).toBe(2));
    await waitFor(() => expect(problem.querySelector('p')?.textContent).toBe('networkLogError noAnswer'));
    expect(document.activeElement).toBe(retry);
    // Read at last: the problem goes, the events say what set them, the title takes the focus.
    fails = false;
    fireEvent.click(retry);
    await waitFor(() => expect(container.querySelector('[data-problem="network"]')).toBeNull());
    expect(networkLoads).toBe(3);
    expect(container.querySelector('[data-cookie-event="sessionid"] [data-set-by]')?.getAttribute('data-set-by')).toBe('script');
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it('claims nothing about responses outside the DevTools panel', async () => {
    const { container } = setup([viewWith([event('a', 50)])]);
    await waitFor(() => expect(shown(container)).toEqual(['a']));
    expect(container.querySelector('[data-set-by]')).toBeNull();
  });

  it('follows the site to show when it changes (the side panel’s tab, the inspected tab navigating)', async () => {
    let host = 'data.tco.re';
    let moved: () => void = () => undefined;
    const { container } = renderApp({
      findSite: async () => ({ host }),
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: async (query) => ({
        kind: 'report',
        report: report([reportCookie({ name: query.host })], { host: query.host }),
        charterPending: false,
      }),
    });
    await waitFor(() => expect(rowNames(container)).toEqual(['data.tco.re']));
    host = 'itie.opendatasoft.com';
    await act(() => moved());
    await waitFor(() => expect(rowNames(container)).toEqual(['itie.opendatasoft.com']));
  });

  it('shows what the last look at the tab found when two looks answer out of order (one navigation heard twice)', async () => {
    const finds: Array<ReturnType<typeof deferred<{ host: string } | null>>> = [];
    let moved: () => void = () => undefined;
    const loaded: string[] = [];
    const { container } = renderApp({
      findSite: () => {
        finds.push(deferred());
        return finds.at(-1)!.promise;
      },
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: async (query) => {
        loaded.push(query.host);
        return { kind: 'report', report: report([reportCookie({ name: query.host })], { host: query.host }), charterPending: false };
      },
    });
    await act(() => finds[0]!.resolve({ host: 'data.tco.re' }));
    await waitFor(() => expect(rowNames(container)).toEqual(['data.tco.re']));
    // The tab goes to a browser page: heard twice, the first look answering last, with the page it left.
    await act(() => moved());
    await act(() => moved());
    await act(() => finds[2]!.resolve(null));
    await act(() => finds[1]!.resolve({ host: 'data.tco.re' }));
    await waitFor(() => expect(state(container)).toBe('no-site'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state(container)).toBe('no-site');
    expect(loaded).toEqual(['data.tco.re']);
  });

  it('says in its status when the tab it follows comes to show no page it can read, the focus going to the title', async () => {
    let host: string | null = 'data.tco.re';
    let moved: () => void = () => undefined;
    const { container } = renderApp({
      findSite: async () => (host === null ? null : { host }),
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: async () => portalView(['sessionid']),
    });
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
    const status = pageStatus(container);
    container.querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    host = null;
    await act(() => moved());
    await waitFor(() => expect(state(container)).toBe('no-site'));
    // The status line that was there says it: a live region inserted with its text is often not read.
    expect(pageStatus(container)).toBe(status);
    expect(status.textContent).toBe('noSite');
    expect(document.activeElement).toBe(title());
  });

  it('says plainly when the site asked for cannot be found, never a blank page', async () => {
    const { container } = renderApp({
      findSite: async () => {
        throw new SiteNotFound('unknownTab 999');
      },
    });
    await waitFor(() => expect(container.querySelector('[data-problem="site"]')?.textContent).toBe('unknownTab 999'));
    expect(state(container)).toBe('not-found');
    expect(container.querySelector('button')).toBeNull();
  });

  it('keeps saying the site cannot be found when the report asked for the site before fails afterwards', async () => {
    let moved: () => void = () => undefined;
    let found = true;
    let fail: (error: Error) => void = () => undefined;
    const answer = new Promise<SiteView>((_, reject) => (fail = reject));
    const { container } = renderApp({
      findSite: async () => {
        if (found) return { host: 'data.tco.re' };
        throw new SiteNotFound('unknownTab 999');
      },
      onSiteChanged: (listener) => ((moved = listener), () => undefined),
      loadSite: () => answer,
    });
    await waitFor(() => expect(state(container)).toBe('loading'));
    // The tab closes while its report is on its way; that report then fails.
    found = false;
    await act(() => moved());
    await waitFor(() => expect(state(container)).toBe('not-found'));
    await act(async () => {
      fail(new Error('Storage is full'));
      await answer.catch(() => undefined);
    });
    expect(state(container)).toBe('not-found');
    expect(container.querySelector('[data-problem="site"]')?.textContent).toBe('unknownTab 999');
  });

  it('lays the report out in two columns when wide, the timeline beside the cookies', async () => {
    const { container } = setup([viewWith([event('a', 50)])]);
    await waitFor(() => expect(container.querySelector('[data-layout="wide"] .timeline-column .events')).not.toBeNull());
    expect([...container.querySelectorAll('[role="tab"]')].map((tab) => tab.id)).toEqual(['tab-cookies', 'tab-export']);
  });

  describe('a report sent in pages', () => {
    /**
     * 120 cookies, one finding on the 111th: the worker sends the first page when asked for it (report-page.ts).
     * The whole report is not answered the first `wholeFails` times it is asked for.
     */
    function pagedSite(wholeFails = 0, extras: Parameters<typeof renderApp>[0] = {}) {
      const names = Array.from({ length: 120 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      const whole = report(
        names.map((name) => reportCookie({ name, purpose: name === 'c077' ? 'Needle purpose' : 'Session' })),
        { findings: [finding({ kind: 'undeclared', cookie: 'c110' })] },
      );
      const asked: Array<ReportFirst | undefined> = [];
      const loadSite = async (_query: unknown, first?: ReportFirst): Promise<SiteView> => {
        asked.push(first);
        if (!first && wholeFails-- > 0) throw new NoAnswer('getReport', REPORT_TIME_LIMIT_MS / 1000);
        const page = first ? firstPageOf(whole, first) : null;
        return { kind: 'report', report: page?.report ?? whole, charterPending: false, ...(page ? { partial: page.totals } : {}) };
      };
      return { asked, rendered: renderApp({ loadSite, layout: 'narrow', ...extras }) };
    }

    it('shows the first page with the whole count, and asks for the rest on "Show more"', async () => {
      const { asked, rendered } = pagedSite();
      const { container } = rendered;
      await waitFor(() => expect(rowNames(container)).toHaveLength(FIRST_PAGE.cookies));
      expect(asked).toEqual([FIRST_PAGE]);
      expect(container.querySelector('.cookie-list .more')!.textContent).toContain('120');
      fireEvent.click(container.querySelector('.cookie-list .more button')!);
      await waitFor(() => expect(rowNames(container)).toHaveLength(100));
      expect(asked).toEqual([FIRST_PAGE, undefined]);
    });

    it('searches every cookie, not only the first page', async () => {
      const { asked, rendered } = pagedSite();
      const { container } = rendered;
      await waitFor(() => expect(rowNames(container)).toHaveLength(FIRST_PAGE.cookies));
      fireEvent.input(container.querySelector('input[type="search"]')!, { target: { value: 'needle' } });
      await waitFor(() => expect(rowNames(container)).toEqual(['c077']));
      expect(asked).toEqual([FIRST_PAGE, undefined]);
    });

    it('goes to a finding’s cookie beyond the first page once the rest is here', async () => {
      const { rendered } = pagedSite();
      const { container } = rendered;
      await waitFor(() => expect(container.querySelector('[data-finding-cookie="c110"] button')).not.toBeNull());
      expect(container.querySelector('.findings .count')!.textContent).toBe('1');
      fireEvent.click(container.querySelector('[data-finding-cookie="c110"] button')!);
      await waitFor(() => expect(document.activeElement?.getAttribute('data-cookie')).toBe('c110'));
    });

    const noAnswer = `refreshError noAnswerWithin ${REPORT_TIME_LIMIT_MS / 1000}`;
    /** Searches the first page shown: the search asks for the whole report. */
    const search = async (container: Element, value: string) => {
      await waitFor(() => expect(rowNames(container)).toHaveLength(FIRST_PAGE.cookies));
      const field = container.querySelector<HTMLInputElement>('input[type="search"]')!;
      field.focus();
      fireEvent.input(field, { target: { value } });
      return field;
    };

    it('keeps the report, the search and the focus when the whole report is not answered, and says so beside it', async () => {
      const { container } = pagedSite(1).rendered;
      const field = await search(container, 'c04');
      const alert = await screen.findByRole('alert');
      expect(state(container)).toBe('ready');
      expect(rowNames(container)).toEqual(['c040', 'c041', 'c042', 'c043', 'c044', 'c045', 'c046', 'c047', 'c048', 'c049']);
      expect(field.isConnected && field.value).toBe('c04');
      expect(document.activeElement).toBe(field);
      expect(alert.querySelector('p')?.textContent).toBe(noAnswer);
    });

    it('reads the report again on the Retry beside it, which keeps the focus while it asks and if it fails again, then goes to the title', async () => {
      const { container } = pagedSite(2).rendered;
      await search(container, 'c11');
      const retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'retry' });
      retry.focus();
      fireEvent.click(retry);
      // While it asks: the report and Retry stay, the page's status says so.
      expect(pageStatus(container).textContent).toContain('loading');
      expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe('');
      expect(document.activeElement).toBe(retry);
      // Not answered again: said again, the focus still on Retry.
      await waitFor(() => expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe(noAnswer));
      expect(document.activeElement).toBe(retry);
      fireEvent.click(retry);
      await waitFor(() =>
        expect(rowNames(container)).toEqual(['c110', 'c111', 'c112', 'c113', 'c114', 'c115', 'c116', 'c117', 'c118', 'c119']),
      );
      await waitFor(() => expect(document.activeElement).toBe(title()));
      expect(screen.queryByRole('alert')).toBeNull();
      expect(pageStatus(container).textContent).toBe('loaded');
    });

    it('asks for the whole report again on "Show more" after it was not answered, without waiting for Retry', async () => {
      const { asked, rendered } = pagedSite(1);
      const { container } = rendered;
      await waitFor(() => expect(rowNames(container)).toHaveLength(FIRST_PAGE.cookies));
      fireEvent.click(container.querySelector('.cookie-list .more button')!);
      await screen.findByRole('alert');
      expect(asked).toEqual([FIRST_PAGE, undefined]);
      fireEvent.click(container.querySelector('.cookie-list .more button')!);
      await waitFor(() => expect(rowNames(container)).toHaveLength(100));
      expect(asked).toEqual([FIRST_PAGE, undefined, undefined]);
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('takes the focus from Retry to the title when the report is read again without it (a change recorded)', async () => {
      let notify: (keys: string[]) => void = () => undefined;
      const { container } = pagedSite(1, { onStateChanged: (listener) => ((notify = listener), () => undefined) }).rendered;
      await search(container, 'c11');
      const retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'retry' });
      retry.focus();
      await act(() => notify(['site:0|data.tco.re']));
      await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
      await waitFor(() => expect(document.activeElement).toBe(title()));
    });

    it('asks for the whole report before showing the consent runs', async () => {
      const { asked, rendered } = pagedSite();
      const { container } = rendered;
      await waitFor(() => expect(rowNames(container)).toHaveLength(FIRST_PAGE.cookies));
      expect(container.querySelector('.consent-runs')).toBeNull();
      fireEvent.click(container.querySelector('#tab-timeline')!);
      await waitFor(() => expect(container.querySelector('.consent-runs')).not.toBeNull());
      expect(asked).toEqual([FIRST_PAGE, undefined]);
    });

    // A report that fit on one page grows past it while the timeline is shown: its first page alone
    // (partial) would swap the consent runs and the timeline for a loading line, and the focus in them with them.
    for (const layout of ['narrow', 'wide'] as const)
      it(`keeps the timeline shown, and the focus in it, as the site's report grows past the first page (${layout})`, async () => {
        let notify: (keys: string[]) => void = () => undefined;
        let cookies = 3;
        const asked: Array<ReportFirst | undefined> = [];
        const loadSite = async (_query: unknown, first?: ReportFirst): Promise<SiteView> => {
          asked.push(first);
          const whole = report(Array.from({ length: cookies }, (_, i) => reportCookie({ name: `c${String(i).padStart(3, '0')}` })));
          const page = first ? firstPageOf(whole, first) : null;
          return { kind: 'report', report: page?.report ?? whole, charterPending: false, ...(page ? { partial: page.totals } : {}) };
        };
        const { container } = renderApp({ loadSite, layout, onStateChanged: (listener) => ((notify = listener), () => undefined) });
        await waitFor(() => expect(rowNames(container)).toHaveLength(3));
        if (layout === 'narrow') fireEvent.click(container.querySelector('#tab-timeline')!);
        await waitFor(() => expect(container.querySelector('[data-action="record-flow"]')).not.toBeNull());
        const record = container.querySelector<HTMLButtonElement>('[data-action="record-flow"]')!;
        record.focus();
        cookies = 120;
        await act(() => notify(['site:0|data.tco.re']));
        // Asked for whole as soon as the timeline is shown: no first page comes to replace it.
        await waitFor(() => expect(asked).toEqual([FIRST_PAGE, undefined]));
        await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
        expect(container.querySelector('.consent-runs')).not.toBeNull();
        expect(document.activeElement).toBe(record);
      });
  });
});

describe('App, a panel resized across the two-column width', () => {
  beforeAll(preloadViews);
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the search typed, the rows it found and the focus in it, widened and narrowed again', async () => {
    let resize: (width: number) => void = () => undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: ResizeObserverCallback) {}
        observe() {
          resize = (width) => this.callback([{ contentRect: { width } } as ResizeObserverEntry], this as never);
        }
        disconnect() {}
      },
    );
    const view: SiteView = {
      kind: 'report',
      report: report(Array.from({ length: 120 }, (_, i) => reportCookie({ name: `c${i}` }))),
      charterPending: false,
    };
    const { container } = renderApp({ loadSite: async () => view });
    const search = await screen.findByRole<HTMLInputElement>('searchbox');
    search.focus();
    fireEvent.input(search, { target: { value: 'c11' } });
    const found = rowNames(container);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(50);
    for (const [width, layout] of [
      [900, 'wide'],
      [600, 'narrow'],
    ] as const) {
      await act(() => resize(width));
      await waitFor(() => expect(container.querySelector('main')!.dataset.layout).toBe(layout));
      expect(container.querySelector('.report')!.getAttribute('data-layout')).toBe(layout);
      expect(screen.getByRole('searchbox')).toBe(search);
      expect(search.value).toBe('c11');
      expect(rowNames(container)).toEqual(found);
      expect(document.activeElement).toBe(search);
    }
  });
});

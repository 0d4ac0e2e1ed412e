// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { mountPage, type PagePlatform } from '../../src/pages/mount-page.tsx';
import type { Method, Params } from '../../src/core/message-contract.ts';
import { ACTION_WAIT_LIMIT_MS, FIRST_PAGE } from '../../src/core/message-contract.ts';
import { portalView } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

function fakePlatform() {
  const calls: Array<[Method, unknown]> = [];
  const platform: PagePlatform = {
    call: async <M extends Method>(method: M, params: Params<M>) => {
      calls.push([method, params]);
      if (method === 'getReport') return portalView(['sessionid']);
      if (method === 'clearSite') return { removed: 2 };
      throw new Error(`unexpected ${method}`);
    },
    onStateChanged: () => () => undefined,
    onLive: () => () => undefined,
    t,
    language: 'en',
    portalOrigins: [],
    download: vi.fn(),
    copy: vi.fn(async () => undefined),
  };
  return { platform, calls };
}

describe('mountPage', () => {
  // The views a page loads on demand, loaded as a page has them once the report is there.
  beforeAll(preloadViews);

  it('shows the site’s report through the worker, and records a consent flow through it', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    const { platform, calls } = fakePlatform();
    mountPage(root, { findSite: async () => ({ host: 'data.tco.re' }), openedAt: 0 }, platform);
    await waitFor(() => expect(root.querySelector('[data-cookie="sessionid"]')).not.toBeNull());
    // The first page only: the rest is asked for when the person wants more.
    expect(calls[0]).toEqual(['getReport', { host: 'data.tco.re', first: FIRST_PAGE }]);
    fireEvent.click(root.querySelector('#tab-timeline')!);
    fireEvent.click(root.querySelector('[data-action="record-flow"]')!);
    fireEvent.click(root.querySelector('[data-action="record-flow-confirm"]')!);
    await waitFor(() => expect(calls.at(-1)).toEqual(['clearSite', { host: 'data.tco.re', reloadTabs: true, saveRun: false }]));
    render(null, root);
  });

  it('says, in the page’s language, that the worker did not answer an action within its limit', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    const { platform } = fakePlatform();
    const answers = platform.call;
    platform.call = (async (method: Method, params: never) =>
      method === 'clearSite' ? new Promise<never>(() => undefined) : answers(method, params)) as PagePlatform['call'];
    mountPage(root, { findSite: async () => ({ host: 'data.tco.re' }), openedAt: 0 }, platform);
    await waitFor(() => expect(root.querySelector('[data-cookie="sessionid"]')).not.toBeNull());
    fireEvent.click(root.querySelector('#tab-timeline')!);
    fireEvent.click(root.querySelector('[data-action="record-flow"]')!);
    vi.useFakeTimers();
    try {
      fireEvent.click(root.querySelector('[data-action="record-flow-confirm"]')!);
      await vi.advanceTimersByTimeAsync(ACTION_WAIT_LIMIT_MS);
      expect(root.textContent).toContain(`recordFlowFailed noAnswerWithin ${ACTION_WAIT_LIMIT_MS / 1000}`);
    } finally {
      vi.useRealTimers();
      render(null, root);
    }
  });

  it('takes a first report asked for early, and updates in place when mounted again with tools', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    const { platform, calls } = fakePlatform();
    const options = { findSite: async () => ({ host: 'data.tco.re' }), loadSite: async () => portalView(['early']), openedAt: 0 };
    mountPage(root, options, platform);
    await waitFor(() => expect(root.querySelector('[data-cookie="early"]')).not.toBeNull());
    mountPage(root, { ...options, tools: { openSidePanel: async () => undefined } }, platform);
    await waitFor(() => expect(root.querySelector('[data-action="open-side-panel"]')).not.toBeNull());
    expect(root.querySelector('[data-cookie="early"]')).not.toBeNull();
    expect(calls).toEqual([]);
    render(null, root);
  });
});

// @vitest-environment happy-dom
/**
 * A side panel or DevTools panel follows a change of its site's host access. On
 * permissions.onAdded/onRemoved the worker (background/index.ts) retires every kept page and scans
 * the cookies it can see: a site removed (whose cookies the scan no longer sees) or granted with no
 * cookie yet writes no key of its own. retireAllPages counts the change in the ledger, which every
 * page asks for its site again on (keyConcernsHost).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { mountPage, type PagePlatform } from '../../src/pages/mount-page.tsx';
import type { Method, Params, SiteView } from '../../src/core/message-contract.ts';
import { createSiteStore } from '../../src/background/site-store.ts';
import { createRecorder } from '../../src/background/recorder.ts';
import { pageKey } from '../../src/core/storage/session-items.ts';
import { emptySite, recordCookieChange } from '../../src/core/cookies/site-record.ts';
import { browserCookie } from '../support/cookies.ts';
import { fakeSession } from '../support/fake-session.ts';
import { report, reportCookie } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);
beforeAll(preloadViews);

const HOST = 'example.org';

async function worker(withCookie: boolean) {
  const session = fakeSession({}, undefined, { listsKeys: true });
  const listeners = new Set<(keys: string[]) => void>();
  const write = session.write.bind(session);
  session.write = async (items) => {
    await write(items);
    // storage.onChanged, as every page hears it.
    for (const listener of listeners) listener(Object.keys(items));
  };
  const remove = session.remove.bind(session);
  session.remove = async (keys) => {
    await remove(keys);
    for (const listener of listeners) listener([...keys]);
  };
  const store = createSiteStore(session, 5);
  await store.load();
  let granted = withCookie;
  const recorder = createRecorder(store, (host) => host !== HOST || granted);
  if (withCookie) {
    const site = emptySite(HOST, '0');
    recordCookieChange(site, browserCookie({ name: 'sid', domain: HOST }), false, 1);
    store.put(site);
    await store.flush();
    // The first page the worker kept when it answered the panel.
    store.putPage(pageKey('0', HOST), '0', HOST, store.revision('0', HOST), store.pageTicket(), '{}');
    await store.flush();
  }
  const asked: unknown[] = [];
  const platform: PagePlatform = {
    call: async <M extends Method>(method: M, params: Params<M>) => {
      if (method !== 'getReport') throw new Error(`unexpected ${method}`);
      asked.push(params);
      const view: SiteView = granted
        ? {
            kind: 'report',
            report: report(withCookie ? [reportCookie({ name: 'sid', domain: HOST })] : [], { host: HOST }),
            charterPending: false,
          }
        : { kind: 'no-access', host: HOST, portal: false };
      return view;
    },
    onStateChanged: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onLive: () => () => undefined,
    t,
    language: 'en',
    portalOrigins: [],
    download: () => undefined,
    copy: async () => undefined,
  };
  /** What the worker does on permissions.onAdded/onRemoved (background/index.ts, browser-events.ts hostAccessChanged). */
  const accessChanged = async (nowGranted: boolean) => {
    granted = nowGranted;
    await store.retireAllPages();
    // The browser lists only the cookies the extension may now see: none of example.org either way here.
    await recorder.scan(async () => []);
    await store.flush();
  };
  return { platform, asked, accessChanged };
}

function mountSidePanel(platform: PagePlatform, requestAccess?: (origins: string[]) => Promise<boolean>) {
  const root = document.body.appendChild(document.createElement('div'));
  // As sidepanel/main.tsx mounts it: its window's tab, and a listener of that tab's changes (which do not change here).
  mountPage(
    root,
    {
      findSite: async () => ({ host: HOST, storeId: '0' }),
      onSiteChanged: () => () => undefined,
      ...(requestAccess ? { requestAccess } : {}),
      openedAt: 0,
    },
    platform,
  );
  return root;
}

/**
 * Every render, effect, answer and timer the change set off, run to the end on a fake clock
 * (three seconds of it, act flushing Preact's renders and effects each round): a page that asked
 * again on each answer, at once or after a delay, would have asked more than once more.
 */
async function settled() {
  vi.useFakeTimers();
  try {
    for (let round = 0; round < 3; round++) await act(async () => void (await vi.advanceTimersByTimeAsync(1_000)));
  } finally {
    vi.useRealTimers();
  }
}

describe('a panel when the shown site’s access changes', () => {
  it('removed: reads the site again and shows the access prompt, not the report it showed', async () => {
    const { platform, asked, accessChanged } = await worker(true);
    const root = mountSidePanel(platform, async () => false);
    await waitFor(() => expect(root.querySelector('[data-cookie="sid"]')).not.toBeNull());
    expect(asked).toHaveLength(1);
    await accessChanged(false);
    await waitFor(() => expect(root.querySelector('[data-access]')).not.toBeNull());
    expect(root.querySelector('[data-cookie="sid"]')).toBeNull();
    // Asked once again, not on and on.
    await settled();
    expect(asked).toHaveLength(2);
    render(null, root);
  });

  it('granted from the popup (Firefox DevTools panel: "grant from the popup"), the site with no cookie yet: reads the site again', async () => {
    const { platform, asked, accessChanged } = await worker(false);
    // Firefox's DevTools panel has no permissions API: no requestAccess (panel/main.tsx).
    const root = mountSidePanel(platform);
    await waitFor(() => expect(root.querySelector('[data-access]')).not.toBeNull());
    expect(asked).toHaveLength(1);
    await accessChanged(true);
    await waitFor(() => expect(root.querySelector('[data-access]')).toBeNull());
    await settled();
    expect(asked).toHaveLength(2);
    render(null, root);
  });
});

import { describe, expect, it } from 'vitest';
import {
  activeTab,
  activeTabOf,
  everyTab,
  onShownTabChanged,
  onTabNavigated,
  onTabShown,
  onTabsChanged,
  onWindowClosed,
  navigateTab,
  tabById,
  tabLoaded,
  tabNow,
  tabShows,
  visibleTabs,
} from '../../src/platform/tabs.ts';
import { fakeEvent } from '../support/fake-events.ts';

type Tab = {
  id?: number;
  url?: string;
  incognito: boolean;
  cookieStoreId?: string;
  pendingUrl?: string;
  active?: boolean;
  windowId?: number;
  status?: string;
  discarded?: boolean;
};

function fakeTabs(tabs: Tab[]) {
  const onUpdated = fakeEvent<(tabId: number, change: { status?: string; url?: string }, tab: Tab) => void>();
  const onActivated = fakeEvent<(info: { tabId: number; windowId?: number }) => void>();
  const onRemoved = fakeEvent<(tabId: number) => void>();
  const onReplaced = fakeEvent<(added: number, removed: number) => void>();
  const onCreated = fakeEvent<(tab: Tab) => void>();
  const api = {
    tabs: {
      query: async (filter: { active?: boolean; windowId?: number }) =>
        filter.windowId !== undefined
          ? tabs.filter((tab) => tab.active && tab.windowId === filter.windowId)
          : filter.active
            ? tabs.slice(0, 1)
            : tabs,
      get: async (tabId: number) => {
        const tab = tabs.find((candidate) => candidate.id === tabId);
        // Chrome: "No tab with id: N."; Firefox: "Invalid tab ID: N".
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        return tab;
      },
      onUpdated,
      onActivated,
      onRemoved,
      onReplaced,
      onCreated,
    },
  } as never;
  return { api, onUpdated, onActivated, onRemoved, onReplaced, onCreated };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('platform tabs', () => {
  it('read a tab’s page and cookie store: Firefox names the store, Chrome says only "private" ("1")', async () => {
    const { api } = fakeTabs([
      { id: 1, url: 'https://data.tco.re/', incognito: false, cookieStoreId: 'firefox-container-2' },
      { id: 2, url: 'https://data.tco.re/', incognito: true },
      { id: 3, url: 'https://data.tco.re/', incognito: false, pendingUrl: 'https://itie.opendatasoft.com/' },
      { id: 4, incognito: false },
    ]);
    expect(await activeTab(api)).toEqual({ tabId: 1, url: 'https://data.tco.re/', storeId: 'firefox-container-2' });
    expect(await visibleTabs(api)).toEqual([
      { tabId: 1, url: 'https://data.tco.re/', storeId: 'firefox-container-2' },
      { tabId: 2, url: 'https://data.tco.re/', storeId: '1' },
      { tabId: 3, url: 'https://data.tco.re/', storeId: undefined, pendingUrl: 'https://itie.opendatasoft.com/' },
    ]);
    // Every tab, the hidden address too (a badge to clear).
    expect(await everyTab(api)).toEqual([
      { tabId: 1, url: 'https://data.tco.re/', storeId: 'firefox-container-2' },
      { tabId: 2, url: 'https://data.tco.re/', storeId: '1' },
      { tabId: 3, url: 'https://data.tco.re/', storeId: undefined, pendingUrl: 'https://itie.opendatasoft.com/' },
      { tabId: 4, url: undefined, storeId: undefined },
    ]);
  });

  it('say when a tab is shown: loaded, or made active', async () => {
    const tab = { id: 5, url: 'https://data.tco.re/', incognito: false };
    const { api, onUpdated, onActivated } = fakeTabs([tab]);
    const shown: number[] = [];
    onTabShown((site) => shown.push(site.tabId), api);
    onUpdated.fire(5, { status: 'loading' }, tab);
    onUpdated.fire(5, { status: 'complete' }, tab);
    onActivated.fire({ tabId: 5 });
    await settle();
    expect(shown).toEqual([5, 5]);
  });

  it('follow tabs opening, changing, closing, and being replaced by a prerendered page', async () => {
    const replacement = { id: 9, url: 'https://itie.opendatasoft.com/', incognito: false };
    const { api, onUpdated, onRemoved, onReplaced, onCreated } = fakeTabs([replacement]);
    const log: string[] = [];
    onTabsChanged(
      (tab) => log.push(`updated ${tab.tabId} ${tab.storeId}`),
      (tabId) => log.push(`removed ${tabId}`),
      api,
    );
    // A new private tab: its store is heard as it opens, before its first request.
    onCreated.fire({ id: 4, url: '', pendingUrl: 'https://data.tco.re/', incognito: true });
    onUpdated.fire(5, { status: 'loading' }, { id: 5, url: 'https://data.tco.re/', incognito: false });
    onRemoved.fire(6);
    onReplaced.fire(9, 5);
    await settle();
    expect(log).toEqual(['updated 4 1', 'updated 5 undefined', 'removed 6', 'removed 5', 'updated 9 undefined']);
  });

  it('say when a tab is unloaded (discarded), at a wake and as it changes: it shows no page until it loads again', async () => {
    const unloaded = { id: 7, url: 'http://nantesmetropole.fr/', incognito: false, discarded: true };
    const { api, onUpdated } = fakeTabs([unloaded]);
    expect(await everyTab(api)).toEqual([{ tabId: 7, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true }]);
    const heard: unknown[] = [];
    onTabsChanged(
      (tab) => heard.push(tab),
      () => undefined,
      api,
    );
    // Both browsers report the change of state (changeInfo.discarded), with the tab as it is now.
    onUpdated.fire(7, { discarded: true } as never, unloaded);
    onUpdated.fire(7, { discarded: false } as never, { ...unloaded, discarded: false });
    expect(heard).toEqual([
      { tabId: 7, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true, pageChanged: false },
      { tabId: 7, url: 'http://nantesmetropole.fr/', storeId: undefined, pageChanged: false },
    ]);
  });

  it('say of an update whether the tab may show another page: its address changed, or a load started', () => {
    const tab = { id: 7, url: 'https://b.opendatasoft.com/', incognito: false };
    const { api, onUpdated } = fakeTabs([tab]);
    const heard: Array<boolean | undefined> = [];
    onTabsChanged(
      (site) => heard.push(site.pageChanged),
      () => undefined,
      api,
    );
    onUpdated.fire(7, { url: 'https://b.opendatasoft.com/' }, tab);
    onUpdated.fire(7, { status: 'loading' }, tab);
    onUpdated.fire(7, { status: 'complete' }, tab);
    onUpdated.fire(7, { title: 'Portail' } as never, tab);
    expect(heard).toEqual([true, true, false, false]);
  });

  it('hear a window close, and nothing where the browser has no windows (Firefox for Android)', () => {
    const onRemoved = fakeEvent<(windowId: number) => void>();
    let closed = 0;
    onWindowClosed(() => closed++, { windows: { onRemoved } } as never);
    onRemoved.fire(3);
    expect(closed).toBe(1);
    expect(() => onWindowClosed(() => closed++, {})).not.toThrow();
  });

  it('take a tab to an address in place of its history entry where the browser can, as a new entry where it cannot', async () => {
    const asked: unknown[] = [];
    const withReplace = { tabs: { update: async (tabId: number, details: object) => void asked.push([tabId, details]) } } as never;
    expect(await navigateTab(4, 'about:blank', withReplace)).toBe(true);
    expect(asked).toEqual([[4, { url: 'about:blank', loadReplace: true }]]);

    // Chrome refuses a key it does not know in its check of the arguments: it throws, at once.
    asked.length = 0;
    const strict = {
      tabs: {
        update: (tabId: number, details: { loadReplace?: boolean }) => {
          if (details.loadReplace !== undefined) throw new TypeError("Unexpected property: 'loadReplace'.");
          asked.push([tabId, details]);
          return Promise.resolve();
        },
      },
    } as never;
    expect(await navigateTab(4, 'https://data.tco.re/', strict)).toBe(true);
    expect(asked).toEqual([[4, { url: 'https://data.tco.re/' }]]);

    const gone = { tabs: { update: async () => Promise.reject(new Error('No tab with id: 4.')) } } as never;
    expect(await navigateTab(4, 'about:blank', gone)).toBe(false);
  });

  it('hear a tab finish loading an address, or one hidden from us, not its former page; nor after it closed or the wait was called off', async () => {
    const { api, onUpdated, onRemoved } = fakeTabs([]);
    const loaded = tabLoaded(4, 'about:blank', new AbortController().signal, api);
    let answer: boolean | undefined;
    void loaded.then((value) => (answer = value));
    // The page it leaves finishing its own load, another tab, a load starting: not it.
    onUpdated.fire(4, { status: 'complete' }, { id: 4, url: 'https://data.tco.re/', incognito: false });
    onUpdated.fire(5, { status: 'complete' }, { id: 5, incognito: false });
    onUpdated.fire(4, { status: 'loading' }, { id: 4, incognito: false });
    await settle();
    expect(answer).toBeUndefined();
    // About:blank, whose address the browser hides without the `tabs` permission.
    onUpdated.fire(4, { status: 'complete' }, { id: 4, incognito: false });
    expect(await loaded).toBe(true);
    expect(onUpdated.hasListeners()).toBe(false);
    expect(onRemoved.hasListeners()).toBe(false);

    const closed = tabLoaded(4, 'about:blank', new AbortController().signal, api);
    onRemoved.fire(4);
    expect(await closed).toBe(false);

    const stop = new AbortController();
    const stuck = tabLoaded(4, 'about:blank', stop.signal, api);
    stop.abort();
    expect(await stuck).toBe(false);
    expect(onUpdated.hasListeners()).toBe(false);
  });

  it('hear a tab show an address again as it commits, not another tab nor a hidden one; nor after it closed or the wait was called off', async () => {
    const { api, onUpdated, onRemoved } = fakeTabs([]);
    const portal = (url: string) => url.startsWith('https://data.tco.re/');
    const shown = tabShows(4, portal, new AbortController().signal, api);
    let answer: boolean | undefined;
    void shown.then((value) => (answer = value));
    onUpdated.fire(5, { status: 'loading' }, { id: 5, url: 'https://data.tco.re/', incognito: false });
    onUpdated.fire(4, { status: 'complete' }, { id: 4, incognito: false });
    onUpdated.fire(4, { status: 'loading' }, { id: 4, url: 'about:blank', incognito: false });
    await settle();
    expect(answer).toBeUndefined();
    onUpdated.fire(
      4,
      { status: 'loading', url: 'https://data.tco.re/explore/' },
      { id: 4, url: 'https://data.tco.re/explore/', incognito: false },
    );
    expect(await shown).toBe(true);
    expect(onUpdated.hasListeners()).toBe(false);
    expect(onRemoved.hasListeners()).toBe(false);

    const closed = tabShows(4, portal, new AbortController().signal, api);
    onRemoved.fire(4);
    expect(await closed).toBe(false);
    const stop = new AbortController();
    const stuck = tabShows(4, portal, stop.signal, api);
    stop.abort();
    expect(await stuck).toBe(false);
    expect(onUpdated.hasListeners()).toBe(false);
  });

  it('find a tab by id, or say there is none', async () => {
    const { api } = fakeTabs([{ id: 3, url: 'https://data.tco.re/', incognito: false, cookieStoreId: 'firefox-default' }]);
    expect(await tabById(3, api)).toEqual({ tabId: 3, url: 'https://data.tco.re/', storeId: 'firefox-default' });
    expect(await tabById(99, api)).toBeUndefined();
  });

  it('tell whether a tab is loading a page now, its address hidden or not', async () => {
    const { api } = fakeTabs([
      { id: 1, url: 'https://data.tco.re/', incognito: false, status: 'complete' },
      // Without the `tabs` permission a site we may not see has no address, only its loading state.
      { id: 2, incognito: false, status: 'loading' },
    ]);
    expect(await tabNow(1, api)).toEqual({ url: 'https://data.tco.re/', loading: false });
    expect(await tabNow(2, api)).toEqual({ url: undefined, loading: true });
    expect(await tabNow(99, api)).toBeUndefined();
  });

  it('hear one tab going to another address, not other tabs nor what is no navigation', () => {
    const { api, onUpdated } = fakeTabs([]);
    let heard = 0;
    const stop = onTabNavigated(3, () => heard++, api);
    const tab = { id: 3, incognito: false };
    onUpdated.fire(3, { url: 'https://itie.opendatasoft.com/' }, tab);
    onUpdated.fire(4, { url: 'https://itie.opendatasoft.com/' }, tab);
    onUpdated.fire(3, { title: 'Explore' } as never, tab);
    stop();
    onUpdated.fire(3, { url: 'https://data.tco.re/' }, tab);
    expect(heard).toBe(1);
  });

  /**
   * A tab going to `url`, as tabs.onUpdated tells an extension without the `tabs` permission: no
   * `url`, in the change or the tab, where it has no host access (here: www.example.org).
   */
  function navigate(fire: (tabId: number, change: { status?: string; url?: string }, tab: Tab) => void, tab: Tab, url: string) {
    const hidden = new URL(url).hostname === 'www.example.org';
    const { url: _left, ...rest } = tab;
    const seen = hidden ? rest : { ...rest, url };
    fire(tab.id!, hidden ? { status: 'loading' } : { status: 'loading', url }, seen);
    fire(tab.id!, { status: 'complete' }, seen);
  }

  it('hear a tab leave a portal for a site whose address the browser hides', () => {
    const { api, onUpdated } = fakeTabs([]);
    let heard = 0;
    onTabNavigated(3, () => heard++, api);
    navigate(onUpdated.fire, { id: 3, url: 'https://data.tco.re/', incognito: false }, 'https://www.example.org/');
    expect(heard).toBeGreaterThan(0);
  });

  it('follow the shown tab leaving a portal for a site whose address the browser hides', () => {
    const { api, onUpdated } = fakeTabs([]);
    let changes = 0;
    onShownTabChanged(2, () => changes++, api);
    const shown: Tab = { id: 5, url: 'https://data.tco.re/', incognito: false, active: true, windowId: 2 };
    navigate(onUpdated.fire, shown, 'https://itie.opendatasoft.com/');
    const before = changes;
    navigate(onUpdated.fire, { ...shown, url: 'https://itie.opendatasoft.com/' }, 'https://www.example.org/');
    expect(before).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(before);
  });

  it('follow the tab shown in one window: another made active there, or the active one navigating', async () => {
    const shown = { id: 5, url: 'https://data.tco.re/', incognito: false, active: true, windowId: 2 };
    const { api, onUpdated, onActivated } = fakeTabs([{ id: 4, incognito: false, active: true, windowId: 1 }, shown]);
    expect(await activeTabOf(2, api)).toMatchObject({ tabId: 5, url: 'https://data.tco.re/' });
    let changes = 0;
    const stop = onShownTabChanged(2, () => changes++, api);
    onActivated.fire({ tabId: 5, windowId: 2 });
    onActivated.fire({ tabId: 4, windowId: 1 });
    onUpdated.fire(5, { url: 'https://itie.opendatasoft.com/' }, shown);
    onUpdated.fire(5, { title: 'Explore' } as never, shown);
    onUpdated.fire(6, { url: 'https://itie.opendatasoft.com/' }, { ...shown, id: 6, active: false });
    onUpdated.fire(6, { status: 'loading' }, { ...shown, id: 6, active: false });
    stop();
    onActivated.fire({ tabId: 5, windowId: 2 });
    expect(changes).toBe(2);
  });
});

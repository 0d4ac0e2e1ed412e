import { browser, type Browser, type Tabs } from './browser.ts';

type TabsApi = Pick<Browser, 'tabs'>;

/** A tab's page and the cookie store it uses. */
export type TabSite = {
  tabId: number;
  url: string | undefined;
  storeId: string | undefined;
  /** Chrome: the page a tab is navigating to, before it commits (its cookies may come first). */
  pendingUrl?: string | undefined;
  /**
   * The browser unloaded the tab (Firefox restores a session's tabs so, and either browser unloads
   * tabs under memory pressure): it shows its address but runs no page until it loads again.
   */
  discarded?: true;
  /**
   * On an update: whether the tab may show another page than before (its address changed, or a
   * load started); false when it only finished loading or changed its title. Unknown (absent) on
   * a creation, a replacement and the tabs' read.
   */
  pageChanged?: boolean;
};

function tabSite(tab: Tabs.Tab): TabSite {
  // Firefox names the store on the tab; Chrome only says whether the tab is private ("1").
  const storeId = tab.cookieStoreId ?? (tab.incognito ? '1' : undefined);
  return {
    tabId: tab.id ?? -1,
    url: tab.url,
    storeId,
    pendingUrl: (tab as { pendingUrl?: string }).pendingUrl,
    ...(tab.discarded ? { discarded: true as const } : {}),
  };
}

/**
 * The active tab of the current window. Without a host permission for its site the browser
 * hides the URL and `url` is undefined, except for the popup the toolbar button opens: the click
 * grants `activeTab`, which shows it, so the popup can say it has no access and offer the grant.
 */
export async function activeTab(api: TabsApi = browser): Promise<TabSite | undefined> {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tabSite(tab) : undefined;
}

/** Every tab whose URL we may see. */
export async function visibleTabs(api: TabsApi = browser): Promise<TabSite[]> {
  return (await api.tabs.query({})).map(tabSite).filter((tab) => tab.url !== undefined);
}

/**
 * Every tab, its URL undefined where the browser hides it from us (a site the extension may not
 * see, since it has no `tabs` permission): a badge set while the site was granted is still to clear.
 */
export async function everyTab(api: TabsApi = browser): Promise<TabSite[]> {
  return (await api.tabs.query({})).map(tabSite);
}

/** Calls `listener` when a tab finishes loading a page or becomes active. */
export function onTabShown(listener: (tab: TabSite) => void, api: TabsApi = browser): void {
  api.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.status === 'complete') listener(tabSite(tab));
  });
  api.tabs.onActivated.addListener(({ tabId }) => {
    api.tabs.get(tabId).then(
      (tab) => listener(tabSite(tab)),
      () => undefined,
    );
  });
}

/** Calls `updated` when a tab opens, navigates or changes, and `removed` when one closes. */
export function onTabsChanged(updated: (tab: TabSite) => void, removed: (tabId: number) => void, api: TabsApi = browser): void {
  // A new tab's store is known as it opens, before its first request (Chrome's webRequest names none: open-tabs.ts).
  api.tabs.onCreated.addListener((tab) => updated(tabSite(tab)));
  // Whether it may show another page than before (its address changed, or a load started): at a
  // wake, a cookie heard before such a change was not written by the page the tabs' read shows (browser-events.ts).
  api.tabs.onUpdated.addListener((_tabId, change, tab) =>
    updated({ ...tabSite(tab), pageChanged: change.url !== undefined || change.status === 'loading' }),
  );
  api.tabs.onRemoved.addListener((tabId) => removed(tabId));
  // A prerendered page swapped in takes a new tab id.
  api.tabs.onReplaced.addListener((added, gone) => {
    removed(gone);
    api.tabs.get(added).then(
      (tab) => updated(tabSite(tab)),
      () => undefined,
    );
  });
}

/**
 * Calls `listener` when a window closes (windows.onRemoved: no permission needed). Where the
 * browser has no windows (Firefox for Android), never.
 */
export function onWindowClosed(listener: () => void, api: Partial<Pick<Browser, 'windows'>> = browser): void {
  api.windows?.onRemoved.addListener(() => listener());
}

/**
 * Takes tab `tabId` to `url`, in place of its current history entry where the browser can
 * (Firefox's `loadReplace`). Chrome, which has no such option, refuses a key it does not know in
 * its check of the arguments, at once: it gets the load without it, as a new history entry.
 * Resolves to false when the tab is gone or refuses the address, without waiting for the load.
 */
export async function navigateTab(tabId: number, url: string, api: TabsApi = browser): Promise<boolean> {
  // That check throws rather than rejects: the promise turns it into a rejection.
  const update = (details: Tabs.UpdateUpdatePropertiesType) => new Promise((resolve) => resolve(api.tabs.update(tabId, details)));
  try {
    await update({ url, loadReplace: true }).catch(() => update({ url }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves to true once an update of tab `tabId` is one `wanted` accepts; false when the tab
 * closes first, or `signal` aborts. Its listeners go either way.
 */
function tabUpdate(
  tabId: number,
  wanted: (change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => boolean,
  signal: AbortSignal,
  api: TabsApi,
): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (happened: boolean) => {
      api.tabs.onUpdated.removeListener(updated);
      api.tabs.onRemoved.removeListener(removed);
      signal.removeEventListener('abort', aborted);
      resolve(happened);
    };
    const updated = (id: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
      if (id === tabId && wanted(change, tab)) finish(true);
    };
    const removed = (id: number) => {
      if (id === tabId) finish(false);
    };
    const aborted = () => finish(false);
    if (signal.aborted) return resolve(false);
    api.tabs.onUpdated.addListener(updated);
    api.tabs.onRemoved.addListener(removed);
    signal.addEventListener('abort', aborted);
  });
}

/**
 * Resolves to true once tab `tabId` has finished loading `url`, or an address the browser hides
 * from us (without the `tabs` permission, about:blank's is hidden): not a page of the host
 * permissions', so not the one it left. False when the tab closes first, or `signal` aborts.
 */
export function tabLoaded(tabId: number, url: string, signal: AbortSignal, api: TabsApi = browser): Promise<boolean> {
  return tabUpdate(tabId, (change, tab) => change.status === 'complete' && (tab.url === undefined || tab.url === url), signal, api);
}

/**
 * Resolves to true once tab `tabId` shows an address `shows` accepts (the browser says so as the
 * page commits, before it has loaded). False when the tab closes first, or `signal` aborts.
 */
export function tabShows(tabId: number, shows: (url: string) => boolean, signal: AbortSignal, api: TabsApi = browser): Promise<boolean> {
  return tabUpdate(tabId, (_change, tab) => tab.url !== undefined && shows(tab.url), signal, api);
}

/** A tab by its id; undefined when there is no such tab (closed, or never was). */
export async function tabById(tabId: number, api: TabsApi = browser): Promise<TabSite | undefined> {
  try {
    return tabSite(await api.tabs.get(tabId));
  } catch {
    return undefined;
  }
}

/**
 * Tab `tabId` as it is now: its address (undefined when hidden from us) and whether it is loading
 * a page; undefined when there is no such tab.
 */
export async function tabNow(tabId: number, api: TabsApi = browser): Promise<{ url: string | undefined; loading: boolean } | undefined> {
  try {
    const tab = await api.tabs.get(tabId);
    return { url: tab.url, loading: tab.status === 'loading' };
  } catch {
    return undefined;
  }
}

/**
 * True when a tab's change may be a new address. Without the `tabs` permission both browsers
 * leave `url` out of the change when the extension has no host access to the new address
 * (https://developer.chrome.com/docs/extensions/reference/api/tabs#perms,
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/onUpdated),
 * so a portal left for a site we may not see shows only as loading states: both are heard (at
 * the loading start the tab may still show the old address). Listeners find the site afresh; an
 * unchanged one costs nothing more.
 */
const mayHaveMoved = (change: Tabs.OnUpdatedChangeInfoType) => change.url !== undefined || change.status !== undefined;

/** Calls `listener` when tab `tabId` goes to another address (or may have); returns the unsubscribe function. */
export function onTabNavigated(tabId: number, listener: () => void, api: TabsApi = browser): () => void {
  const handler = (id: number, change: Tabs.OnUpdatedChangeInfoType) => {
    if (id === tabId && mayHaveMoved(change)) listener();
  };
  api.tabs.onUpdated.addListener(handler);
  return () => api.tabs.onUpdated.removeListener(handler);
}

/**
 * Calls `listener` when the tab shown in window `windowId` changes: another tab is made active
 * there, or the active one goes to another address (or may have: see `mayHaveMoved`). Returns
 * the unsubscribe function.
 */
export function onShownTabChanged(windowId: number, listener: () => void, api: TabsApi = browser): () => void {
  const activated = (info: Tabs.OnActivatedActiveInfoType) => {
    if (info.windowId === windowId) listener();
  };
  const updated = (_id: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
    if (tab.active && tab.windowId === windowId && mayHaveMoved(change)) listener();
  };
  api.tabs.onActivated.addListener(activated);
  api.tabs.onUpdated.addListener(updated);
  return () => {
    api.tabs.onActivated.removeListener(activated);
    api.tabs.onUpdated.removeListener(updated);
  };
}

/** The active tab of window `windowId`. */
export async function activeTabOf(windowId: number, api: TabsApi = browser): Promise<TabSite | undefined> {
  const [tab] = await api.tabs.query({ active: true, windowId });
  return tab ? tabSite(tab) : undefined;
}

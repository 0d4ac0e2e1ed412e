import { withoutPathParameters } from '../core/path-parameters.ts';
import { webHost } from '../core/portals.ts';
import type { TabSite } from '../platform/tabs.ts';

/**
 * The sites open in tabs now, per cookie store: whether a cookie on a parent domain may be
 * filed under a portal depends on it (see recorder.ts), and so does which records are never
 * evicted for room. A view of browser state, not recorded state: rebuilt from tabs.query at each
 * wake (`replaceAll`) and kept current by tab events, like the granted hosts.
 */
/** The page a tab shows or loads: its host, its path, and the tab's cookie store. */
export type TabPage = { host: string; path: string; storeId: string };

export type OpenTabs = {
  /** Every tab open now; `defaultStoreId` is the store of tabs that do not name one (Chrome's normal windows). */
  replaceAll(tabs: readonly TabSite[], defaultStoreId: string): void;
  /** A tab opened, navigated or changed. */
  update(tab: TabSite): void;
  /** A tab closed. */
  remove(tabId: number): void;
  /**
   * The tab's top frame starts loading `url` (webRequest's main_frame request, when granted): its
   * cookies can come before the tab reports the new address (Firefox reports the response's
   * cookies before the tab commits). Kept until the tab shows that address or loads another.
   */
  navigating(tabId: number, url: string): void;
  /**
   * A change of tab `tabId` was heard (its update, with its store where the browser names one; the
   * start of its top-frame request, without): the change itself may be applied later, behind cookie
   * events still waiting (browser-events.ts), but a tab never changes store, so its store is known now.
   */
  tabHeard(tabId: number, storeId?: string): void;
  /** The cookie store of tab `tabId` when a change of it was heard or it shows a web page; else null. */
  storeOfTab(tabId: number): string | null;
  /** Path of the page the tabs of `host` show or load in `storeId`; null when none does, or they show different pages. */
  pageOf(host: string, storeId: string): string | null;
  /** The page tab \`tabId\` shows or loads (host and path) and its cookie store; null when it shows no web page or is unknown. */
  pageOfTab(tabId: number): TabPage | null;
  /** True when a tab shows \`host\` in cookie store \`storeId\`. */
  has(host: string, storeId: string): boolean;
  /** Hosts shown in tabs of `storeId`. */
  hosts(storeId: string): Set<string>;
  /** Hosts shown in any tab. */
  allHosts(): Set<string>;
};

/** One tab as kept: its store, the hosts it shows, the page it shows or loads, and the address webRequest saw it start loading. */
type OpenTab = { storeId: string | undefined; hosts: string[]; page: URL | null; navigatingTo: string | null };

/** An http(s) URL, or null. */
function webUrl(url: string | undefined | null): URL | null {
  return url && webHost(url) ? new URL(url) : null;
}

/**
 * The path of a tab's page as it may be kept: without path parameters (`/login;jsessionid=…` ->
 * `/login`), which can carry a session cookie's value into a cookie's `firstPage`.
 */
const pathOf = (page: URL): string => withoutPathParameters(page.pathname);

/**
 * The same host and path (a committed address may differ from the requested one by its query or
 * fragment, and by its path parameters: a server may add or drop `;jsessionid=…`).
 */
function sameAddress(requested: string, committed: string | undefined): boolean {
  const [a, b] = [webUrl(requested), webUrl(committed)];
  return a !== null && b !== null && a.hostname === b.hostname && pathOf(a) === pathOf(b);
}

export function createOpenTabs(): OpenTabs {
  /** Per tab: its store and the hosts it shows (the committed URL, and the one it is loading). */
  const tabs = new Map<number, OpenTab>();
  let defaultStore = '0';

  const hostsOf = (urls: Array<string | undefined | null>) =>
    urls.map((url) => webHost(url ?? undefined)).filter((host): host is string => host !== null);

  function update(tab: TabSite): void {
    const previous = tabs.get(tab.tabId);
    // Still loading what webRequest saw start: keep it until the tab shows it.
    const navigatingTo = previous?.navigatingTo && !sameAddress(previous.navigatingTo, tab.url) ? previous.navigatingTo : null;
    // The newest address first: the one webRequest saw start loading, then Chrome's pendingUrl, then the committed one.
    const urls = [navigatingTo, tab.pendingUrl, tab.url];
    const page = urls.map(webUrl).find((url) => url !== null) ?? null;
    tabs.set(tab.tabId, { storeId: tab.storeId, hosts: [...new Set(hostsOf(urls))], page, navigatingTo });
  }

  /** Per tab heard of, its store (undefined: the default one, as a tab that names none): a new tab's frames are its store's before its page is applied. */
  const heardStores = new Map<number, string | undefined>();

  function navigating(tabId: number, url: string): void {
    const previous = tabs.get(tabId);
    const hosts = [...new Set([...hostsOf([url]), ...(previous?.hosts ?? [])])];
    tabs.set(tabId, { storeId: previous?.storeId, hosts, page: webUrl(url), navigatingTo: url });
  }

  function pageOfTab(tabId: number): TabPage | null {
    const tab = tabs.get(tabId);
    if (!tab?.page) return null;
    return { host: tab.page.hostname.toLowerCase(), path: pathOf(tab.page), storeId: tab.storeId ?? defaultStore };
  }

  function hosts(storeId: string): Set<string> {
    const found = new Set<string>();
    for (const tab of tabs.values()) if ((tab.storeId ?? defaultStore) === storeId) for (const host of tab.hosts) found.add(host);
    return found;
  }

  return {
    replaceAll(all, defaultStoreId) {
      defaultStore = defaultStoreId;
      // A page webRequest saw start loading while the tabs were being read is newer than their answer.
      const loading = [...tabs].filter(([, tab]) => tab.navigatingTo !== null);
      tabs.clear();
      for (const [tabId, tab] of loading) tabs.set(tabId, tab);
      for (const tab of all) update(tab);
    },
    update,
    remove(tabId) {
      tabs.delete(tabId);
      heardStores.delete(tabId);
    },
    navigating,
    tabHeard(tabId, storeId) {
      if (storeId !== undefined || !heardStores.has(tabId)) heardStores.set(tabId, storeId);
    },
    pageOfTab,
    // A store the browser named first: the tab's page may have been applied before its update (a navigation heard first).
    storeOfTab: (tabId) => heardStores.get(tabId) ?? pageOfTab(tabId)?.storeId ?? (heardStores.has(tabId) ? defaultStore : null),
    pageOf(host, storeId) {
      const pages = new Set<string>();
      for (const tab of tabs.values()) {
        if ((tab.storeId ?? defaultStore) === storeId && tab.page?.hostname.toLowerCase() === host) pages.add(pathOf(tab.page));
      }
      return pages.size === 1 ? [...pages][0]! : null;
    },
    has: (host, storeId) => hosts(storeId).has(host),
    hosts,
    allHosts: () => new Set([...tabs.values()].flatMap((tab) => tab.hosts)),
  };
}

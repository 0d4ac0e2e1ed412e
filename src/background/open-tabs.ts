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
   * Tab `tabId`'s store was heard, named by its update or creation (undefined: it names none, the
   * default store). Its change
   * itself may be applied later, behind cookie events still waiting (browser-events.ts), but a tab
   * never changes store, so its store is known now. Until it or the tab's top-frame request is
   * heard (requestHeard), the tab counts in no store.
   */
  tabHeard(tabId: number, storeId: string | undefined): void;
  /**
   * Tab `tabId`'s top-frame request was heard, in store `storeId` where the request names it
   * (Firefox's always does). One that names none (Chrome's) leaves a store already heard, else
   * counts the tab in the default store: a prerendered page Chrome swaps in has no creation event,
   * and a normal tab may be heard first so. Chrome shows an extension incognito tabs only where the
   * person allowed it there: such a tab heard first so counts in the normal store until its
   * creation or update is heard (README, Limits).
   */
  requestHeard(tabId: number, storeId: string | undefined): void;
  /** The cookie store of tab `tabId` once known (heard, or read from the browser's tabs); else null. */
  storeOfTab(tabId: number): string | null;
  /**
   * Path of the page the tabs of `host` show or load in `storeId`; null when none does, or they
   * show different pages. Neither this nor `has` and `hosts` counts a tab the browser unloaded.
   */
  pageOf(host: string, storeId: string): string | null;
  /** The page tab \`tabId\` shows or loads (host and path) and its cookie store; null when it shows no web page or is unknown. */
  pageOfTab(tabId: number): TabPage | null;
  /** True when a tab shows \`host\` in cookie store \`storeId\`. */
  has(host: string, storeId: string): boolean;
  /** Hosts shown in tabs of `storeId`. */
  hosts(storeId: string): Set<string>;
  /** Hosts shown in any tab, those of a tab whose store is not known yet, or that the browser unloaded, included. */
  allHosts(): Set<string>;
};

/**
 * One tab as kept: the hosts it shows, the page it shows or loads, the address webRequest saw it
 * start loading, and whether the browser unloaded it (no page of it runs, so none writes a cookie).
 */
type OpenTab = {
  hosts: string[];
  page: URL | null;
  navigatingTo: string | null;
  unloaded: boolean;
  /** navigatingTo was heard after the browser unloaded the tab, or before the tab was known: it loading again. */
  reloading: boolean;
};

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
  /** Per tab: the hosts it shows (the committed URL, and the one it is loading). */
  const tabs = new Map<number, OpenTab>();
  /**
   * Per tab whose store is known, its store (undefined: the default one, as a tab that names
   * none). Apart from its page: a store is heard before the change naming it is applied.
   */
  const stores = new Map<number, string | undefined>();
  let defaultStore = '0';

  const hostsOf = (urls: Array<string | undefined | null>) =>
    urls.map((url) => webHost(url ?? undefined)).filter((host): host is string => host !== null);

  function update(tab: TabSite): void {
    const previous = tabs.get(tab.tabId);
    // Still loading what webRequest saw start: keep it until the tab shows it.
    const loading = previous?.navigatingTo && !sameAddress(previous.navigatingTo, tab.url) ? previous.navigatingTo : null;
    // A load heard after the tab was unloaded is it loading again (its address the one it reloads:
    // loading until an update says it is no longer unloaded). One heard before (a download, a 204:
    // it never committed) is not, and an unloaded tab loads nothing.
    const reloading = tab.discarded === true && previous?.reloading === true && previous.navigatingTo !== null;
    const unloaded = tab.discarded === true && !reloading;
    const navigatingTo = unloaded ? null : reloading ? previous.navigatingTo : loading;
    // The newest address first: the one webRequest saw start loading, then Chrome's pendingUrl, then the committed one.
    const urls = [navigatingTo, tab.pendingUrl, tab.url];
    const page = urls.map(webUrl).find((url) => url !== null) ?? null;
    stores.set(tab.tabId, tab.storeId);
    tabs.set(tab.tabId, { hosts: [...new Set(hostsOf(urls))], page, navigatingTo, unloaded, reloading });
  }

  function navigating(tabId: number, url: string): void {
    const previous = tabs.get(tabId);
    const hosts = [...new Set([...hostsOf([url]), ...(previous?.hosts ?? [])])];
    // A tab not known yet may be an unloaded one loading again (its update is not heard yet).
    const reloading = previous === undefined || previous.unloaded || previous.reloading;
    tabs.set(tabId, { hosts, page: webUrl(url), navigatingTo: url, unloaded: false, reloading });
  }

  /**
   * A tab's store, null while not heard: a tab counts in a store once its creation, update or
   * top-frame request is heard (a request naming no store, Chrome's, counts it in the default one:
   * requestHeard), so a Firefox private tab whose page is applied first, its request naming its
   * store, files no cookie of the normal windows under the site it loads.
   */
  const storeOf = (tabId: number): string | null => (stores.has(tabId) ? (stores.get(tabId) ?? defaultStore) : null);

  function pageOfTab(tabId: number): TabPage | null {
    const tab = tabs.get(tabId);
    const storeId = storeOf(tabId);
    if (!tab?.page || storeId === null) return null;
    return { host: tab.page.hostname.toLowerCase(), path: pathOf(tab.page), storeId };
  }

  /**
   * The tabs of store `storeId` that may write its cookies: not one the browser unloaded, whose
   * site, left open under a parent domain, would make another site's write there of unknown origin.
   */
  const tabsOf = (storeId: string) => [...tabs].filter(([tabId, tab]) => storeOf(tabId) === storeId && !tab.unloaded).map(([, tab]) => tab);

  function hosts(storeId: string): Set<string> {
    return new Set(tabsOf(storeId).flatMap((tab) => tab.hosts));
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
      stores.delete(tabId);
    },
    navigating,
    tabHeard: (tabId, storeId) => void stores.set(tabId, storeId),
    requestHeard(tabId, storeId) {
      if (storeId !== undefined || !stores.has(tabId)) stores.set(tabId, storeId);
    },
    pageOfTab,
    storeOfTab: storeOf,
    pageOf(host, storeId) {
      const pages = new Set<string>();
      for (const tab of tabsOf(storeId)) if (tab.page?.hostname.toLowerCase() === host) pages.add(pathOf(tab.page));
      return pages.size === 1 ? [...pages][0]! : null;
    },
    has: (host, storeId) => hosts(storeId).has(host),
    hosts,
    allHosts: () => new Set([...tabs.values()].flatMap((tab) => tab.hosts)),
  };
}

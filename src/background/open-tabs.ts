import { webHost } from '../core/portals.ts';
import type { TabSite } from '../platform/tabs.ts';

/**
 * The sites open in tabs now, per cookie store: whether a cookie on a parent domain may be
 * filed under a portal depends on it (see recorder.ts), and so does which records are never
 * evicted for room. A view of browser state, not recorded state: rebuilt from tabs.query at each
 * wake (`replaceAll`) and kept current by tab events, like the granted hosts.
 */
export type OpenTabs = {
  /** Every tab open now; `defaultStoreId` is the store of tabs that do not name one (Chrome's normal windows). */
  replaceAll(tabs: readonly TabSite[], defaultStoreId: string): void;
  /** A tab opened, navigated or changed. */
  update(tab: TabSite): void;
  /** A tab closed. */
  remove(tabId: number): void;
  /** True when a tab shows `host` in cookie store `storeId`. */
  has(host: string, storeId: string): boolean;
  /** Hosts shown in tabs of `storeId`. */
  hosts(storeId: string): Set<string>;
  /** Hosts shown in any tab. */
  allHosts(): Set<string>;
};

export function createOpenTabs(): OpenTabs {
  /** Per tab: its store and the hosts it shows (the committed URL, and the one it is loading). */
  const tabs = new Map<number, { storeId: string | undefined; hosts: string[] }>();
  let defaultStore = '0';

  function update(tab: TabSite): void {
    const hosts = [webHost(tab.url), webHost(tab.pendingUrl)].filter((host): host is string => host !== null);
    tabs.set(tab.tabId, { storeId: tab.storeId, hosts });
  }

  function hosts(storeId: string): Set<string> {
    const found = new Set<string>();
    for (const tab of tabs.values()) if ((tab.storeId ?? defaultStore) === storeId) for (const host of tab.hosts) found.add(host);
    return found;
  }

  return {
    replaceAll(all, defaultStoreId) {
      defaultStore = defaultStoreId;
      tabs.clear();
      for (const tab of all) update(tab);
    },
    update,
    remove: (tabId) => void tabs.delete(tabId),
    has: (host, storeId) => hosts(storeId).has(host),
    hosts,
    allHosts: () => new Set([...tabs.values()].flatMap((tab) => tab.hosts)),
  };
}

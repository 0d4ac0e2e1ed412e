/**
 * A private session's traces: which cookie stores are private windows', which of them ended, and
 * which storage.session keys hold what was recorded of one that ended. When the person closes
 * the last incognito or private window, the browser throws that session's cookies away; what the
 * extension noted of them (names, domains, times, pages) must go too, not wait for the browser
 * to restart (background/private-sessions.ts acts on it).
 *
 * Which store is private, by the browser's own data:
 * - Firefox lists its stores with an `incognito` flag, true for the private windows' store
 *   ('firefox-private'), false for the default store and each container (MDN cookies.CookieStore;
 *   ext-cookies.js, getAllCookieStores: `incognito: key == PRIVATE_STORE`).
 * - Chrome's stores carry no flag; its incognito store's id is always "1" (MDN cookies.CookieStore:
 *   "you can identify incognito cookie stores in Chrome because their id is always '1'").
 * A store the browser no longer lists shows no flag: it is judged by those two ids alone. So a
 * Firefox container ('firefox-container-N'), which the browser stops listing when none of its
 * tabs is open though its cookies live on (platform/cookies.ts, storeCookies), is never private.
 *
 * Which private store ended: one the browser no longer lists. Both browsers list only the stores
 * that have a tab open (Chromium's cookies_api.cc; Firefox's ext-cookies.js builds the list from
 * its tabs), and a private store has a tab exactly while a private window is open.
 */
import { hostOfKey, hostOfSiteKey, isLiveCharterKey, isPageKey, storeOfKey, tabOfNetworkLogKey } from './session-items.ts';

/** Chrome's incognito cookie store (its id is always "1": MDN cookies.CookieStore). */
export const CHROME_INCOGNITO_STORE = '1';
/** Firefox's private windows' cookie store (MDN cookies.CookieStore, "Work with the Cookies API"). */
export const FIREFOX_PRIVATE_STORE = 'firefox-private';

/** A cookie store as cookies.getAllCookieStores lists it. */
export type ListedStore = {
  /** The store's id. */
  id: string;
  /** Firefox only: true for the private windows' store. */
  incognito?: boolean;
  /** The tabs that use it (absent in a test's fake: then no tab is known closed). */
  tabIds?: readonly number[];
};

/** True when store `storeId` is a private session's: the browser's flag when it lists the store with one, else its id (see the top). */
export function isPrivateStore(storeId: string, listed: readonly ListedStore[] = []): boolean {
  const flag = listed.find((store) => store.id === storeId)?.incognito;
  if (typeof flag === 'boolean') return flag;
  return storeId === CHROME_INCOGNITO_STORE || storeId === FIREFOX_PRIVATE_STORE;
}

/** True when some key names a store that may be private (by its id): only then is the browser asked which stores it has. */
export function mayHoldPrivateTraces(keys: Iterable<string>): boolean {
  for (const key of keys) {
    const storeId = storeOfKey(key);
    if (storeId !== null && isPrivateStore(storeId)) return true;
  }
  return false;
}

/** What a private session that ended left in storage.session. */
export type PrivateTraces = {
  /** The private stores that ended (named by some key, no longer listed). */
  stores: string[];
  /** The keys to forget. */
  keys: string[];
};

/**
 * The traces in `keys` (every key storage.session holds) of the private sessions that ended,
 * given the stores the browser lists now (`listed`):
 * - every key naming such a store: its sites' records, kept runs and first pages;
 * - the network logs of tabs no listed store holds any more (its tabs are closed; a closed tab's
 *   log goes anyway, but one the worker missed closing would name its private pages);
 * - the live charter of a host only that session had a key of, when no tab shows it now
 *   (`hostsInUse`): its key would tell the site was visited. It is public text, read again when needed.
 *
 * `closedTabs` are tabs heard closed that a store may still list: the browser may list the last
 * private tab while its removal is being told. A store whose listed tabs are all among them ended.
 * None of it when no private session ended.
 */
export function privateTraces(
  keys: readonly string[],
  listed: readonly ListedStore[],
  hostsInUse: ReadonlySet<string> = new Set(),
  closedTabs: ReadonlySet<number> = new Set(),
): PrivateTraces {
  const open = new Set(
    listed.filter((store) => store.tabIds === undefined || store.tabIds.some((tabId) => !closedTabs.has(tabId))).map((store) => store.id),
  );
  const ended = new Set<string>();
  for (const key of keys) {
    const storeId = storeOfKey(key);
    if (storeId !== null && !open.has(storeId) && isPrivateStore(storeId, listed)) ended.add(storeId);
  }
  if (ended.size === 0) return { stores: [], keys: [] };

  const forgotten = keys.filter((key) => ended.has(storeOfKey(key) ?? ''));
  // Network logs: only when every listed store says which tabs it has.
  if (listed.every((store) => store.tabIds !== undefined)) {
    const openTabs = new Set(listed.flatMap((store) => store.tabIds ?? []).filter((tabId) => !closedTabs.has(tabId)));
    for (const key of keys) {
      const tabId = tabOfNetworkLogKey(key);
      if (tabId !== null && !openTabs.has(tabId)) forgotten.push(key);
    }
  }
  // Live charters of hosts the ended sessions alone had a key of.
  const gone = new Set(forgotten);
  const endedHosts = new Set(forgotten.filter((key) => storeOfKey(key) !== null).map(hostOfSiteKey));
  // Hosts other keys still name: a record or kept run in another store, a first page of one.
  const hostNamed = (key: string) => (isPageKey(key) ? hostOfSiteKey(key) : hostOfKey(key));
  const keptHosts = new Set(keys.filter((key) => !gone.has(key) && !isLiveCharterKey(key)).flatMap((key) => hostNamed(key) ?? []));
  for (const key of keys) {
    if (!isLiveCharterKey(key)) continue;
    const host = hostOfKey(key)!;
    if (endedHosts.has(host) && !keptHosts.has(host) && !hostsInUse.has(host)) forgotten.push(key);
  }
  return { stores: [...ended], keys: forgotten };
}

import { browser, type Browser, type Cookies } from './browser.ts';
import type { BrowserCookie } from '../core/cookies/cookie-record.ts';
import type { ListedStore } from '../core/storage/private-stores.ts';

type CookiesApi = Pick<Browser, 'cookies'>;

/**
 * The store a query without `storeId` reads from the worker (or Firefox's background page): the
 * normal windows' store, which Chrome calls "0" and Firefox "firefox-default".
 */
const NORMAL_STORE_IDS: ReadonlySet<string> = new Set(['0', 'firefox-default']);

/** A cookie set or removed; `overwrite` removals are followed by the new cookie's event. */
export type CookieChange = { cookie: BrowserCookie; removed: boolean; cause: string };

/** Subscribes to every cookie change the host permissions let us see. */
export function onCookieChanged(listener: (change: CookieChange) => void, api: CookiesApi = browser): void {
  api.cookies.onChanged.addListener((info: Cookies.OnChangedChangeInfoType) => {
    listener({ cookie: info.cookie, removed: info.removed, cause: info.cause });
  });
}

/** One store's cookies (the caller's own without `storeId`), partitioned ones and every first party's asked for where the browser knows how. */
function readStore(store: { storeId?: string; domain?: string }, api: CookiesApi): Promise<BrowserCookie[]> {
  // That check throws rather than rejects: the promise turns it into a rejection.
  const ask = (details: Cookies.GetAllDetailsType) => new Promise<BrowserCookie[]>((resolve) => resolve(api.cookies.getAll(details)));
  return ask({ ...store, partitionKey: {}, firstPartyDomain: null })
    .catch(() => ask({ ...store, partitionKey: {} }))
    .catch(() => ask(store));
}

/**
 * The cookies of store `storeId`, asked by its id: Firefox lists a container's store among the
 * stores only while one of its tabs is open, but its cookies are there all the same. A store the
 * browser no longer has (Chrome's private one once its last window closed, a container deleted)
 * is refused ("Invalid cookie store id"): it holds none.
 */
export async function storeCookies(storeId: string, api: CookiesApi = browser): Promise<BrowserCookie[]> {
  try {
    return await readStore({ storeId }, api);
  } catch (error) {
    if (!(await api.cookies.getAllCookieStores()).some((store) => store.id === storeId)) return [];
    throw error;
  }
}

/**
 * Every cookie we may see (host permissions filter them), in every cookie store: normal,
 * private windows, Firefox containers. `partitionKey: {}` asks for partitioned (CHIPS) cookies
 * too, `firstPartyDomain: null` for those of every first party: Firefox refuses a query without
 * it when first-party isolation is on (privacy.firstparty.isolate: Tor and Mullvad Browser; MDN
 * cookies.getAll). A browser that does not know a filter gets the query without it: Chrome
 * refuses a key it does not know, at once, in its check of the arguments (no round trip).
 */
export async function allVisibleCookies(api: CookiesApi = browser): Promise<BrowserCookie[]> {
  const read = (store: { storeId?: string }) => readStore(store, api);
  // The caller's own store (no storeId), asked beside the list of stores: when that list has one
  // store and the answer is of it, the answer is all there is, a round trip sooner (the worker's
  // wake waits on this). Its cookies say which store it is; an empty answer says it only when the
  // one store is the normal windows' (the caller's own). Otherwise each store is asked by its id.
  // A failed read is none: each store is then asked by its id.
  const ownStore = read({}).catch(() => null);
  const stores = await api.cookies.getAllCookieStores();
  const only = stores.length === 1 ? stores[0]!.id : null;
  if (only !== null) {
    const own = await ownStore;
    if (own !== null && (own.length > 0 ? own.every((cookie) => cookie.storeId === only) : NORMAL_STORE_IDS.has(only))) return own;
  }
  const perStore = await Promise.all(stores.map((store) => read({ storeId: store.id })));
  return perStore.flat();
}

/** What `removeCookie` needs to address one cookie. */
export type CookieAddress = {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  storeId: string;
  partitionKey: string | null;
  /** The partition key's cross-site bit (Chrome; Firefox 153 gives it too); absent where the browser gives none, and then not sent. */
  hasCrossSiteAncestor?: boolean;
  /** Firefox's first party the cookie is isolated under ('' for none); absent where the browser gives none (Chrome refuses the key). */
  firstPartyDomain?: string;
};

/** Deletes one cookie from the browser; resolves to false when it was already gone. */
export async function removeCookie(cookie: CookieAddress, api: CookiesApi = browser): Promise<boolean> {
  const host = cookie.domain.replace(/^\./, '');
  const details: Cookies.RemoveDetailsType = {
    url: `http${cookie.secure ? 's' : ''}://${host}${cookie.path}`,
    name: cookie.name,
    storeId: cookie.storeId,
  };
  if (cookie.partitionKey) {
    // Passed only where the browser gave it: Chrome infers it otherwise, from the url, maybe wrongly.
    details.partitionKey = {
      topLevelSite: cookie.partitionKey,
      ...(typeof cookie.hasCrossSiteAncestor === 'boolean' ? { hasCrossSiteAncestor: cookie.hasCrossSiteAncestor } : {}),
    };
  }
  // Firefox refuses a removal without it when first-party isolation is on (MDN cookies.remove).
  if (cookie.firstPartyDomain !== undefined) details.firstPartyDomain = cookie.firstPartyDomain;
  return (await api.cookies.remove(details)) !== null;
}

/**
 * The cookie stores the browser has now, each with its tabs, and Firefox's `incognito` flag: both
 * browsers list only the stores that have a tab open (see `defaultCookieStoreId`).
 */
export async function cookieStores(api: CookiesApi = browser): Promise<ListedStore[]> {
  return (await api.cookies.getAllCookieStores()).map((store: { id: string; incognito?: boolean; tabIds?: number[] }) => ({
    id: store.id,
    ...(typeof store.incognito === 'boolean' ? { incognito: store.incognito } : {}),
    ...(store.tabIds ? { tabIds: store.tabIds } : {}),
  }));
}

/** A Firefox container's store id (MDN cookies.CookieStore): the browser lists it only while one of its tabs is open. */
const FIREFOX_CONTAINER_STORE = /^firefox-container-\d+$/;

/**
 * True when the browser has cookie store `storeId`: one it lists (a store with a tab open), or a
 * Firefox container's, whose cookies live on with no tab open (`storeCookies`), when the browser
 * reads it by its id. A private session's store that ended, or an id no browser gives, is none.
 * The normal windows' store, which the browsers do not list when no tab uses it, the caller knows
 * (`defaultCookieStoreId`).
 */
export async function hasCookieStore(storeId: string, api: CookiesApi = browser): Promise<boolean> {
  if ((await api.cookies.getAllCookieStores()).some((store) => store.id === storeId)) return true;
  if (!FIREFOX_CONTAINER_STORE.test(storeId)) return false;
  // Chrome refuses a store it does not have, Firefox may answer none: a container deleted is then taken as there.
  // The domain no cookie has (RFC 2606's .invalid): the answer is only whether the store was refused.
  return readStore({ storeId, domain: 'cookie-store.invalid' }, api).then(
    () => true,
    () => false,
  );
}

/**
 * The cookie store of normal windows: Chrome calls it "0", Firefox "firefox-default".
 * Private windows and containers have stores of their own.
 */
export async function defaultCookieStoreId(api: CookiesApi = browser): Promise<string> {
  const stores = await api.cookies.getAllCookieStores();
  const normal = stores.find((store) => NORMAL_STORE_IDS.has(store.id));
  if (normal) return normal.id;
  // Both browsers list only the stores that have a tab (Chromium's cookies_api.cc, Firefox's
  // ext-cookies.js): with only private windows or container tabs open, the normal one is missing,
  // and no store listed is it. Firefox's stores say they are its own: an `incognito` flag (typed
  // as always there, as in Firefox; Chrome's stores have none), `firefox-` ids.
  const firefox = stores.some((store: { id: string; incognito?: boolean }) => 'incognito' in store || store.id.startsWith('firefox-'));
  return firefox ? 'firefox-default' : '0';
}

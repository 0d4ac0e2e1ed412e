import { cookieAppliesToHost, type BrowserCookie } from '../core/cookies/cookie-record.ts';
import { partitionFits, partitionSiteHost } from '../core/cookies/third-party-attribution.ts';
import { webHost } from '../core/portals.ts';
import type { CookieAddress } from '../platform/cookies.ts';
import type { TabSite } from '../platform/tabs.ts';
import { addressToBringBack, comeBack, COME_BACK_WAIT_MS, LEAVE_WAIT_MS, within, type TabsAway } from './tabs-away.ts';

/** The browser calls and the record a clear needs. */
export type ClearSiteDeps = {
  /** The cookies the extension may see in one cookie store (asked by its id: a Firefox container with no tab open is listed nowhere). */
  storeCookies: (storeId: string) => Promise<BrowserCookie[]>;
  /** Deletes one cookie; resolves to false when it was already gone. */
  removeCookie: (cookie: CookieAddress) => Promise<boolean>;
  /** Every tab whose URL the extension may see. */
  visibleTabs: () => Promise<TabSite[]>;
  /** The normal windows' cookie store: a tab that names none is in it (Chrome names only the private one). */
  defaultStoreId: () => Promise<string>;
  /** Takes a tab to an address (in place of its history entry where the browser can); false when the tab is gone. */
  navigateTab: (tabId: number, url: string) => Promise<boolean>;
  /** True once a tab has loaded an address (or one hidden from us); false when it closes first or `signal` aborts. */
  tabLoaded: (tabId: number, url: string, signal: AbortSignal) => Promise<boolean>;
  /** True once a tab shows an address `shows` accepts; false when it closes first or `signal` aborts. */
  tabShows: (tabId: number, shows: (url: string) => boolean, signal: AbortSignal) => Promise<boolean>;
  /** How long a tab may take to leave its page before the clear goes on without it; 5 s unless a test says otherwise. */
  leaveWaitMs?: number;
  /** How long a tab may take to show its page again before the clear is done without it; 20 s unless a test says otherwise. */
  comeBackWaitMs?: number;
  /** Hears every cookie set or removed until the function it returns is called. */
  watchCookies: (listener: (cookie: BrowserCookie) => void) => () => void;
  /** How long no cookie of the site may change before its cookies are deleted; 200 ms unless a test says otherwise. */
  quietMs?: number;
  /** Starts the site's record afresh, with a marker (in the recorder's turn). */
  restartRecord: (host: string, storeId: string) => Promise<void>;
  /**
   * True while the browser has cookie store `storeId` (index.ts: the normal windows' store, or one
   * platform/cookies.ts `hasCookieStore` finds): a private session's that ended is not.
   */
  hasCookieStore: (storeId: string) => Promise<boolean>;
  /** Where the tabs taken away are noted until they are back, so a worker stopped meanwhile still brings them back (tabs-away.ts). */
  tabsAway: Pick<TabsAway, 'leaving' | 'done' | 'settled'>;
};

/** Where `removeCookie` finds a cookie, and nothing else of it (its value least of all). */
function cookieAddress(cookie: BrowserCookie): CookieAddress {
  const { name, domain, path, secure, storeId, firstPartyDomain } = cookie;
  // The partition travels as the top-level site the browser needs to find the cookie, with its
  // hasCrossSiteAncestor where the browser gave one (Chrome infers it from the url otherwise: a
  // same-site cookie set under a cross-site frame would stay); Firefox's first party too, where it gives one (first-party isolation requires it).
  const ancestor = cookie.partitionKey?.hasCrossSiteAncestor;
  const address: CookieAddress = { name, domain, path, secure, storeId, partitionKey: cookie.partitionKey?.topLevelSite ?? null };
  if (typeof ancestor === 'boolean') address.hasCrossSiteAncestor = ancestor;
  return firstPartyDomain === undefined ? address : { ...address, firstPartyDomain };
}

/**
 * True when the cookie is embedded content's partitioned under a site that covers `host`
 * (`https://opendatasoft.com` for `data.opendatasoft.com`), or isolated under such a first party
 * (Firefox's first-party isolation, Tor and Mullvad Browser). One whose own domain is inside that
 * site but does not apply to `host` is another host's of the site (`public.opendatasoft.com`'s
 * session, `www.tco.re`'s login, all isolated under the same first party): never the site's.
 */
function partitionedUnder(cookie: BrowserCookie, host: string): boolean {
  const site = partitionSiteHost(cookie);
  if (site === null || !cookieAppliesToHost({ domain: site, hostOnly: false }, host)) return false;
  const insideSite = cookieAppliesToHost({ domain: site, hostOnly: false }, cookie.domain.replace(/^\./, ''));
  return !insideSite || cookieAppliesToHost(cookie, host);
}

/** Clears a site (createClearSite); `before` runs only when this ask starts the clear, not when it shares one. */
export type ClearSite = (host: string, storeId: string, reloadTabs: boolean, before?: () => Promise<void>) => Promise<number>;

/** The page a tab is taken to while its site is cleared: empty, and one every extension may load. */
export const BLANK_PAGE = 'about:blank';

/**
 * Once its tabs have left, how long the site's cookies must stay unchanged before they are deleted,
 * and how long that is waited for at most. A page's handlers run as it is left, after the blank
 * page has loaded (Chrome may run them in the old page's process, after the new page committed):
 * a cookie one writes then is deleted with the others, and its event, heard before the record
 * restarts, is the old run's. Seen otherwise in about one run in eight in Chromium.
 */
const QUIET_MS = 200;
const QUIET_LIMIT_MS = 2_000;

/** Resolves once no cookie `concerns` has changed for `quietMs`, or after `limitMs` at most. */
function cookiesQuiet(deps: ClearSiteDeps, concerns: (cookie: BrowserCookie) => boolean, quietMs: number, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout>;
    const done = () => {
      clearTimeout(timer);
      clearTimeout(limit);
      stop();
      resolve();
    };
    const limit = setTimeout(done, limitMs);
    const stop = deps.watchCookies((cookie) => {
      if (!concerns(cookie)) return;
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    timer = setTimeout(done, quietMs);
  });
}

/**
 * Takes tab `tabId` to the blank page and waits, at most `limitMs`, until it has loaded it: until
 * then the page it showed still runs and may set cookies (its timers, its responses, its handlers
 * as it is left: GA4 reports engagement as a page is hidden). False when the tab is gone.
 */
function leavePage(deps: ClearSiteDeps, tabId: number, limitMs: number): Promise<boolean> {
  return within(limitMs, async (signal) => {
    // Listened to first: the blank page may load before the navigation's answer comes.
    const loaded = deps.tabLoaded(tabId, BLANK_PAGE, signal);
    if (!(await deps.navigateTab(tabId, BLANK_PAGE).catch(() => false))) return false;
    await loaded;
    return true;
  });
}

/**
 * "Record consent flow": deletes, in cookie store `storeId`, the cookies that apply to `host` and
 * every cookie of embedded content partitioned under a site that covers it (Firefox keeps embedded
 * content's cookies apart per top-level site): otherwise the new run might never see them set.
 * Another host's of that site kept under it (`www.tco.re`'s, isolated under `tco.re` as the
 * site's own are) is that host's, and kept. Those that apply to
 * `host` but are kept for another top-level site (partitioned under it, or isolated under its
 * first party) are kept: they are what a frame of the site wrote in that site's pages. An embedded
 * service's unpartitioned cookies (Chrome's `.disqus.com`, with third-party cookies allowed) are
 * kept: every site that embeds it shares them, and the person's session there is theirs. Then it
 * starts the record afresh.
 *
 * With `reloadTabs`, the site's tabs in that store (those whose address we see) first leave their
 * page for a blank one, and the clear waits until they have: a page still running after the
 * cookies are deleted could set one again, recorded in the new run as set before any choice (a
 * false alarm) or found there by the next scan. Once the record starts afresh, each tab loads the
 * address it showed again, and the clear resolves once each shows it. A tab closed meanwhile is
 * skipped; one slow to leave or to come back is waited for only so long (LEAVE_WAIT_MS,
 * COME_BACK_WAIT_MS). The tabs come back even when the clear fails, and, noted in storage until
 * they are back, even when the worker is stopped in the middle (tabs-away.ts).
 *
 * Resolves to how many cookies were deleted; one that cannot be deleted is skipped, not fatal. No
 * cookie's value is read or passed on.
 *
 * A clear of a site asked for while one of the same site and store runs (two pages, or two
 * clicks, at once) shares it: started apart, the second would find the tabs already blank, leave
 * them out, and answer while they were still away, and the record would restart twice. One that
 * takes the tabs away asked for while one that does not runs waits for it, then runs its own.
 *
 * `before` runs first, and only for an ask that starts a clear of its own (one that shares a
 * clear under way skips it); when it rejects, nothing is cleared.
 */
export function createClearSite(deps: ClearSiteDeps): ClearSite {
  // Clears under way (not state: a worker stopped in the middle leaves the tabs to tabs-away.ts).
  const running = new Map<string, { work: Promise<number>; reloadTabs: boolean }>();
  const clear = clearOnce(deps);
  return (host, storeId, reloadTabs, before) => {
    const key = `${storeId}|${host}`;
    const current = running.get(key);
    if (current && (current.reloadTabs || !reloadTabs)) return current.work;
    const work = (async () => {
      await before?.();
      await current?.work.catch(() => undefined);
      return clear(host, storeId, reloadTabs);
    })().finally(() => {
      if (running.get(key)?.work === work) running.delete(key);
    });
    running.set(key, { work, reloadTabs });
    return work;
  };
}

/** One clear, as createClearSite describes it, whatever else runs. */
function clearOnce(deps: ClearSiteDeps): (host: string, storeId: string, reloadTabs: boolean) => Promise<number> {
  const leaveWaitMs = deps.leaveWaitMs ?? LEAVE_WAIT_MS;
  const comeBackWaitMs = deps.comeBackWaitMs ?? COME_BACK_WAIT_MS;
  const quietMs = deps.quietMs ?? QUIET_MS;
  return async (host, storeId, reloadTabs) => {
    // A cookie on the site's domain that Firefox keeps for another top-level site (a frame of the
    // portal in that site's page) is that site's: its pages read it, the portal's never do.
    const ofSite = (c: BrowserCookie) =>
      c.storeId === storeId && ((cookieAppliesToHost(c, host) && partitionFits(c, host)) || partitionedUnder(c, host));
    let showing: { tabId: number; url: string }[] = [];
    if (reloadTabs) {
      // Tabs a clear stopped with the worker left blank are being brought back by this wake: until
      // they show their page their address is hidden, and this clear would miss them.
      await deps.tabsAway.settled();
      const [tabs, defaultStore] = await Promise.all([deps.visibleTabs(), deps.defaultStoreId()]);
      // Noted and loaded again without a session id in its address (addressToBringBack): the
      // clear starts the site afresh, and storage never holds a cookie's value.
      showing = tabs.flatMap(({ tabId, url, storeId: tabStore }) =>
        url !== undefined && webHost(url) === host && (tabStore ?? defaultStore) === storeId
          ? [{ tabId, url: addressToBringBack(url) }]
          : [],
      );
      // Noted before they go: were the worker stopped from here on, its next wake brings them back.
      if (showing.length > 0) await deps.tabsAway.leaving(showing).catch(() => undefined);
    }
    let left: { tabId: number; url: string }[] = [];
    // Whatever fails here, the tabs sent away come back: a tab left blank would have lost its page
    // (in Firefox, its history entry too).
    try {
      const leaving = await Promise.all(showing.map((tab) => leavePage(deps, tab.tabId, leaveWaitMs)));
      left = showing.filter((_tab, i) => leaving[i]);
      if (left.length > 0) await cookiesQuiet(deps, ofSite, quietMs, QUIET_LIMIT_MS);
      const cookies = (await deps.storeCookies(storeId)).filter(ofSite);
      const removed = await Promise.all(cookies.map((c) => deps.removeCookie(cookieAddress(c)).catch(() => false)));
      // A private session that ended meanwhile (its last window closed during the clear) had its
      // records forgotten (private-sessions.ts): a fresh start would write one of them back.
      if (await deps.hasCookieStore(storeId).catch(() => true)) await deps.restartRecord(host, storeId);
      return removed.filter(Boolean).length;
    } finally {
      // The pages that follow a tab (the DevTools panel, the side panel) ask for its site once the
      // action is done, and find it there, not at the blank page.
      await Promise.all(left.map((tab) => comeBack(deps, tab, comeBackWaitMs)));
      if (showing.length > 0) await deps.tabsAway.done(showing.map((tab) => tab.tabId)).catch(() => undefined);
    }
  };
}

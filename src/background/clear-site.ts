import { cookieAppliesToHost, type BrowserCookie } from '../core/cookies/cookie-record.ts';
import { webHost } from '../core/portals.ts';
import type { CookieAddress } from '../platform/cookies.ts';
import type { TabSite } from '../platform/tabs.ts';

/** The browser calls and the record a clear needs. */
export type ClearSiteDeps = {
  /** Every cookie the extension may see, in every cookie store. */
  allVisibleCookies: () => Promise<BrowserCookie[]>;
  /** Deletes one cookie; resolves to false when it was already gone. */
  removeCookie: (cookie: CookieAddress) => Promise<boolean>;
  /** Every tab whose URL the extension may see. */
  visibleTabs: () => Promise<TabSite[]>;
  /** The normal windows' cookie store: a tab that names none is in it (Chrome names only the private one). */
  defaultStoreId: () => Promise<string>;
  /** Reloads a tab. */
  reloadTab: (tabId: number) => Promise<void>;
  /** Starts the site's record afresh, with a marker (in the recorder's turn). */
  restartRecord: (host: string, storeId: string) => Promise<void>;
};

/** Where `removeCookie` finds a cookie, and nothing else of it (its value least of all). */
function cookieAddress(cookie: BrowserCookie): CookieAddress {
  const { name, domain, path, secure, storeId, firstPartyDomain } = cookie;
  // The partition travels as the top-level site the browser needs to find the cookie; Firefox's
  // first party too, where it gives one (first-party isolation requires it).
  const address = { name, domain, path, secure, storeId, partitionKey: cookie.partitionKey?.topLevelSite ?? null };
  return firstPartyDomain === undefined ? address : { ...address, firstPartyDomain };
}

/** True when the cookie is partitioned under a site that covers `host` (`https://opendatasoft.com` for `data.opendatasoft.com`). */
function partitionedUnder(cookie: BrowserCookie, host: string): boolean {
  const site = cookie.partitionKey?.topLevelSite;
  if (!site) return false;
  let siteHost: string;
  try {
    siteHost = new URL(site).hostname;
  } catch {
    return false;
  }
  return cookieAppliesToHost({ domain: siteHost, hostOnly: false }, host);
}

/**
 * "Record consent flow": deletes, in cookie store `storeId`, the cookies that apply to `host` and
 * every cookie partitioned under a site that covers it (Firefox keeps embedded content's cookies
 * apart per top-level site): otherwise the new run might never see them set. An embedded
 * service's unpartitioned cookies (Chrome's `.disqus.com`, with third-party cookies allowed) are
 * kept: every site that embeds it shares them, and the person's session there is theirs. Then it starts the
 * record afresh and, with `reloadTabs`, reloads the site's tabs in that store, so recording
 * starts from a fresh page. Resolves to how many cookies were deleted; one that cannot be deleted
 * is skipped, not fatal. No cookie's value is read or passed on.
 */
export function createClearSite(deps: ClearSiteDeps): (host: string, storeId: string, reloadTabs: boolean) => Promise<number> {
  return async (host, storeId, reloadTabs) => {
    const cookies = (await deps.allVisibleCookies()).filter(
      (c) => c.storeId === storeId && (cookieAppliesToHost(c, host) || partitionedUnder(c, host)),
    );
    const removed = await Promise.all(cookies.map((c) => deps.removeCookie(cookieAddress(c)).catch(() => false)));
    await deps.restartRecord(host, storeId);
    if (reloadTabs) {
      const [tabs, defaultStore] = await Promise.all([deps.visibleTabs(), deps.defaultStoreId()]);
      const showing = tabs.filter((tab) => webHost(tab.url) === host && (tab.storeId ?? defaultStore) === storeId);
      await Promise.all(showing.map((tab) => deps.reloadTab(tab.tabId)));
    }
    return removed.filter(Boolean).length;
  };
}

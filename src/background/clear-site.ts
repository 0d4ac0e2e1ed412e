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
  /** Reloads a tab. */
  reloadTab: (tabId: number) => Promise<void>;
  /** Starts the site's record afresh, with a marker (in the recorder's turn). */
  restartRecord: (host: string, storeId: string) => Promise<void>;
};

/**
 * "Record consent flow": deletes the cookies that apply to `host` in cookie store `storeId`,
 * starts its record afresh and, with `reloadTabs`, reloads its tabs in that store, so recording
 * starts from a fresh page. Resolves to how many cookies were deleted; one that cannot be
 * deleted is skipped, not fatal.
 */
export function createClearSite(deps: ClearSiteDeps): (host: string, storeId: string, reloadTabs: boolean) => Promise<number> {
  return async (host, storeId, reloadTabs) => {
    const cookies = (await deps.allVisibleCookies()).filter((c) => c.storeId === storeId && cookieAppliesToHost(c, host));
    const removed = await Promise.all(
      cookies.map((c) => deps.removeCookie({ ...c, partitionKey: c.partitionKey?.topLevelSite ?? null }).catch(() => false)),
    );
    await deps.restartRecord(host, storeId);
    if (reloadTabs) {
      const showing = (await deps.visibleTabs()).filter((tab) => webHost(tab.url) === host && (tab.storeId ?? storeId) === storeId);
      await Promise.all(showing.map((tab) => deps.reloadTab(tab.tabId)));
    }
    return removed.filter(Boolean).length;
  };
}

/**
 * The site of one tab, for the DevTools panel (its inspected tab) and for a panel page opened
 * with `?tabId=N`. The worker reads the tab (Firefox's DevTools panel has no tabs API); a tab that
 * does not exist, or an address that names none, is said plainly (SiteNotFound), never a blank page.
 */
import type { SiteQuery, TabSiteAnswer } from '../core/message-contract.ts';
import type { Translate } from '../core/ui-strings.ts';
import { SiteNotFound } from '../views/site-not-found.ts';

/** The tab a page is bound to: DevTools' inspected tab, else `?tabId=N`; null when neither. Throws SiteNotFound for a `tabId` that is no tab number. */
export function boundTabId(inspected: number | null, params: URLSearchParams, t: Translate): number | null {
  if (inspected !== null) return inspected;
  const raw = params.get('tabId');
  if (raw === null) return null;
  if (!/^\d{1,15}$/.test(raw.trim())) throw new SiteNotFound(t('badTabId', raw.slice(0, 100)));
  return Number(raw.trim());
}

/** Finds the site tab `tabId` shows, through the worker's `siteOfTab`. */
export function siteOfTab(tabId: number, ask: (tabId: number) => Promise<TabSiteAnswer>, t: Translate): () => Promise<SiteQuery | null> {
  return async () => {
    const answer = await ask(tabId);
    if (answer.kind === 'no-tab') throw new SiteNotFound(t('unknownTab', String(tabId)));
    if (answer.kind === 'no-site') return null;
    return { host: answer.host, ...(answer.storeId ? { storeId: answer.storeId } : {}) };
  };
}

/** A site a page is bound to: by `?host=HOST`, or by a tab (`?tabId=N`, DevTools' inspected tab). */
export type BoundSite = {
  /** The bound tab; null for a bound host. */
  tabId: number | null;
  /** Finds the site (rejects with SiteNotFound when the address is wrong or the tab is gone). */
  findSite: () => Promise<SiteQuery | null>;
};

/**
 * The site a panel page is bound to: `?host=HOST` first (as the popup), then DevTools' inspected
 * tab or `?tabId=N`; null when the page names none (the side panel then follows its window).
 */
export function boundSite(
  params: URLSearchParams,
  inspected: number | null,
  ask: (tabId: number) => Promise<TabSiteAnswer>,
  t: Translate,
): BoundSite | null {
  const host = params.get('host')?.trim().toLowerCase();
  if (host) {
    const store = params.get('store');
    const query: SiteQuery = { host, ...(store ? { storeId: store } : {}) };
    return { tabId: null, findSite: () => Promise.resolve(query) };
  }
  let tabId: number | null;
  try {
    tabId = boundTabId(inspected, params, t);
  } catch (error) {
    const problem = error instanceof Error ? error : new Error(String(error));
    return { tabId: null, findSite: () => Promise.reject(problem) };
  }
  return tabId === null ? null : { tabId, findSite: siteOfTab(tabId, ask, t) };
}

/** Starts listening for a change of the shown site; returns what stops it. */
export type WatchShownSite = (listener: () => void) => () => void;

/**
 * A site found as the page opens, before its App mounts (so the report can be asked for at
 * once), then handed to the App's first ask. A page that follows its window's tab watches it
 * from before that first find: a tab shown before the App takes the site (the App hears only
 * the changes after it mounts) makes it stale, and the App's first ask finds the site afresh, as
 * every ask after it does. `watchShownSite` is null for a page bound to its site.
 */
export function siteFoundEarly(
  findSite: () => Promise<SiteQuery | null>,
  watchShownSite: WatchShownSite | null,
): { first: Promise<SiteQuery | null>; findSite: () => Promise<SiteQuery | null> } {
  let stale = false;
  const stopWatching = watchShownSite ? watchShownSite(() => (stale = true)) : () => undefined;
  const first = findSite();
  let unclaimed: Promise<SiteQuery | null> | null = first;
  return {
    first,
    findSite: () => {
      const found = (stale ? null : unclaimed) ?? findSite();
      unclaimed = null;
      stopWatching();
      return found;
    },
  };
}

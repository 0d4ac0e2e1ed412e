/**
 * Builds again the first pages the store retired or could not keep (site-store.ts: built across
 * a change), once their site is quiet: a
 * page retired by a cookie event would otherwise be missing when the popup opens on a stopped
 * worker, which is when it saves the most (the worker stops 30 s after its last event, so the
 * popup often opens on a stopped one right after a visit). Only sites whose page was kept, that
 * is, sites someone looked at: the others cost nothing.
 */
import { FIRST_PAGE, type SiteQuery } from '../core/message-contract.ts';
import { isPageKey, siteOfPageKey } from '../core/storage/session-items.ts';

/** Quiet time after a page was retired before it is built again: a page load's burst of events is one build, not one per event. */
export const PAGE_REBUILD_DELAY_MS = 500;

type Timers = { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };

export type PageRefresher = {
  /** A page was retired: build it again once its site has been quiet for the delay. */
  retired(key: string): void;
  /** Keys forgotten for good (a private session that ended): their pages waiting are not built (a build reads the site's live charter). */
  forget(keys: readonly string[]): void;
};

/**
 * @param view asks for the site's first page as the popup does (site-reports.ts keeps it)
 */
export function createPageRefresher(
  view: (query: SiteQuery & { first: typeof FIRST_PAGE }) => Promise<unknown>,
  delayMs = PAGE_REBUILD_DELAY_MS,
  timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
): PageRefresher {
  const waiting = new Map<string, unknown>();
  return {
    retired(key) {
      if (!isPageKey(key)) return;
      const pending = waiting.get(key);
      if (pending !== undefined) timers.clearTimeout(pending);
      waiting.set(
        key,
        timers.setTimeout(() => {
          waiting.delete(key);
          // As the popup asked for it; a failure leaves the page missing: the popup asks the worker, as without one.
          view({ ...siteOfPageKey(key), first: FIRST_PAGE }).catch(() => undefined);
        }, delayMs),
      );
    },
    forget(keys) {
      for (const key of keys) {
        const pending = waiting.get(key);
        if (pending === undefined) continue;
        timers.clearTimeout(pending);
        waiting.delete(key);
      }
    },
  };
}

/**
 * The tabs a consent-flow clear takes to the blank page (clear-site.ts), kept in storage.session
 * until they are back: the browser may stop the worker at any moment, and a clear stopped in the
 * middle would otherwise leave its tabs blank, their addresses lost with the worker's memory.
 * The next wake brings back those still blank.
 */
import { ACTION_WAIT_LIMIT_MS } from '../core/message-contract.ts';
import { tabsAwayItem, type FullSessionArea, type TabAway } from '../core/storage/session-items.ts';
import type { TabSite } from '../platform/tabs.ts';

export type TabsAwayDeps = {
  area: Pick<FullSessionArea, 'read' | 'write' | 'remove'>;
  /** A tab by its id; undefined when it is gone. */
  tabById: (tabId: number) => Promise<TabSite | undefined>;
  /** Takes a tab to an address; false when the tab is gone. */
  navigateTab: (tabId: number, url: string) => Promise<boolean>;
  /** The page a clear takes tabs to. */
  blankPage: string;
  now?: () => number;
};

export type TabsAway = {
  /** Notes tabs about to be taken away, before they go. */
  leaving(tabs: ReadonlyArray<{ tabId: number; url: string }>): Promise<void>;
  /** Forgets tabs the clear is done with (back, closed, or never sent away). */
  done(tabIds: readonly number[]): Promise<void>;
  /** At a wake: takes each tab a stopped clear left blank back to its address; resolves to how many went back. */
  bringBackLeftOnes(): Promise<number>;
};

/**
 * A tab noted longer ago than this is not brought back: no clear runs that long (it gives up on
 * its tabs well within the time its page waits for it), so the person has had the blank tab to
 * themselves since, and may have started to use it.
 */
const FORGET_AFTER_MS = ACTION_WAIT_LIMIT_MS;

export function createTabsAway(deps: TabsAwayDeps): TabsAway {
  const now = deps.now ?? Date.now;
  // One change at a time: the note is one key, which two clears at once would otherwise overwrite.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work);
    queue = turn.catch(() => undefined);
    return turn;
  };
  const read = async () => (await tabsAwayItem.get(deps.area).catch(() => null)) ?? {};
  const write = (away: Record<string, TabAway>) =>
    Object.keys(away).length > 0 ? tabsAwayItem.set(deps.area, away) : deps.area.remove([tabsAwayItem.key]);
  const change = (edit: (away: Record<string, TabAway>) => void) =>
    inTurn(async () => {
      const away = await read();
      edit(away);
      await write(away);
    });

  return {
    leaving: (tabs) =>
      change((away) => {
        const at = now();
        for (const { tabId, url } of tabs) away[tabId] = { url, at };
      }),
    done: (tabIds) =>
      change((away) => {
        for (const tabId of tabIds) delete away[tabId];
      }),
    bringBackLeftOnes: () =>
      inTurn(async () => {
        const away = await read();
        const noted = Object.entries(away);
        if (noted.length === 0) return 0;
        const back = await Promise.all(
          noted.map(async ([id, { url, at }]) => {
            if (now() - at > FORGET_AFTER_MS) return false;
            const tab = await deps.tabById(Number(id));
            // Still blank, not somewhere the person went since: a site we may see shows its
            // address. About:blank's is hidden from us (no `tabs` permission), as another site's
            // is: the time limit above keeps that doubt short.
            if (!tab || (tab.url !== undefined && tab.url !== deps.blankPage)) return false;
            return deps.navigateTab(tab.tabId, url).catch(() => false);
          }),
        );
        await write({});
        return back.filter(Boolean).length;
      }),
  };
}

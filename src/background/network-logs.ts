import { checkedResponse, closedLog, withResponses, type NetworkLog } from '../core/network/network-log.ts';
import { networkLogItem, type FullSessionArea } from '../core/storage/session-items.ts';

/** What DevTools heard set cookies, per inspected tab, kept in storage.session. */
export type NetworkLogs = {
  /**
   * Adds what the DevTools page heard in `tabId` since it was opened at `openedAt` (a new
   * `openedAt` starts a new log: the page's first batch, empty, says DevTools opened). `responses`
   * come from a page: each is checked and copied field by field, a malformed one dropped; a batch
   * whose responses were all dropped changes nothing. Resolves to how many were kept, or null when
   * there is no such tab (nothing is written: no tab's removal would ever drop it).
   */
  note(tabId: number, openedAt: number, responses: readonly unknown[]): Promise<number | null>;
  /**
   * DevTools session `openedAt` on tab `tabId` ended at `at` (the DevTools page was closed): what
   * came after it is not claimed to be a script's. A later session's log is left as it is.
   */
  closed(tabId: number, openedAt: number, at: number): Promise<void>;
  /** The log of a tab; null when DevTools heard nothing there. */
  get(tabId: number): Promise<NetworkLog | null>;
  /** Drops a closed tab's log. */
  forget(tabId: number): Promise<void>;
};

/**
 * Logs live in storage.session (through the store's area, so they count against its budget), not
 * in the worker: it may be stopped between two responses. Changes of one tab's log go one after
 * the other, so two batches heard together are both kept. `tabExists` asks the browser whether a
 * tab is open; `changed` hears each change (the live pages are told).
 */
export function createNetworkLogs(
  area: FullSessionArea,
  tabExists: (tabId: number) => Promise<boolean>,
  changed: (tabId: number) => void = () => undefined,
): NetworkLogs {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    note: (tabId, openedAt, responses) =>
      inTurn(async () => {
        // Asked in the log's turn: a batch heard after its tab's removal comes after the `forget`
        // that removal queued, and finds no tab.
        if (!(await tabExists(tabId))) return null;
        const checked = responses.flatMap((response) => checkedResponse(response) ?? []);
        const item = networkLogItem(tabId);
        const before = await item.get(area);
        // Only DevTools' first batch starts a log empty (from then on, a cookie no response set is a script's).
        const starts = responses.length === 0 && before?.openedAt !== openedAt;
        if (checked.length === 0 && !starts) return 0;
        await item.set(area, withResponses(before, tabId, openedAt, checked));
        changed(tabId);
        return checked.length;
      }),
    closed: (tabId, openedAt, at) =>
      inTurn(async () => {
        const item = networkLogItem(tabId);
        const log = await item.get(area);
        const closed = log && closedLog(log, openedAt, at);
        if (!closed || closed === log) return;
        await item.set(area, closed);
        changed(tabId);
      }),
    get: (tabId) => networkLogItem(tabId).get(area),
    forget: (tabId) => inTurn(() => area.remove([networkLogItem(tabId).key])),
  };
}

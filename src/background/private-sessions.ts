import { mayHoldPrivateTraces, privateTraces, type ListedStore, type PrivateTraces } from '../core/storage/private-stores.ts';

/** What the worker forgets a private session's traces through. */
export type PrivateSessionsDeps = {
  /** Resolves once the worker's state is restored: every check waits on it. */
  ready: Promise<void>;
  /** The cookie stores the browser has now (cookies.getAllCookieStores, platform/cookies.ts). */
  cookieStores: () => Promise<readonly ListedStore[]>;
  /** Every key storage.session holds (the site store's list). */
  keys: () => readonly string[];
  /** Hosts shown in a tab now (their live charters stay). */
  hostsInUse: () => ReadonlySet<string>;
  /** Forgets `traces.keys` for good, and what else is kept of `traces.stores` (the recorder's turn, the site store, attribution). */
  forget: (traces: PrivateTraces) => Promise<void>;
  /** Hears a check that failed: the next one tries again. */
  onError?: (error: unknown) => void;
};

export type PrivateSessions = {
  /**
   * Forgets the traces of the private sessions that ended (storage/private-stores.ts); resolves,
   * once done, to what was forgotten. Checks run one after the other; each waits for `ready`.
   */
  check(): Promise<PrivateTraces>;
  /** A tab closed: a private session may have ended with it. */
  tabClosed(tabId: number): void;
  /** A window closed: a private session may have ended with it. */
  windowClosed(): void;
};

/**
 * When a private session ended, robustly: at each wake (`check` once restored: the worker may have
 * been stopped when the last private window closed), and when a tab or window closes. The browser
 * is asked only when some key names a store that may be private, so closing tabs costs nothing
 * in normal browsing. Tabs heard closed are kept in memory for the checks of this wake: the
 * browser may list the last private tab while telling its removal.
 */
export function createPrivateSessions(deps: PrivateSessionsDeps): PrivateSessions {
  const onError = deps.onError ?? ((error: unknown) => console.warn('Cookie Charter Inspector: private session traces not checked', error));
  const closedTabs = new Set<number>();
  let queue: Promise<unknown> = Promise.resolve();

  function check(): Promise<PrivateTraces> {
    const turn = queue.then(async () => {
      await deps.ready;
      const none: PrivateTraces = { stores: [], keys: [] };
      if (!mayHoldPrivateTraces(deps.keys())) return none;
      const listed = await deps.cookieStores();
      // A tab heard closed that no store lists any more is gone for good: no need to keep it.
      const stillListed = new Set(listed.flatMap((store) => store.tabIds ?? []));
      if (listed.every((store) => store.tabIds)) for (const tabId of closedTabs) if (!stillListed.has(tabId)) closedTabs.delete(tabId);
      // Keys read again after that wait: a record may have been written meanwhile.
      const traces = privateTraces(deps.keys(), listed, deps.hostsInUse(), closedTabs);
      if (traces.stores.length === 0) return none;
      await deps.forget(traces);
      return traces;
    });
    queue = turn.catch(() => undefined);
    return turn;
  }

  const checkLater = () => void check().catch(onError);
  return {
    check,
    tabClosed(tabId) {
      closedTabs.add(tabId);
      checkLater();
    },
    windowClosed: checkLater,
  };
}

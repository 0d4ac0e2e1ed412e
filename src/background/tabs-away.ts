/**
 * The tabs a consent-flow clear takes to the blank page (clear-site.ts), kept in storage.session
 * until they are back: the browser may stop the worker at any moment, and a clear stopped in the
 * middle would otherwise leave its tabs blank, their addresses lost with the worker's memory.
 * The next wake brings back those still blank, and a clear it serves waits until they are.
 */
import { ACTION_WAIT_LIMIT_MS } from '../core/message-contract.ts';
import { parsedUrl, withoutPathParameters } from '../core/path-parameters.ts';
import { webHost } from '../core/portals.ts';
import { tabsAwayItem, type FullSessionArea, type TabAway } from '../core/storage/session-items.ts';

/** The tab calls that take a tab back to its page and tell when it shows it. */
export type TabReturnDeps = {
  /** Takes a tab to an address (in place of its history entry where the browser can); false when the tab is gone. */
  navigateTab: (tabId: number, url: string) => Promise<boolean>;
  /** True once a tab shows an address `shows` accepts; false when it closes first or `signal` aborts. */
  tabShows: (tabId: number, shows: (url: string) => boolean, signal: AbortSignal) => Promise<boolean>;
};

export type TabsAwayDeps = TabReturnDeps & {
  area: Pick<FullSessionArea, 'read' | 'write' | 'remove'>;
  /** A tab as it is now: its address (undefined when hidden from us), whether it is loading; undefined when it is gone. */
  tabNow: (tabId: number) => Promise<{ url: string | undefined; loading: boolean } | undefined>;
  /** The page a clear takes tabs to. */
  blankPage: string;
  /** How long a tab brought back may take to show its page before a clear waiting on it goes on; COME_BACK_WAIT_MS unless a test says otherwise. */
  comeBackWaitMs?: number;
  now?: () => number;
};

export type TabsAway = {
  /** Notes tabs about to be taken away, before they go. */
  leaving(tabs: ReadonlyArray<{ tabId: number; url: string }>): Promise<void>;
  /** Forgets tabs the clear is done with (back, closed, or never sent away). */
  done(tabIds: readonly number[]): Promise<void>;
  /** Hears that a tab changed (it loads, or goes elsewhere): from the wake on, until the bring-back has looked at it. */
  tabChanged(tabId: number): void;
  /**
   * Once per wake: takes each tab a stopped clear left blank back to its address, and resolves,
   * to how many went back, once each shows its page (or was waited for long enough).
   */
  bringBackLeftOnes(): Promise<number>;
  /** Resolves once the wake's bring-back is over (at once before it has started, or when there is none). */
  settled(): Promise<void>;
};

/**
 * A tab noted longer ago than this is not brought back: no clear runs that long (it gives up on
 * its tabs well within the time its page waits for it), so the person has had the blank tab to
 * themselves since, and may have started to use it.
 */
const FORGET_AFTER_MS = ACTION_WAIT_LIMIT_MS;

/**
 * How long a tab taken back may take to show its page: until the site's server answers, which a
 * slow portal may take a while to do. The pages that follow the tab look at it once the action is
 * done (views/App.tsx), so they find the site rather than the blank page; still well within
 * ACTION_WAIT_LIMIT_MS with the clear's wait to leave.
 */
export const COME_BACK_WAIT_MS = 20_000;

/**
 * How long a clear waits for a tab to leave its page (clear-site.ts). About:blank loads at once; a
 * page that holds its tab longer (a dialog asking to leave) is not waited for, well within the
 * limit the pages wait for the action (ACTION_WAIT_LIMIT_MS: 60 s). A tab heard changing within
 * this time of being noted is taken to be loading the blank page.
 */
export const LEAVE_WAIT_MS = 5_000;

/**
 * A query parameter that carries a session id, by its name: PHPSESSID, JSESSIONID, ASPSESSIONID…,
 * ASP.NET_SessionId, MATOMO_SESSID, sessionid, session_id, session-id, sid, and ColdFusion's CFID
 * and CFTOKEN. A server that cannot set its cookie rewrites its URLs with the cookie's value in
 * them; that value is the cookie's, never to be stored.
 */
const SESSION_ID_PARAMETER = /sess(?:ion)?[-_.]?id|^(?:sid|cfid|cftoken)$/i;

/** True when a query parameter (`name=value`) is named as one carrying a session id. */
function isSessionIdParameter(parameter: string): boolean {
  const name = parameter.split('=', 1)[0]!;
  try {
    return SESSION_ID_PARAMETER.test(decodeURIComponent(name.replace(/\+/g, ' ')));
  } catch {
    // A malformed escape: judged as written.
    return SESSION_ID_PARAMETER.test(name);
  }
}

/**
 * The address a clear keeps, and brings a tab back to: the tab's without its path parameters
 * (`;jsessionid=…`, withoutPathParameters) and without the query parameters that carry a session
 * id (SESSION_ID_PARAMETER), name and value. Its other query parameters and its fragment stay as
 * they were written (a portal's page is its query: the search, filters, map position), kept only
 * until the tab is back. A clear starts the site afresh, so its old session id must not come back
 * with its page either.
 */
export function addressToBringBack(url: string): string {
  const address = parsedUrl(url);
  if (!address) return withoutPathParameters(url.replace(/[?#][\s\S]*$/, ''));
  address.pathname = withoutPathParameters(address.pathname);
  // By the query's own text, not URLSearchParams: what is kept stays exactly as written.
  // A parameter that follows dropped ones takes the separator that came before them.
  const parts = address.search.slice(1).split(/([&;])/);
  const kept: string[] = [];
  let dropped = 0;
  let separator: string | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    separator ??= parts[i - 1];
    if (isSessionIdParameter(parts[i]!)) {
      dropped++;
      continue;
    }
    kept.push(kept.length > 0 ? `${separator ?? '&'}${parts[i]}` : parts[i]!);
    separator = undefined;
  }
  if (dropped > 0) address.search = kept.join('');
  return address.href;
}

/** Runs `wait` with a signal that aborts after `limitMs`, or once it is done (its listeners then go). */
export async function within<T>(limitMs: number, wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), limitMs);
  try {
    return await wait(stop.signal);
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

/**
 * Takes tab `tab` back to the address it showed and waits, at most `limitMs`, until it shows a
 * page of that site (committed, not loaded). False when the tab is gone or refused the address.
 */
export function comeBack(deps: TabReturnDeps, tab: { tabId: number; url: string }, limitMs: number): Promise<boolean> {
  const host = webHost(tab.url);
  return within(limitMs, async (signal) => {
    const shown = deps.tabShows(tab.tabId, (url) => webHost(url) === host, signal);
    if (!(await deps.navigateTab(tab.tabId, tab.url).catch(() => false))) return false;
    await shown;
    return true;
  });
}

export function createTabsAway(deps: TabsAwayDeps): TabsAway {
  const now = deps.now ?? Date.now;
  const comeBackWaitMs = deps.comeBackWaitMs ?? COME_BACK_WAIT_MS;
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

  // Tabs heard changing since the wake, with when they last were: the events that woke the worker
  // come first, and a tab the person is taking somewhere is theirs. Null once the bring-back has looked.
  let changed: Map<number, number> | null = new Map();
  let bringingBack: Promise<unknown> = Promise.resolve();

  /**
   * True when a tab noted at `at` may still be in its own load of the blank page at `time`: the
   * worker may stop before that load is over (the page shown, its 'complete' still to come), and
   * the next wake then sees the tab loading, or hears its last events (seen in Firefox).
   */
  const leavingAt = (at: number, time: number) => time - at <= LEAVE_WAIT_MS;

  /** True when a noted tab is still as the clear left it: blank, and neither loading nor heard changing since it left. */
  async function stillBlank(tabId: number, at: number): Promise<boolean> {
    const heardChanging = () => {
      const heard = changed?.get(tabId);
      return heard !== undefined && !leavingAt(at, heard);
    };
    if (now() - at > FORGET_AFTER_MS || heardChanging()) return false;
    const tab = await deps.tabNow(tabId);
    // A site we may see shows its address. About:blank's is hidden from us (no `tabs`
    // permission), as another site's is: the checks above keep that doubt small.
    const blank = tab !== undefined && (tab.url === undefined || tab.url === deps.blankPage);
    return blank && !(tab.loading && !leavingAt(at, now())) && !heardChanging();
  }

  return {
    leaving: (tabs) =>
      change((away) => {
        const at = now();
        // Never a session id in storage: clear-site.ts hands on addresses already so, this makes sure.
        for (const { tabId, url } of tabs) away[tabId] = { url: addressToBringBack(url), at };
      }),
    done: (tabIds) =>
      change((away) => {
        for (const tabId of tabIds) delete away[tabId];
      }),
    tabChanged(tabId) {
      changed?.set(tabId, now());
    },
    bringBackLeftOnes() {
      const back = inTurn(async () => {
        const noted = Object.entries(await read());
        if (noted.length === 0) return [];
        const blank = await Promise.all(noted.map(([id, { at }]) => stillBlank(Number(id), at)));
        changed = null;
        await write({});
        return noted.flatMap(([id, { url }], i) => (blank[i] ? [{ tabId: Number(id), url }] : []));
      }).finally(() => (changed = null));
      // Out of the queue: a clear of this wake may note its own tabs meanwhile; it waits on this.
      const shown = back.then(
        async (tabs) => (await Promise.all(tabs.map((tab) => comeBack(deps, tab, comeBackWaitMs)))).filter(Boolean).length,
      );
      bringingBack = shown.catch(() => undefined);
      return shown;
    },
    settled: () => bringingBack.then(() => undefined),
  };
}

import type { CookieChange } from '../platform/cookies.ts';
import type { TabSite } from '../platform/tabs.ts';
import { webHost } from '../core/portals.ts';
import { withoutPathParameters } from '../core/path-parameters.ts';
import type { BadgeScheduler } from './badge-scheduler.ts';
import type { EmbeddedContent } from './embedded-content.ts';
import type { LivePush } from './live-push.ts';
import type { OpenTabs, TabPage } from './open-tabs.ts';
import type { Recorder } from './recorder.ts';
import type { TrackedHosts } from './tracked-hosts.ts';

/** What the worker's reactions to browser events act on. */
export type BrowserEventDeps = {
  /** Resolves once state is restored: every reaction waits on it. */
  ready: Promise<void>;
  /** Resolves (or rejects) once the wake's read of the tabs is applied, before `ready` (which waits for the wake's scan too); `ready` when not given. */
  tabsRead?: Promise<void>;
  /** Records cookie changes, and the pages the sites' tabs load. */
  recorder: Pick<Recorder, 'heard' | 'cookieChanged' | 'pageLoaded' | 'inOrder' | 'responseOnPage' | 'openTabsChanged'>;
  /** The sites open in tabs. */
  openTabs: Pick<OpenTabs, 'update' | 'remove' | 'navigating' | 'tabHeard' | 'requestHeard' | 'pageOfTab'>;
  /** Which sites are recorded. */
  trackedHosts: TrackedHosts;
  /** Records the cookies present now. */
  scanCookies: () => Promise<void>;
  /** Reads a site's live charter when it is missing or stale. */
  refreshLiveCharter: (host: string) => Promise<unknown>;
  /** The toolbar badges. */
  badges: Pick<BadgeScheduler, 'refresh' | 'schedule' | 'tabClosed'>;
  /** Cookies of embedded content, tied to the tabs that loaded it (absent: none are recorded). */
  embeddedContent?: Pick<EmbeddedContent, 'cookieChanged' | 'tabRemoved'>;
  /** Tells the open pages of each event as it is recorded. */
  live?: Pick<LivePush, 'eventRecorded'>;
  /** Forgets what DevTools heard in a tab that closed. */
  forgetTab?: (tabId: number) => Promise<void>;
  /** Hears a reaction that failed (the permissions or the cookies could not be read): the worker goes on. */
  onError?: (error: unknown) => void;
  /** The clock. */
  now?: () => number;
  /** A high-resolution clock on the pages' time line (performance.timeOrigin + performance.now()), for the live-latency benchmark. */
  preciseNow?: () => number;
};

/**
 * The worker's reaction to each browser event, for the entry to register synchronously at the
 * top level. Each notes what must be taken when the event is heard, then waits on `ready`.
 */
export type BrowserEvents = {
  /** Host permissions were granted or removed. */
  hostAccessChanged: () => void;
  /** A cookie was set, changed or removed. */
  cookieChanged: (change: CookieChange) => void;
  /** A tab opened, navigated or changed. */
  tabUpdated: (tab: TabSite) => void;
  /** A tab closed. */
  tabRemoved: (tabId: number) => void;
  /** A tab finished loading a page or became active. */
  tabShown: (tab: TabSite) => void;
  /**
   * A tab's top frame starts loading `url` (webRequest's main_frame request, when granted), in
   * cookie store `storeId` where the request names it (Firefox; Chrome names none).
   */
  tabNavigating: (tabId: number, url: string, storeId?: string) => void;
  /** A response with Set-Cookie headers arrived in a tab (webRequest, when granted). */
  tabResponded: (tabId: number, url: string, names: string[]) => void;
};

/**
 * When the worker hears a change, on the pages' time line (performance.timeOrigin +
 * performance.now(), ms): the live pages' marks compare it with their own clock (the
 * live-latency benchmark). Every live push is timed with it.
 */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export function createBrowserEvents(deps: BrowserEventDeps): BrowserEvents {
  const { ready, recorder, openTabs, trackedHosts, badges } = deps;
  const now = deps.now ?? Date.now;
  const heardNow = deps.preciseNow ?? preciseNow;
  const onError = deps.onError ?? ((error: unknown) => console.warn('Cookie Charter Inspector: cookies not read', error));
  // Each tab's latest showing (work under way, not state), for its badge.
  const latestShown = new Map<number, number>();
  let tabsShown = 0;
  /**
   * Cookie events heard and not yet filed, and tab changes queued behind them. A cookie on a
   * parent domain is filed under the sites open when it is applied (recorder.ts), and an event
   * waits for `ready` at a wake, or for its records to be read: a tab change heard while any
   * waits goes in the recorder's queue after them, so a cookie set while a tab showed portal A is
   * never filed under the portal B the tab went to next. With none waiting it is applied as
   * before, at once once ready (nothing is delayed).
   */
  let waiting = 0;
  /**
   * Until the wake's read of the tabs is applied (`tabsRead`), the tabs are known only by that
   * read, whose answer shows them as they are when the browser answers: a tab heard changing page, or closing, after a cookie event
   * may have shown another site when that cookie was written. Such a cookie on a parent domain is
   * filed as of unknown origin under every open site (as a wake's scan files what it finds), never
   * as the write of the site the tab showed next (a `_ga` A's page wrote, the tab then on B).
   */
  let tabsReadApplied = false;
  let pageChangesHeard = 0;
  /** The changes heard when the read was applied: those heard after it are applied in turn, in order (tabChanged). */
  let changesAtRead = Number.POSITIVE_INFINITY;
  const readDone = () => {
    tabsReadApplied = true;
    changesAtRead = pageChangesHeard;
  };
  void (deps.tabsRead ?? ready).then(readDone, readDone);
  /**
   * Once a change that may open a site is applied, the recorder reconsiders the cookies it just
   * filed as the one open site's own (Recorder.openTabsChanged): the page of the tab heard `at`
   * may have written them, its address heard after its cookie (Chromium).
   */
  function reconsider(at: number): void {
    void recorder.openTabsChanged(at).then((changed) => {
      if (changed.length > 0) badges.schedule();
    }, onError);
  }
  /**
   * Applies a change of the open tabs in the order heard; `page`, asked once it is applied, is the
   * page to note. `opens`: it may open a site (heard `at`), not only close one.
   */
  function tabChanged(change: () => void, page: () => TabPage | null = () => null, opens = false): void {
    const at = opens ? now() : 0;
    const queued = waiting > 0;
    if (queued) waiting++;
    void ready
      .then(() => {
        if (!queued) {
          change();
          if (opens) reconsider(at);
          const loaded = page();
          return loaded && recorder.pageLoaded(loaded);
        }
        void recorder.inOrder(change).then(
          () => waiting--,
          (error: unknown) => (waiting--, onError(error)),
        );
        // In the turn right after the change's.
        if (opens) reconsider(at);
        return recorder.pageLoaded(page);
      })
      .catch(onError);
  }
  return {
    hostAccessChanged() {
      void ready
        .then(() => trackedHosts.refresh())
        .then(deps.scanCookies)
        .catch(onError)
        // A site granted shows its findings, one no longer seen none: every badge again.
        .then(() => badges.schedule());
    },
    cookieChanged({ cookie, removed, cause }) {
      // The event's own time and place in the order of facts, not those of its processing (after
      // `ready`, on a wake-up): a scan that began before it (the wake's) must not override it.
      const at = now();
      const heardAt = heardNow();
      const order = recorder.heard(cookie);
      waiting++;
      const heardBeforeTabsRead = !tabsReadApplied;
      const changesBefore = pageChangesHeard;
      // Only a change heard between it and the read: the read may show the tab after that change.
      const tabsUnsure = () => heardBeforeTabsRead && Math.min(pageChangesHeard, changesAtRead) > changesBefore;
      // Queued in the recorder as soon as `ready` resolves, in the order heard (ready's callbacks run in order).
      void ready.then(async () => {
        const filed = recorder.cookieChanged(cookie, removed, cause, at, order, tabsUnsure);
        void filed.then(
          () => waiting--,
          () => waiting--,
        );
        for (const site of await filed) deps.live?.eventRecorded(site, heardAt);
        badges.schedule();
      });
      deps.embeddedContent?.cookieChanged(cookie, removed, cause, at, order);
    },
    tabUpdated(tab) {
      if (tab.pageChanged ?? true) pageChangesHeard++;
      // Its store is known at once (embedded content attributes its frames meanwhile), its page in turn.
      openTabs.tabHeard(tab.tabId, tab.storeId);
      tabChanged(
        () => openTabs.update(tab),
        () => {
          // The page its address shows, committed (not one it only starts loading), as a cookie's
          // `firstPage` is kept: its path without query or path parameters (open-tabs.ts).
          const host = webHost(tab.url);
          const storeId = openTabs.pageOfTab(tab.tabId)?.storeId;
          if (host === null || storeId === undefined) return null;
          return { host, path: withoutPathParameters(new URL(tab.url!).pathname), storeId };
        },
        true,
      );
    },
    tabRemoved(tabId) {
      pageChangesHeard++;
      latestShown.delete(tabId);
      badges.tabClosed(tabId);
      tabChanged(() => openTabs.remove(tabId));
      void ready.then(() => deps.forgetTab?.(tabId));
      deps.embeddedContent?.tabRemoved(tabId);
    },
    tabShown(tab) {
      const shown = ++tabsShown;
      latestShown.set(tab.tabId, shown);
      void ready
        .then(async () => {
          const host = webHost(tab.url);
          if (host && trackedHosts.isTracked(host)) {
            // A failed scan leaves the record as the cookie events made it: the charter and badge still follow.
            await deps.scanCookies().catch(onError);
            void deps.refreshLiveCharter(host).then(
              () => badges.schedule(),
              () => undefined,
            );
          }
          // The tab showed something else meanwhile: that showing's badge is the one to keep.
          if (latestShown.get(tab.tabId) === shown) await badges.refresh(tab);
        })
        .catch(onError);
    },
    tabNavigating(tabId, url, storeId) {
      // A tab change like the others: its new page's cookies are filed under it, those heard before it are not.
      // Its store is known at once (embedded content attributes a new tab's frames before its page
      // is applied): the one the request names, else the one heard, else the default (open-tabs.ts).
      pageChangesHeard++;
      openTabs.requestHeard(tabId, storeId);
      tabChanged(() => openTabs.navigating(tabId, url), undefined, true);
    },
    tabResponded(tabId, url, names) {
      const at = now();
      // The tab's page as of the response: asked in turn when events heard before it (a tab change) still wait.
      const tab = () => openTabs.pageOfTab(tabId);
      const inTurn = waiting > 0;
      void ready.then(() => recorder.responseOnPage(inTurn ? tab : tab(), url, names, at)).catch(onError);
    },
  };
}

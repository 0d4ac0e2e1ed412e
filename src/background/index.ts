/**
 * Background worker entry: wiring only. It builds the worker's parts from the platform's
 * functions, then registers every listener synchronously at the top level, each delegating: a
 * listener added after an `await` is missed when the browser wakes the worker for that very
 * event. Handlers wait on `ready`, which restores state from storage.session (the records' keys;
 * each record is read when first needed), then record in one queue, in the order heard (recorder.ts).
 */
import { codeStartedMs } from './started-at.ts';
import { browser, browserVersion, installBrowser } from '../platform/browser.ts';
import { workerBrowser } from '../platform/worker-browser.ts';
import {
  allVisibleCookies,
  cookieStores,
  defaultCookieStoreId,
  hasCookieStore,
  onCookieChanged,
  removeCookie,
  storeCookies,
} from '../platform/cookies.ts';
import type { BrowserCookie } from '../core/cookies/cookie-record.ts';
import { broadcast, onDevtoolsSessionEnded, serveRequests } from '../platform/worker-messaging.ts';
import { sessionArea } from '../platform/session-storage.ts';
import {
  navigateTab,
  onTabShown,
  onTabsChanged,
  onWindowClosed,
  tabById,
  tabLoaded,
  tabNow,
  tabShows,
  everyTab,
  visibleTabs,
} from '../platform/tabs.ts';
import { grantedSites, hasHostAccess, onHostAccessChanged } from '../platform/permissions.ts';
import { browserTranslate } from '../platform/i18n.ts';
import { barePairOnceKnown, watchRequests } from '../platform/web-request.ts';
import { gzippedPackageFileText } from '../platform/package-files.ts';
import { importWhileInstalling } from '../platform/worker-scripts.ts';
import { LATER_PARTS_SCRIPT } from '../core/later-parts-file.ts';
import { setTabBadge } from '../platform/action-badge.ts';
import { createBadgeScheduler } from './badge-scheduler.ts';
import { createBrowserEvents, preciseNow } from './browser-events.ts';
import { BLANK_PAGE, createClearSite } from './clear-site.ts';
import { createEmbeddedContent } from './embedded-content.ts';
import { createHostAccess } from './host-access.ts';
import { createCachedArea } from './cached-area.ts';
import { createConsentRuns } from './consent-runs.ts';
import { createStartupTimings } from './diagnostics.ts';
import { laterParts } from './later-parts-script.ts';
import { createLiveCharters } from './live-charters.ts';
import { createLivePush } from './live-push.ts';
import { createHandlers } from './message-handlers.ts';
import { createNetworkLogs } from './network-logs.ts';
import { createOpenTabs } from './open-tabs.ts';
import { createRecorder } from './recorder.ts';
import { createRegistryLoader } from './registry-loader.ts';
import { OPEN_COOKIE_DATABASE_FILES } from '../core/registry/open-cookie-database-document.ts';
import { createPageRefresher } from './page-refresher.ts';
import { createPrivateSessions } from './private-sessions.ts';
import { createSiteReports } from './site-reports.ts';
import { createSiteStore } from './site-store.ts';
import { createTabsAway } from './tabs-away.ts';
import { createTrackedHosts } from './tracked-hosts.ts';
import { startWorker } from './worker-start.ts';

// First, before any listener: every platform call goes through the browser's promise-based API.
installBrowser(workerBrowser());
// In the run that installs the worker, its second script too: after that run it may import only those.
importWhileInstalling(LATER_PARTS_SCRIPT);

const timings = createStartupTimings(codeStartedMs, performance.now());

/** Sites open in tabs; read from the browser's tabs at each wake, then kept current by tab events. */
const openTabs = createOpenTabs();
// Records of sites open in a tab are the last dropped when storage is full.
const store = createSiteStore(sessionArea(), 20, {
  hostsInUse: () => openTabs.allHosts(),
  // Each first page retired by a change is built again once its site is quiet.
  onPageRetired: (key) => pageRefresher.retired(key),
  // Kept runs and old live charters it deleted to make room: the cache above it must not hold them.
  // Keys of a private session that ended: a page of theirs waiting to be built again is not.
  onRemoved: (keys) => {
    askedEachOpen.forget(keys);
    pageRefresher.forget(keys);
  },
});
// Charter pages are public: fetched anonymously, from the worker (host permissions allow it).
// Their records go through the store's budget.
// Read at every popup open: kept in the worker once read (cached-area.ts), written through.
const askedEachOpen = createCachedArea(store.area);
const liveCharters = createLiveCharters(askedEachOpen, async (host, now, readBefore) =>
  (await laterParts()).fetchLiveCharter(host, (url, init) => fetch(url, init), now, readBefore),
);
const registry = createRegistryLoader(() => gzippedPackageFileText(OPEN_COOKIE_DATABASE_FILES.packaged));
const trackedHosts = createTrackedHosts(() => grantedSites());
const recorder = createRecorder(
  store,
  trackedHosts.isTracked,
  (host, storeId) => openTabs.has(host, storeId),
  (storeId) => openTabs.hosts(storeId),
  (host, storeId) => openTabs.pageOf(host, storeId),
);

/** The browser's answers on host access, until a permission changes (the popup asks at every open). */
const hostAccess = createHostAccess((host) => hasHostAccess(host));

/** The normal windows' cookie store: asked once per wake (it never changes while the browser runs). */
let defaultStore: Promise<string> | undefined;
const defaultStoreId = () => (defaultStore ??= defaultCookieStoreId());
/** Records the cookies that exist now (after a grant, when a tab shows a page). */
const scanCookies = () => recorder.scan(() => allVisibleCookies());

/** Open pages (popup, side panel, DevTools panel) hear each event as it is recorded. */
const live = createLivePush((message) => broadcast(message));
/** What DevTools heard set cookies, per inspected tab. */
const networkLogs = createNetworkLogs(
  store.area,
  async (tabId) => (await tabById(tabId)) !== undefined,
  (tabId) => live.networkChanged(tabId),
);

const reports = createSiteReports({
  recorder,
  recordRevision: (host, storeId) => store.revision(storeId, host),
  liveCharters,
  registry,
  storageStatus: () => store.status(),
  hasHostAccess: (host) => hostAccess.has(host),
  defaultStoreId,
  onCharterRead: () => badges.schedule(),
  savedRun: (host, storeId) => consentRuns.get(host, storeId),
  pages: store,
});
const pageRefresher = createPageRefresher(async (query) => {
  await ready;
  await reports.view(query);
});
/** The run "Record the other choice" keeps, to compare the next with. */
const consentRuns = createConsentRuns(askedEachOpen, (host, storeId) => reports.report(host, storeId), browserTranslate());
const badges = createBadgeScheduler({
  isTracked: trackedHosts.isTracked,
  hasAccess: (host) => hostAccess.has(host),
  reports,
  tabs: () => everyTab(),
  setTabBadge: (tabId, text, color) => setTabBadge(tabId, text, color),
});

// The wake's read of the tabs applied (or failed): a cookie heard before it may predate what it shows (browser-events.ts).
let tabsReadDone: () => void = () => undefined;
const tabsRead = new Promise<void>((resolve) => (tabsReadDone = resolve));
const ready = startWorker({
  loadState: () => store.load(),
  readGrantedHosts: () => trackedHosts.refresh(),
  readOpenTabs: async () => {
    // Every tab, those whose address is hidden included: their stores are known before they load a page we may see.
    try {
      const [tabs, storeId] = await Promise.all([everyTab(), defaultStoreId()]);
      openTabs.replaceAll(tabs, storeId);
    } finally {
      tabsReadDone();
    }
  },
  markRestart: () => recorder.workerStarted(),
  // Cookies may have been set while the worker was stopped: read what exists now.
  beginCookieScan: () =>
    recorder.beginScan(async () => {
      const cookies = await allVisibleCookies();
      timings.step('cookies read');
      return cookies;
    }),
  timings,
});

/** The tabs a consent-flow clear took away, noted until they are back. */
const tabsAway = createTabsAway({
  area: store.area,
  tabNow: (tabId) => tabNow(tabId),
  navigateTab: (tabId, url) => navigateTab(tabId, url),
  tabShows: (tabId, shows, signal) => tabShows(tabId, shows, signal),
  blankPage: BLANK_PAGE,
});
// A clear the browser stopped with the worker left its tabs blank: brought back once the wake is
// over (not in its way), before any clear this wake runs lists its own.
void ready
  .then(() => tabsAway.bringBackLeftOnes())
  .catch((error: unknown) => console.error('Cookie Charter Inspector: tabs not brought back', error));

// Cookies of embedded content (another site's, set in a portal's tab): only once webRequest is granted.
const embeddedContent = createEmbeddedContent({
  ready,
  area: store.area,
  // Open pages hear these as they hear the site's own cookies.
  record: (attribution) =>
    void recorder.thirdPartySet(attribution).then((recorded) => {
      if (recorded) live.eventRecorded(recorded.site, preciseNow(), recorded.placedLast);
    }),
  removed: (cookie, sites, at, cause) =>
    void recorder.thirdPartyRemoved(cookie, sites, at, cause).then((sites) => {
      for (const site of sites) live.eventRecorded(site, preciseNow());
    }),
  // In the order heard, as the tabs' own changes (browser-events.ts): a cookie event still waiting
  // is not filed under the page the tab goes to next (`events` exists once these are heard).
  navigating: (tabId, url, storeId) => events.tabNavigating(tabId, url, storeId),
  storeOfTab: (tabId) => openTabs.storeOfTab(tabId),
  // After the cookie events heard before it: a cookie Firefox reported before its page's request
  // learns the page from the response that set it.
  responded: (tabId, url, names) => events.tabResponded(tabId, url, names),
  onRecorded: () => badges.schedule(),
});

/**
 * A private session's traces go when it ends (its last incognito or private window closed): at
 * each wake, for a session that ended while the worker was stopped, and when a tab or window closes.
 */
const privateSessions = createPrivateSessions({
  ready,
  cookieStores: () => cookieStores(),
  keys: () => store.keys(),
  hostsInUse: () => openTabs.allHosts(),
  forget: async ({ stores, keys }) => {
    embeddedContent.storesEnded(stores);
    await recorder.forget(keys);
  },
});
void privateSessions.check().catch((error: unknown) => console.warn('Cookie Charter Inspector: private session traces not checked', error));

const events = createBrowserEvents({
  ready,
  tabsRead,
  recorder,
  openTabs,
  trackedHosts,
  scanCookies,
  refreshLiveCharter: (host) => liveCharters.refresh(host),
  badges,
  embeddedContent,
  live,
  forgetTab: (tabId) => networkLogs.forget(tabId),
});

// First: what reacts to the change below asks the browser afresh; no stored page shows a site as before.
onHostAccessChanged(() => hostAccess.forget());
// Heard at once, even as the worker wakes for it: the store waits for its keys and ledger to be read.
onHostAccessChanged(() => void store.retireAllPages().catch(() => undefined));
onHostAccessChanged(events.hostAccessChanged);
// webRequest is optional: listened to now if granted, and as soon as it is (Firefox shows it in the running worker).
// A Set-Cookie without '=' is a nameless cookie's value until the browser's version says it names the cookie (Firefox 153 on).
const barePair = barePairOnceKnown();
watchRequests(embeddedContent.requests, browser, barePair);
onHostAccessChanged(() => void watchRequests(embeddedContent.requests, browser, barePair));
onCookieChanged(events.cookieChanged);
// A consent-flow clear waits for the site's cookies to settle once its tabs have left (clear-site.ts).
const cookieWatchers = new Set<(cookie: BrowserCookie) => void>();
onCookieChanged((change) => cookieWatchers.forEach((watch) => watch(change.cookie)));
// Before onTabShown: a tab's new site is known before the scan its loading starts.
onTabsChanged(
  (tab) => {
    tabsAway.tabChanged(tab.tabId);
    events.tabUpdated(tab);
  },
  (tabId) => {
    events.tabRemoved(tabId);
    privateSessions.tabClosed(tabId);
  },
);
onWindowClosed(() => privateSessions.windowClosed());
onTabShown(events.tabShown);
// The DevTools page closed: what its tab's log did not hear after that is no script's for sure.
onDevtoolsSessionEnded((session, at) => void ready.then(() => networkLogs.closed(session.tabId, session.openedAt, at)));
/** The worker's errors a page shows, in the browser's language. */
const translate = browserTranslate();
serveRequests(
  createHandlers({
    ready,
    translate,
    reports,
    // The normal windows' store is known without a round trip: every Firefox tab's popup names it.
    hasCookieStore: async (storeId) => storeId === (await defaultStoreId()) || hasCookieStore(storeId),
    clearSite: createClearSite({
      storeCookies: (storeId) => storeCookies(storeId),
      removeCookie: (cookie) => removeCookie(cookie),
      visibleTabs: () => visibleTabs(),
      defaultStoreId,
      navigateTab: (tabId, url) => navigateTab(tabId, url),
      tabLoaded: (tabId, url, signal) => tabLoaded(tabId, url, signal),
      tabShows: (tabId, shows, signal) => tabShows(tabId, shows, signal),
      watchCookies: (watch) => (cookieWatchers.add(watch), () => void cookieWatchers.delete(watch)),
      restartRecord: (host, storeId) => recorder.restart(host, storeId),
      hasCookieStore: async (storeId) => storeId === (await defaultStoreId()) || hasCookieStore(storeId),
      tabsAway,
    }),
    refreshCharter: (host) => liveCharters.refresh(host, true),
    scheduleBadgeRefresh: () => badges.schedule(),
    // Counts every record: all read first (a wake reads none of them).
    diagnostics: async () => {
      await store.openAll();
      return timings.diagnostics(store.all());
    },
    consentRuns,
    tab: (tabId) => tabById(tabId),
    networkLogs,
    browserVersion: () => browserVersion(),
    exports: laterParts,
  }),
  translate,
);
// The entry's own work done (the reads above are under way): the rest of the wake is the browser's answers.
timings.step('listeners registered');

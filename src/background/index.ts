/**
 * Background worker entry. Every listener is registered synchronously, first thing: a listener
 * added after an `await` is missed when the browser wakes the worker for that very event.
 * Handlers wait on `ready`, which restores state from storage.session.
 */
import { codeStartedMs } from './started-at.ts';
import polyfill from 'webextension-polyfill';
import { useBrowser } from '../platform/browser.ts';
import { allVisibleCookies, defaultCookieStoreId, onCookieChanged, removeCookie } from '../platform/cookies.ts';
import { serveRequests } from '../platform/messaging.ts';
import { sessionArea } from '../platform/session-storage.ts';
import { packageUrl } from '../platform/manifest.ts';
import { onTabShown, onTabsChanged, reloadTab, visibleTabs, type TabSite } from '../platform/tabs.ts';
import { grantedHosts, hasHostAccess, onHostAccessChanged } from '../platform/permissions.ts';
import { setTabBadge } from '../platform/action-badge.ts';
import { cookieAppliesToHost } from '../core/cookies/cookie-record.ts';
import type { SiteQuery, SiteView } from '../core/message-contract.ts';
import { isPortalHost, webHost } from '../core/portals.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/registry/bundled.ts';
import type { Registry } from '../core/registry/registry.ts';
import type { LiveCharterRecord } from '../core/charter/live.ts';
import { exportReport } from '../core/report/export.ts';
import { buildReport, type Report } from '../core/report/report.ts';
import { siteRegistry } from '../core/report/site-charter.ts';
import { createLiveCharters } from './live-charters.ts';
import { badgeFor } from './findings-badge.ts';
import { createRecorder } from './recorder.ts';
import { createOpenTabs } from './open-tabs.ts';
import { createSiteStore } from './site-store.ts';
import { createRegistryLoader } from './registry-loader.ts';

// First, before any listener: every platform call goes through webextension-polyfill.
useBrowser(polyfill);

/** Start-up timings for getDiagnostics (ms since the worker started). */
const evaluatedMs = performance.now();
const startupSteps: Record<string, number> = {};
let readyMs = -1;
const step = (name: string) => (startupSteps[name] = performance.now());

const session = sessionArea();
/** Sites open in tabs; read from the browser's tabs at each wake, then kept current by tab events. */
const openTabs = createOpenTabs();
// Records of sites open in a tab are the last dropped when storage is full.
const store = createSiteStore(session, 20, { hostsInUse: () => openTabs.allHosts() });
// Charter pages are public: fetched anonymously, from the worker (host permissions allow it).
// Their records go through the store's budget.
const liveCharters = createLiveCharters(store.area, (url, init) => fetch(url, init));
const registry = createRegistryLoader(async (path) => (await fetch(packageUrl(path))).text());

/** Sites the person granted access to; read from the browser's permissions at each wake. */
let granted = new Set<string>();
const isTracked = (host: string) => isPortalHost(host, BUNDLED_PORTAL_HOSTS) || granted.has(host);
const recorder = createRecorder(store, isTracked, (host, storeId) => openTabs.has(host, storeId), (storeId) => openTabs.hosts(storeId));

/** The normal windows' cookie store: asked once per wake (it never changes while the browser runs). */
let defaultStore: Promise<string> | undefined;

async function refreshGrantedHosts(): Promise<void> {
  granted = await grantedHosts();
}

async function refreshOpenTabs(): Promise<void> {
  defaultStore ??= defaultCookieStoreId();
  const [tabs, storeId] = await Promise.all([visibleTabs(), defaultStore]);
  openTabs.replaceAll(tabs, storeId);
}

/** Cookies may have been set while the worker was stopped: record what exists now. */
async function scanPresentCookies(): Promise<void> {
  await recorder.scan(() => allVisibleCookies());
}

const ready: Promise<void> = Promise.all([
  store.load().then(() => step('state restored')),
  refreshGrantedHosts().then(() => step('permissions read')),
  refreshOpenTabs().then(() => step('tabs read')),
])
  .then(async () => {
    recorder.workerStarted();
    step('restart marked');
    await scanPresentCookies();
    readyMs = step('cookies scanned');
  })
  // Never a worker stuck on a failed start: record from here on, and say what went wrong.
  .catch((error: unknown) => console.error('Cookie Charter Inspector: start-up incomplete', error));

onHostAccessChanged(() => {
  void ready.then(refreshGrantedHosts).then(scanPresentCookies);
});

onCookieChanged(({ cookie, removed, cause }) => {
  // The event's own time and place in the order of facts, not those of its processing (after
  // `ready`, on a wake-up): a scan that began before it must not override it.
  const at = Date.now();
  const order = recorder.nextOrder();
  void ready.then(() => {
    recorder.cookieChanged(cookie, removed, cause, at, order);
    scheduleBadgeRefresh();
  });
});

// Before onTabShown: a tab's new site is known before the scan its loading starts.
onTabsChanged(
  (tab) => void ready.then(() => openTabs.update(tab)),
  (tabId) => void ready.then(() => openTabs.remove(tabId)),
);

onTabShown((tab) => {
  void ready.then(async () => {
    const host = webHost(tab.url);
    if (host && isTracked(host)) {
      await scanPresentCookies();
      void liveCharters.refresh(host).then(scheduleBadgeRefresh, () => undefined);
    }
    await refreshBadge(tab);
  });
});

serveRequests({
  async getReport(query) {
    await ready;
    return siteView(query);
  },
  async clearSite({ reloadTabs = false, ...query }) {
    await ready;
    const { host, storeId } = await resolve(query);
    const cookies = (await allVisibleCookies()).filter((c) => c.storeId === storeId && cookieAppliesToHost(c, host));
    const removed = await Promise.all(
      cookies.map((c) => removeCookie({ ...c, partitionKey: c.partitionKey?.topLevelSite ?? null }).catch(() => false)),
    );
    recorder.restart(host, storeId);
    if (reloadTabs) {
      const showing = (await visibleTabs()).filter((tab) => webHost(tab.url) === host && (tab.storeId ?? storeId) === storeId);
      await Promise.all(showing.map((tab) => reloadTab(tab.tabId)));
    }
    scheduleBadgeRefresh();
    return { removed: removed.filter(Boolean).length };
  },
  async exportReport({ format, ...query }) {
    await ready;
    const view = await siteView(query);
    if (view.kind !== 'report') throw new Error(`No access to ${view.host}: nothing is recorded there`);
    return exportReport(view.report, format);
  },
  async getDiagnostics() {
    await ready;
    const sites = store.all();
    return { codeStartedMs, evaluatedMs, readyMs, steps: startupSteps, sites: sites.length, cookies: sites.reduce((sum, site) => sum + Object.keys(site.cookies).length, 0) };
  },
  async refreshCharter(query) {
    await ready;
    const { host } = await resolve(query);
    const record = await liveCharters.refresh(host, true);
    scheduleBadgeRefresh();
    return { ok: record.charter !== null };
  },
});

/** Normalises a query: lower-case host, and the default cookie store when none is named. */
async function resolve(query: SiteQuery): Promise<{ host: string; storeId: string }> {
  defaultStore ??= defaultCookieStoreId();
  return { host: query.host.trim().toLowerCase(), storeId: query.storeId ?? (await defaultStore) };
}

async function siteView(query: SiteQuery): Promise<SiteView> {
  const { host, storeId } = await resolve(query);
  // Independent reads, in parallel: the popup waits for this answer.
  const [access, live, base] = await Promise.all([hasHostAccess(host), liveCharters.get(host), registry()]);
  if (!access) return { kind: 'no-access', host, portal: isPortalHost(host, BUNDLED_PORTAL_HOSTS) };
  // First look at a site: read its live charter in the background; the popup follows the storage change.
  if (!live) void liveCharters.refresh(host).then(scheduleBadgeRefresh, () => undefined);
  return { kind: 'report', report: reportOf(host, storeId, live, base), charterPending: liveCharters.pending(host) };
}

/** The report of a site, against its live charter when one was read. */
function reportOf(host: string, storeId: string, live: LiveCharterRecord | null, base: Registry): Report {
  const site = recorder.site(host, storeId);
  const names = Object.values(site.cookies).map((cookie) => cookie.name);
  return buildReport(site, siteRegistry(base, host, live, names), Date.now(), live, store.status());
}

async function siteReport(host: string, storeId: string): Promise<Report> {
  const [live, base] = await Promise.all([liveCharters.get(host), registry()]);
  return reportOf(host, storeId, live, base);
}

/** Shows the number of findings on a portal tab's badge, coloured by the most serious; clears it elsewhere. */
async function refreshBadge(tab: TabSite): Promise<void> {
  const host = webHost(tab.url);
  if (!host || !isTracked(host)) return setTabBadge(tab.tabId, '', '');
  const { storeId } = await resolve({ host, ...(tab.storeId ? { storeId: tab.storeId } : {}) });
  const { findings } = await siteReport(host, storeId);
  const badge = badgeFor(findings);
  await setTabBadge(tab.tabId, badge.text, badge.color);
}

let badgeTimer: ReturnType<typeof setTimeout> | null = null;

/** Cookie events come in bursts: refresh the badges once the burst is over. */
function scheduleBadgeRefresh(): void {
  if (badgeTimer !== null) return;
  badgeTimer = setTimeout(() => {
    badgeTimer = null;
    void visibleTabs().then((tabs) => Promise.all(tabs.map((tab) => refreshBadge(tab).catch(() => undefined))));
  }, 150);
}

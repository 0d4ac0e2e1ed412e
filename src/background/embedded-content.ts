import type { BrowserCookie } from '../core/cookies/cookie-record.ts';
import {
  cookieStored,
  emptyAttributionState,
  frameLoading,
  noteFiled,
  pageLoading,
  removedFromSites,
  requestsSettled,
  responseReceived,
  storesEnded,
  tabClosed,
  trimmedToSize,
  type Attribution,
  type AttributionState,
} from '../core/cookies/third-party-attribution.ts';
import { attributionItem, type SessionArea } from '../core/storage/session-items.ts';
import type { RequestEnded, RequestListeners, RequestStarted, ResponseCookies } from '../platform/web-request.ts';
import { createDebouncedWriter } from './debounced-writer.ts';
import { isBoolean, isListOf, isMapOf, isNumber, isObject, isString } from '../core/value-shape.ts';

/** Most requests tracked in flight at once (older ones are forgotten first). */
const MAX_IN_FLIGHT = 5000;

/** What embedded content's cookies are recorded through. */
export type EmbeddedContentDeps = {
  /** Resolves once the worker's state is restored. */
  ready: Promise<void>;
  /** storage.session (the store's area: its writes count against the same budget). */
  area: SessionArea;
  /** Records a cookie tied to a site's tab (the recorder keeps only the sites it records). */
  record: (attribution: Attribution) => void;
  /** Records the removal of a cookie filed under these sites as a third-party cookie (`cause` as cookies.onChanged gives it: expired and evicted are the browser's own). */
  removed: (cookie: BrowserCookie, sites: string[], at: number, cause: string) => void;
  /** A tab's top frame starts loading a page, in the store the request names if any (the open tabs learn the page before the tab reports it). */
  navigating: (tabId: number, url: string, storeId?: string) => void;
  /** The cookie store of a tab, as the open tabs know it (asked as each event is applied, once they are read); null for a tab they do not know. */
  storeOfTab: (tabId: number) => string | null;
  /** A response with Set-Cookie headers arrived in a tab (the site's own cookies learn their page from it). */
  responded?: (tabId: number, url: string, names: string[]) => void;
  /** Something was recorded (the badges follow). */
  onRecorded: () => void;
  /** The clock. */
  now?: () => number;
  /** How long state changes wait to be written together. */
  writeDelayMs?: number;
};

/** A tab's page as third-party-attribution.ts keeps it (TabPage). */
const isTabPage = (tab: unknown) =>
  isObject(tab) &&
  isString(tab.topHost) &&
  isString(tab.page) &&
  isListOf(tab.frameHosts, isString) &&
  isListOf(tab.responses, (response) => isObject(response) && isString(response.host) && isString(response.name) && isNumber(response.at));

/**
 * A field the browser may leave out or give as null (Firefox's `partitionKey`), and a number JSON
 * wrote as null (an expiry too large for a number).
 */
const isAbsentOr = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);

/** A waiting cookie: the browser's cookie as cookies.onChanged gave it, but its value (the recorder records it once tied). */
const isWaitingCookie = (cookie: unknown) =>
  isObject(cookie) &&
  isString(cookie.name) &&
  isString(cookie.domain) &&
  isString(cookie.path) &&
  isBoolean(cookie.hostOnly) &&
  isBoolean(cookie.secure) &&
  isBoolean(cookie.httpOnly) &&
  isString(cookie.sameSite) &&
  isBoolean(cookie.session) &&
  isString(cookie.storeId) &&
  isAbsentOr(cookie.expirationDate, isNumber) &&
  isAbsentOr(cookie.firstPartyDomain, isString) &&
  isAbsentOr(
    cookie.partitionKey,
    (key) => isObject(key) && isAbsentOr(key.topLevelSite, isString) && isAbsentOr(key.hasCrossSiteAncestor, isBoolean),
  );

/** A cookie waiting for its response; `shown` and `order` absent in older state. */
const isWaiting = (waiting: unknown) =>
  isObject(waiting) &&
  isWaitingCookie(waiting.cookie) &&
  isNumber(waiting.at) &&
  (waiting.shown === undefined ||
    isListOf(waiting.shown, (shown) => isObject(shown) && isString(shown.host) && (shown.page === null || isString(shown.page)))) &&
  (waiting.order === undefined || isNumber(waiting.order));

/**
 * Whether a value read from storage is attribution state as this worker writes it, checked field
 * by field (`filed` absent in older state). Anything else is read as none: the events would throw on it.
 */
function isAttributionState(value: unknown): value is AttributionState {
  return (
    isObject(value) &&
    isMapOf(value.tabs, isTabPage) &&
    isListOf(value.pending, isWaiting) &&
    (value.filed === undefined || isMapOf(value.filed, (sites) => isListOf(sites, isString)))
  );
}

/** The worker's side of third-party attribution: webRequest's events and cookie events in, attributed cookies out. */
export type EmbeddedContent = {
  /** webRequest listeners (registered only when the browser gives the API). */
  requests: RequestListeners;
  /**
   * A cookie changed (cookies.onChanged, `cause` as it gives it), heard `at`, `order`-th
   * (recorder.ts `heard`; absent: not known): what it is tied to carries that order.
   */
  cookieChanged: (cookie: BrowserCookie, removed: boolean, cause: string, at: number, order?: number) => void;
  /** A tab closed. */
  tabRemoved: (tabId: number) => void;
  /** The private sessions of these cookie stores ended: what is kept of their cookies goes (private-sessions.ts). */
  storesEnded: (storeIds: readonly string[]) => void;
  /** Writes pending state now (tests). */
  flush: () => Promise<void>;
};

/**
 * Feeds third-party-attribution.ts and records what it ties to a tab. Its state (each tab's
 * page, frames and unused Set-Cookie names; cookies waiting for their response) lives in
 * storage.session, restored on wake. Requests in flight are kept in memory only: they last
 * milliseconds, and the browser does not stop a worker whose events are flowing. Every event
 * is applied in the order it came, through one queue (see `apply`).
 */
export function createEmbeddedContent(deps: EmbeddedContentDeps): EmbeddedContent {
  const now = deps.now ?? Date.now;
  let state: AttributionState = emptyAttributionState();
  const loaded = deps.ready.then(async () => {
    // State of another shape (what storage should not hold) is as good as none, as invalid JSON
    // is: read as it is, every event would throw and nothing would ever be written over it.
    const stored: unknown = await attributionItem.get(deps.area).catch(() => null);
    state = isAttributionState(stored) ? stored : emptyAttributionState();
    // Cookies a worker since stopped heard: its orders do not compare with this one's, and the
    // choices it heard after them are not known here (recorder.ts keeps them in memory). Without
    // an order they are judged by the clock, as all were before orders were kept.
    for (const waiting of state.pending) delete waiting.order;
  });
  const writer = createDebouncedWriter((items) => deps.area.write(items), deps.writeDelayMs ?? 50);
  // Trimmed to its size limit as it is written (the JSON is made for the write anyway).
  const save = () => writer.schedule(attributionItem.key, trimmedToSize(state, attributionItem.encode(state)));

  /** In-flight requests by id, and per tab the hosts they go to (with counts). */
  const requests = new Map<string, { tabId: string; host: string }>();
  const byTab = new Map<string, Map<string, number>>();
  const inFlight = (tabId: string) => [...(byTab.get(tabId)?.keys() ?? [])];
  const storeOf = (tabId: string) => deps.storeOfTab(Number(tabId));

  function forget(requestId: string): void {
    const request = requests.get(requestId);
    if (!request) return;
    requests.delete(requestId);
    const hosts = byTab.get(request.tabId);
    const count = (hosts?.get(request.host) ?? 1) - 1;
    if (count > 0) hosts!.set(request.host, count);
    else hosts?.delete(request.host);
    if (hosts?.size === 0) byTab.delete(request.tabId);
  }

  function remember(requestId: string, tabId: string, url: string): void {
    forget(requestId);
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      return;
    }
    if (requests.size >= MAX_IN_FLIGHT) forget(requests.keys().next().value!);
    requests.set(requestId, { tabId, host });
    const hosts = byTab.get(tabId) ?? new Map<string, number>();
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
    byTab.set(tabId, hosts);
  }

  function recordAll(attributions: Attribution[]): void {
    for (const attribution of attributions) deps.record(attribution);
    noteFiled(state, attributions);
    if (attributions.length > 0) deps.onRecorded();
  }

  /**
   * Runs `change` on the restored state and saves it when it says it changed something. Every
   * event goes through this one queue, requests in flight included: a browser can deliver several
   * events in one task (Firefox does), and each must see the state the events before it left.
   */
  const apply = (change: () => boolean) =>
    void loaded.then(() => {
      if (change()) save();
    });

  return {
    requests: {
      started({ requestId, tabId, kind, url, storeId }: RequestStarted) {
        // Before the page's cookies arrive: handed on now, not after this queue (the worker applies it in the order heard).
        if (kind === 'main_frame') deps.navigating(tabId, url, storeId);
        const tab = String(tabId);
        apply(() => {
          remember(requestId, tab, url);
          if (kind === 'main_frame') pageLoading(state, tab, url);
          else if (kind === 'sub_frame') frameLoading(state, tab, url);
          else return false;
          return true;
        });
      },
      responded({ tabId, url, names }: ResponseCookies) {
        const at = now();
        deps.responded?.(tabId, url, names);
        apply(() => {
          let host: string;
          try {
            host = new URL(url).hostname.toLowerCase();
          } catch {
            return false;
          }
          recordAll(responseReceived(state, String(tabId), host, names, at, storeOf));
          return true;
        });
      },
      ended({ requestId }: RequestEnded) {
        const at = now();
        apply(() => {
          forget(requestId);
          if (state.pending.length === 0) return false;
          recordAll(requestsSettled(state, at, inFlight, storeOf));
          return true;
        });
      },
    },
    cookieChanged(cookie, removed, cause, at, order) {
      // An overwrite is reported as a removal, then the new cookie: only the second half counts.
      if (removed && cause === 'overwrite') return;
      if (removed) {
        apply(() => {
          const sites = removedFromSites(state, cookie);
          if (sites.length === 0) return false;
          deps.removed(cookie, sites, at, cause);
          deps.onRecorded();
          return true;
        });
        return;
      }
      apply(() => {
        recordAll(cookieStored(state, cookie, at, inFlight, storeOf, order));
        return true;
      });
    },
    tabRemoved(tabId) {
      apply(() => {
        tabClosed(state, String(tabId));
        return true;
      });
    },
    storesEnded(storeIds) {
      const ended = new Set(storeIds);
      apply(() => storesEnded(state, ended));
    },
    flush: async () => {
      await loaded;
      await writer.flush();
    },
  };
}

/**
 * Which portal a third-party cookie belongs to: the one whose tab loaded the content that set it,
 * told by that tab's frames and requests, never by when it happened in another tab.
 *
 * The browser reports a stored cookie (cookies.onChanged) without saying which tab caused it, and
 * webRequest reports each response with its tab but without saying whether the browser stored
 * what it sent (browsers refuse many third-party cookies). The two are joined here, in either
 * order (Firefox reports the cookie before the response that set it, Chromium after: measured,
 * see README "Third-party cookies"):
 *
 * - **response**: a tab received a `Set-Cookie` for this name from a host the cookie's domain
 *   covers. Every tab that did gets the cookie; each piece of evidence is used once.
 * - **frame**: no tab received such a response (a script in a frame wrote `document.cookie`): the
 *   tab whose frames (its top frame included) show a host the cookie's domain covers. When tabs of
 *   several sites do, nobody is blamed: the cookie is not attributed.
 * - While a tab has a request to such a host in flight, its response may still come: the cookie
 *   waits (at most MAX_PENDING of them) until the requests are over, then the frame rule decides,
 *   over the frames shown when the cookie was stored and those shown then (a tab that showed one
 *   may have closed or loaded another page meanwhile: its site still counts).
 *   So does a cookie no tab's frames or requests explain yet: Firefox can report a cookie before
 *   it announces the very request whose response set it (measured: the two APIs do not keep
 *   each other's order), so it waits for a response, EVIDENCE_TTL_MS at most.
 *
 * A cookie is set in one cookie store (normal windows, private ones, each Firefox container): only
 * tabs of that store are considered. A partitioned cookie (CHIPS; every third-party cookie in
 * Firefox; every cookie under Firefox's first-party isolation, its first party) names the
 * top-level site it was set under: only tabs on that site are considered. A
 * tab's frames and evidence are dropped when its top frame loads another page, and when it
 * closes. Pure: the worker feeds the events and keeps the state in storage.session; requests in
 * flight and each tab's store are passed in (the first live for milliseconds and are kept in the
 * worker's memory only; the open tabs tell the second, read again at each wake).
 */
import { pathWithParameterValuesMarked, withoutPathParameters } from '../path-parameters.ts';
import { cookieAppliesToHost, cookieKey, describeCookie, type BrowserCookie } from './cookie-record.ts';

/** Sub-frame hosts kept per tab page. */
export const MAX_FRAMES = 64;
/** Unmatched Set-Cookie names kept per tab page. */
export const MAX_RESPONSES = 64;
/** Cookies kept waiting for a response at once. */
export const MAX_PENDING = 64;
/** Third-party cookies remembered as filed under sites (their removal is filed there too). */
export const MAX_FILED = 2000;
/**
 * The most the state may take in storage.session, as JSON characters: 1 MB of its 10 MB. The
 * counts above bound it in entries, but a name may be 4 KB long (2,000 filed cookies of such
 * names would be 8 MB), and the site records share that storage (trimmedToSize).
 */
export const MAX_STATE_CHARS = 1_000_000;
/**
 * A response's evidence, and a waiting cookie, count for this long: the two events of one
 * Set-Cookie come milliseconds apart, and evidence of a cookie the browser refused must not
 * match an unrelated one much later.
 */
export const EVIDENCE_TTL_MS = 10_000;

/** How a third-party cookie was tied to its portal's tab. */
export type Via = 'response' | 'frame';

/** A cookie as it is kept while it waits: everything but its value. */
export type WaitingCookie = Omit<BrowserCookie, 'value'>;

/** What is known of one tab's current page. */
export type TabPage = {
  /** Host of the page in the tab's top frame, lower-case. */
  topHost: string;
  /** Path of that page. */
  page: string;
  /** Hosts of the page's sub frames (at most MAX_FRAMES). */
  frameHosts: string[];
  /** Set-Cookie names the page received and no stored cookie has used yet (at most MAX_RESPONSES). */
  responses: Array<{ host: string; name: string; at: number }>;
};

/**
 * A site whose tabs showed a frame the cookie's domain covers, and their page (null when they
 * showed different pages). Two at most are kept: two sites already make the cookie nobody's.
 */
export type Shown = { host: string; page: string | null };

/** Everything attribution remembers (storage.session holds it as one record). */
export type AttributionState = {
  /** Tabs by id. */
  tabs: Record<string, TabPage>;
  /**
   * Stored cookies waiting for their response, oldest first, with the sites whose tabs showed a
   * frame for them when they were stored (`shown`: absent for none, and in older state) and their
   * event's order (`Attribution.order`: absent when not known).
   */
  pending: Array<{ cookie: WaitingCookie; at: number; shown?: Shown[]; order?: number }>;
  /**
   * The sites each third-party cookie was filed under, by cookie identity (`cookieKey`), oldest
   * first: a removal reaches them without reading every site's record. Absent in older state.
   */
  filed?: Record<string, string[]>;
};

/** Requests in flight, by tab: the hosts they go to. */
export type InFlight = (tabId: string) => readonly string[];

/** The cookie store of a tab (a tab keeps one for its life); null for a tab not known (yet). */
export type StoreOf = (tabId: string) => string | null;

/** A third-party cookie tied to the page of a tab. */
export type Attribution = {
  /** The tab's top-frame host: the portal the cookie is filed under (when it is one). */
  host: string;
  /** The tab's page then; null when tabs of the portal showed different pages. */
  page: string | null;
  /** How it was tied. */
  via: Via;
  /** The cookie (no value). */
  cookie: WaitingCookie;
  /** When the browser reported it (ms since the epoch). */
  at: number;
  /**
   * Its event's place in the order the worker heard events (recorder.ts `heard`): the choices
   * heard after it do not judge it. Absent when not known (a worker since stopped heard it): then
   * it is judged by the clock, by the choice recorded at or before `at`.
   */
  order?: number;
};

export function emptyAttributionState(): AttributionState {
  return { tabs: {}, pending: [] };
}

/** The host and path of an http(s) URL, or null; the path without its parameters (`;jsessionid=…`: withoutPathParameters). */
function hostAndPath(url: string): { host: string; path: string } | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return { host: parsed.hostname.toLowerCase(), path: withoutPathParameters(parsed.pathname) };
  } catch {
    return null;
  }
}

/**
 * The host of the first party a cookie is isolated under (Firefox's first-party isolation), null
 * for none (''). Firefox names it by the top-level page's registrable domain (`example.net` for
 * `blog.example.net`; an IP address, or a host with no registrable domain, as it is), or, with
 * privacy.firstparty.isolate.use_site, by its scheme and that domain (`(https,example.net)`):
 * caps/OriginAttributes.cpp, PopulateTopLevelInfoFromURI.
 */
export function firstPartyHost(cookie: Pick<BrowserCookie, 'firstPartyDomain'>): string | null {
  const firstParty = cookie.firstPartyDomain;
  if (!firstParty) return null;
  const site = /^\([^,()]+,([^,()]+)(?:,[^()]*)?\)$/.exec(firstParty);
  return (site?.[1] ?? firstParty).toLowerCase();
}

/**
 * The host of the top-level site a cookie is kept for, or null for one kept for every site: its
 * partition's (`https://example.org` -> `example.org`) or, under first-party isolation, its first
 * party's (`example.org`). Both are named after the same top-level page.
 */
export function partitionSiteHost(cookie: Pick<BrowserCookie, 'partitionKey' | 'firstPartyDomain'>): string | null {
  const site = cookie.partitionKey?.topLevelSite;
  if (site) return hostAndPath(site)?.host ?? null;
  return firstPartyHost(cookie);
}

/**
 * True when a tab showing `topHost` may have set the cookie, and a page of `topHost` reads it: any
 * for an unpartitioned one, those on its partition's site (or first party's) for a partitioned one.
 */
export function partitionFits(cookie: Pick<BrowserCookie, 'partitionKey' | 'firstPartyDomain'>, topHost: string): boolean {
  const site = partitionSiteHost(cookie);
  return site === null || topHost === site || topHost.endsWith(`.${site}`);
}

/** True when the tab may have set the cookie: a tab of the cookie's store, and of its partition's site when it has one. */
function mayHaveSet(cookie: WaitingCookie, tabId: string, tab: TabPage, storeOf: StoreOf): boolean {
  return storeOf(tabId) === cookie.storeId && partitionFits(cookie, tab.topHost);
}

/** The cookie without its value: what may be kept. */
export function withoutValue(cookie: BrowserCookie): WaitingCookie {
  const { value: _value, ...rest } = cookie;
  // Kept in storage while it waits: its path as a record keeps it (describeCookie).
  return { ...rest, path: pathWithParameterValuesMarked(rest.path) };
}

/** The tab's top frame starts loading `url`: a new page, so its frames and evidence start afresh. */
export function pageLoading(state: AttributionState, tabId: string, url: string): void {
  const target = hostAndPath(url);
  if (target === null) {
    delete state.tabs[tabId];
    return;
  }
  state.tabs[tabId] = { topHost: target.host, page: target.path, frameHosts: [], responses: [] };
}

/** A sub frame of the tab starts loading `url`. */
export function frameLoading(state: AttributionState, tabId: string, url: string): void {
  const tab = state.tabs[tabId];
  const host = hostAndPath(url)?.host;
  if (!tab || !host || tab.frameHosts.includes(host)) return;
  if (tab.frameHosts.length >= MAX_FRAMES) tab.frameHosts.shift();
  tab.frameHosts.push(host);
}

/** The tab closed. */
export function tabClosed(state: AttributionState, tabId: string): void {
  delete state.tabs[tabId];
}

/** The store a cookie's identity (cookieKey: JSON, its store first) names; null for a key not of that form. */
function storeOfIdentity(key: string): string | null {
  try {
    const parsed: unknown = JSON.parse(key);
    return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : null;
  } catch {
    return null;
  }
}

/**
 * The private sessions of `storeIds` ended (storage/private-stores.ts): their cookies waiting for a
 * response, and what was filed of theirs, are forgotten. Their tabs went as each closed (`tabClosed`).
 * Returns true when something was.
 */
export function storesEnded(state: AttributionState, storeIds: ReadonlySet<string>): boolean {
  const before = state.pending.length;
  state.pending = state.pending.filter(({ cookie }) => !storeIds.has(cookie.storeId));
  let changed = state.pending.length !== before;
  for (const key of Object.keys(state.filed ?? {})) {
    if (!storeIds.has(storeOfIdentity(key) ?? '')) continue;
    delete state.filed![key];
    changed = true;
  }
  return changed;
}

/**
 * True while `at` is within EVIDENCE_TTL_MS of `now`, either way: a clock set back (NTP, a machine
 * resumed) puts `now` before `at`, and evidence from before that step is no fresher for it.
 */
const fresh = (at: number, now: number) => Math.abs(now - at) <= EVIDENCE_TTL_MS;

function attribution(tab: TabPage, via: Via, cookie: WaitingCookie, at: number, order: number | undefined): Attribution {
  return { host: tab.topHost, page: tab.page, via, cookie, at, ...(order === undefined ? {} : { order }) };
}

/** Whether the cookie is third-party for the tab's page: a cookie its own host receives is filed the first-party way. */
const thirdPartyFor = (cookie: WaitingCookie, tab: TabPage) => !cookieAppliesToHost(cookie, tab.topHost);

/**
 * A response reached the tab from `host` with Set-Cookie for `names`, at `now`. Cookies already
 * stored (in the tab's store) and waiting for it are tied to the tab; the other names are kept as
 * evidence for the cookie events to come.
 */
export function responseReceived(
  state: AttributionState,
  tabId: string,
  host: string,
  names: readonly string[],
  now: number,
  storeOf: StoreOf,
): Attribution[] {
  const tab = state.tabs[tabId];
  if (!tab || names.length === 0) return [];
  const found: Attribution[] = [];
  const used = new Set<string>();
  state.pending = state.pending.filter(({ cookie, at, order }) => {
    if (!fresh(at, now)) return false;
    if (!names.includes(cookie.name) || !cookieAppliesToHost(cookie, host) || !mayHaveSet(cookie, tabId, tab, storeOf)) return true;
    used.add(cookie.name);
    if (thirdPartyFor(cookie, tab)) found.push(attribution(tab, 'response', cookie, at, order));
    return false;
  });
  tab.responses = tab.responses.filter((evidence) => fresh(evidence.at, now));
  for (const name of names) {
    if (used.has(name)) continue;
    if (tab.responses.length >= MAX_RESPONSES) tab.responses.shift();
    tab.responses.push({ host, name, at: now });
  }
  return found;
}

/**
 * The sites whose tabs show a frame the cookie's domain covers now (their top frame included),
 * added to `earlier` (a new array): two sites at most, a site's page null once its tabs differ.
 */
function sitesShowing(state: AttributionState, cookie: WaitingCookie, storeOf: StoreOf, earlier: readonly Shown[] = []): Shown[] {
  const shown = earlier.map((site) => ({ ...site }));
  for (const [tabId, tab] of Object.entries(state.tabs)) {
    if (!mayHaveSet(cookie, tabId, tab, storeOf)) continue;
    if (!cookieAppliesToHost(cookie, tab.topHost) && !tab.frameHosts.some((host) => cookieAppliesToHost(cookie, host))) continue;
    const site = shown.find((known) => known.host === tab.topHost);
    if (site) {
      if (site.page !== tab.page) site.page = null;
    } else if (shown.length < 2) shown.push({ host: tab.topHost, page: tab.page });
  }
  return shown;
}

/**
 * The frame rule: the one site whose tabs show a frame the cookie's domain covers (their top
 * frame included), now or when the cookie was stored (`earlier`), or nobody when tabs of several
 * sites do. Null when no tab shows one (yet).
 */
function byFrames(
  state: AttributionState,
  cookie: WaitingCookie,
  at: number,
  order: number | undefined,
  storeOf: StoreOf,
  earlier?: readonly Shown[],
): Attribution[] | null {
  const shown = sitesShowing(state, cookie, storeOf, earlier);
  if (shown.length === 0) return null;
  if (shown.length !== 1) return [];
  const { host, page } = shown[0]!;
  if (cookieAppliesToHost(cookie, host)) return [];
  return [{ host, page, via: 'frame', cookie, at, ...(order === undefined ? {} : { order }) }];
}

/** Tabs with a request in flight to a host the cookie's domain covers. */
function awaitedBy(state: AttributionState, cookie: WaitingCookie, inFlight: InFlight, storeOf: StoreOf): boolean {
  return Object.entries(state.tabs).some(
    ([tabId, tab]) => mayHaveSet(cookie, tabId, tab, storeOf) && inFlight(tabId).some((host) => cookieAppliesToHost(cookie, host)),
  );
}

/**
 * The browser stored (or overwrote) a cookie at `now`, its event heard `order`-th (absent: not
 * known). Returns the tabs' pages it is tied to, or none: then it waits for a response still in
 * flight, or belongs to no tab we can tell.
 */
export function cookieStored(
  state: AttributionState,
  stored: BrowserCookie,
  now: number,
  inFlight: InFlight,
  storeOf: StoreOf,
  order?: number,
): Attribution[] {
  const cookie = withoutValue(stored);
  const found: Attribution[] = [];
  let answered = false;
  for (const [tabId, tab] of Object.entries(state.tabs)) {
    if (!mayHaveSet(cookie, tabId, tab, storeOf)) continue;
    const index = tab.responses.findIndex(
      (evidence) => evidence.name === cookie.name && fresh(evidence.at, now) && cookieAppliesToHost(cookie, evidence.host),
    );
    if (index === -1) continue;
    tab.responses.splice(index, 1);
    answered = true;
    if (thirdPartyFor(cookie, tab)) found.push(attribution(tab, 'response', cookie, now, order));
  }
  if (answered) return found;
  const decided = awaitedBy(state, cookie, inFlight, storeOf) ? null : byFrames(state, cookie, now, order, storeOf);
  if (decided !== null) return decided;
  if (state.pending.length >= MAX_PENDING) state.pending.shift();
  // The frames shown now judge it too: a tab that showed one may close, or load another page, before its requests settle.
  const shown = sitesShowing(state, cookie, storeOf);
  state.pending.push({ cookie, at: now, ...(shown.length > 0 ? { shown } : {}), ...(order === undefined ? {} : { order }) });
  return [];
}

/**
 * Requests finished: each waiting cookie no request in flight may still explain, and that a tab
 * shows a frame for, or showed one when it was stored, is decided by the frame rule now, over
 * both; stale ones are dropped.
 */
export function requestsSettled(state: AttributionState, now: number, inFlight: InFlight, storeOf: StoreOf): Attribution[] {
  const found: Attribution[] = [];
  state.pending = state.pending.filter(({ cookie, at, shown, order }) => {
    if (!fresh(at, now)) return false;
    const decided = awaitedBy(state, cookie, inFlight, storeOf) ? null : byFrames(state, cookie, at, order, storeOf, shown);
    if (decided === null) return true;
    found.push(...decided);
    return false;
  });
  return found;
}

/** A cookie's identity, as site records key it. */
const identityOf = (cookie: WaitingCookie) => cookieKey(describeCookie(cookie, 0));

/** Remembers that these attributions were filed under their sites. */
export function noteFiled(state: AttributionState, attributions: readonly Attribution[]): void {
  for (const { cookie, host } of attributions) {
    const filed = (state.filed ??= {});
    const key = identityOf(cookie);
    const sites = filed[key] ?? [];
    if (sites.includes(host)) continue;
    delete filed[key];
    filed[key] = [...sites, host];
    const keys = Object.keys(filed);
    if (keys.length > MAX_FILED) delete filed[keys[0]!];
  }
}

/** The sites a removed cookie was filed under as a third-party cookie; they are forgotten with it. */
export function removedFromSites(state: AttributionState, cookie: BrowserCookie): string[] {
  const key = identityOf(withoutValue(cookie));
  const sites = state.filed?.[key] ?? [];
  if (state.filed) delete state.filed[key];
  return sites;
}

/** JSON characters an object member `"key":value,` takes. */
const memberChars = (key: string, value: unknown) => JSON.stringify(key).length + JSON.stringify(value).length + 2;

/**
 * Trims the state, in place, until its JSON (`text`, its length in characters) fits in
 * `limit`, and returns the JSON that is written then: the oldest filed cookies go first (a later
 * removal of one no longer reaches its site's record), then the oldest cookies waiting for a
 * response, then each tab's oldest unused Set-Cookie names, then its frame hosts: what is
 * oldest helps least. Trims to nine tenths of `limit`, so a state at the limit is not trimmed
 * again at every event. Each entry is measured once: linear in the state's size.
 */
export function trimmedToSize(state: AttributionState, text: string, limit: number = MAX_STATE_CHARS): string {
  if (text.length <= limit) return text;
  const target = Math.floor(limit * 0.9);
  let size = text.length;
  const filed = state.filed ?? {};
  for (const key of Object.keys(filed)) {
    if (size <= target) break;
    size -= memberChars(key, filed[key]);
    delete filed[key];
  }
  while (size > target && state.pending.length > 0) size -= JSON.stringify(state.pending.shift()).length + 1;
  for (const tab of Object.values(state.tabs)) {
    while (size > target && tab.responses.length > 0) size -= JSON.stringify(tab.responses.shift()).length + 1;
    while (size > target && tab.frameHosts.length > 0) size -= JSON.stringify(tab.frameHosts.shift()).length + 1;
  }
  return JSON.stringify(state);
}

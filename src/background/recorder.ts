import { cookieAppliesToHost, cookieKey, describeCookie, type BrowserCookie } from '../core/cookies/cookie-record.ts';
import { partitionFits, type Attribution } from '../core/cookies/third-party-attribution.ts';
import {
  appendTimeline,
  claimByResponse,
  differsFromRecord,
  emptySite,
  entryApart,
  forgetSiteRemovalsApart,
  isPresent,
  notePageLoaded,
  notePageOfResponse,
  PAGE_EVIDENCE_MS,
  recordCookieChange,
  recordFoundWrite,
  type RecordContext,
  type SiteCookie,
  type SiteRecord,
  type TimelineEvent,
} from '../core/cookies/site-record.ts';
import { sameData } from '../core/same-data.ts';
import { siteKey } from '../core/storage/session-items.ts';
import type { SiteStore } from './site-store.ts';
import type { TabPage } from './open-tabs.ts';
import { webHost } from '../core/portals.ts';
import { CONSENT_COOKIE } from '../core/consent/consent-choice.ts';

/**
 * Records cookie changes into the site records they concern. Every change, and every read of a
 * record, takes its turn in one queue, in the order the calls were made: each waits for the
 * records it needs to be read from storage (site-store.ts reads them on demand), and one that
 * waits longer does not let a later one overtake it.
 */
export type Recorder = {
  /**
   * A cookies.onChanged event about `cookie` heard: its place in the order of everything the
   * worker hears, noted at once for the scans under way. Call it in the listener itself, before
   * any await, and pass it to `cookieChanged`: the event that wakes the worker is heard after the
   * wake's scan began and applied after that scan is recorded, and the scan must not take the
   * cookie for one found already there.
   */
  heard(cookie: BrowserCookie): number;
  /**
   * A cookie was set, changed or removed (`cause` as cookies.onChanged gives it), heard `at`,
   * `order`-th (from `heard`; without it, the event is heard now). Resolves, once applied, to the
   * site records it added an event to (the live pages are told of each). `tabsUnsure`, asked when
   * it is filed: the open tabs may not be as they were when it was heard (browser-events.ts), so on
   * a parent domain it is of unknown origin under each open site, as what a scan finds.
   */
  cookieChanged(
    cookie: BrowserCookie,
    removed: boolean,
    cause: string,
    at?: number,
    order?: number,
    tabsUnsure?: () => boolean,
  ): Promise<SiteRecord[]>;
  /**
   * A cookie of embedded content was set or changed in a tab of a site (third-party-attribution.ts
   * told which): recorded for that site when it is one we record. Resolves to the record it added an event to, if any,
   * and whether that event went last: told late, it goes before the choices heard after it (placeBeforeChoices).
   */
  thirdPartySet(attribution: Attribution): Promise<{ site: SiteRecord; placedLast: boolean } | null>;
  /**
   * A cookie of embedded content filed under `hosts` was removed (wherever it was removed: it is
   * gone from the browser), `cause` as cookies.onChanged gives it: a removal the browser made itself
   * (expired, evicted) is marked `byBrowser`, as the site's own are. Resolves to the records it added an event to.
   */
  thirdPartyRemoved(cookie: BrowserCookie, hosts: readonly string[], at?: number, cause?: string): Promise<SiteRecord[]>;
  /**
   * Reads the cookies that exist now (worker start, tab load) with `read` and records them for
   * the portals they concern. An event heard after the read began is newer than its answer: the
   * answer does not override it (a removed cookie is not brought back).
   */
  scan(read: () => Promise<BrowserCookie[]>, now?: () => number): Promise<void>;
  /**
   * A scan in two halves: the read starts now (its place in the order of facts taken now), and
   * the answer is recorded when `record` is called (at a wake, once the records it goes into
   * are restored). `drop` ends a scan that will not be recorded.
   */
  beginScan(read: () => Promise<BrowserCookie[]>, now?: () => number): CookieScan;
  /** Records cookies found present; `since` is the order when they were read (default: now, nothing newer). */
  cookiesPresent(cookies: BrowserCookie[], now?: number, since?: number): Promise<void>;
  /**
   * A response from \`url\` set cookies named \`names\` in a tab showing \`tab\` (open-tabs.ts, when it
   * was heard; a function is asked in its turn, as in \`pageLoaded\`): when the response is the
   * tab's own site's, a cookie of the site recorded before its page was known gets that page (see
   * notePageOfResponse), and a cookie on a parent domain that other open sites share is the site's,
   * whether it was recorded before (claimByResponse) or is reported within PAGE_EVIDENCE_MS after.
   */
  responseOnPage(tab: TabPage | null | (() => TabPage | null), url: string, names: readonly string[], at?: number): Promise<void>;
  /**
   * A tab of a site we record showed `page` (its address committed): noted in the site's record
   * (notePageLoaded), for a consent run to say which pages it loaded. Resolves once noted. A
   * function is asked in its turn (null: no page to note), for a page only known once the tab
   * changes queued before it (`inOrder`) are applied.
   */
  pageLoaded(page: TabPage | (() => TabPage | null)): Promise<void>;
  /**
   * Runs `apply` in turn, after everything queued before it (cookie events waiting for their
   * records included): a change of the open tabs heard after a cookie event must not decide
   * where that event is filed. Resolves once applied.
   */
  inOrder(apply: () => void): Promise<void>;
  /**
   * A change of the open tabs heard `at` was applied (call it in turn after it): a cookie on a
   * parent domain filed, within OPEN_TAB_LAG_MS before, as the one site open under it's own, is of
   * unknown origin there once a tab of another site under that domain is open (the page of that
   * tab may have written it: see OPEN_TAB_LAG_MS), unless a response of the site's own set it.
   * Resolves to the records it changed.
   */
  openTabsChanged(at?: number): Promise<SiteRecord[]>;
  /** Marks, in every site's timeline, that the worker was stopped and started again. */
  workerStarted(now?: number): void;
  /** Starts a site's record afresh (after its cookies were cleared), with a marker. */
  restart(host: string, storeId: string, now?: number): Promise<void>;
  /** The record of a site, in its turn (after every change asked before). */
  site(host: string, storeId: string): Promise<SiteRecord>;
  /**
   * Calls `use` with the record of a site in its turn, synchronously: what it reads besides the
   * record (its revision) matches the record, no change coming between.
   */
  withSite<T>(host: string, storeId: string, use: (site: SiteRecord) => T): Promise<T>;
  /** Forgets `keys` from the store for good (a private session's traces: private-sessions.ts), in turn: no change queued before it writes them back. */
  forget(keys: readonly string[]): Promise<void>;
};

/** A scan whose read is under way. */
export type CookieScan = {
  /** Records the answer in the recorder's turn, once its records are read (rejects when the read failed); the scan is over after it. */
  record(): Promise<void>;
  /** Ends the scan without recording anything; nothing once it is over. */
  drop(): void;
};

/**
 * Removal causes of cookies.onChanged that no page, header or script made: the browser removed
 * the cookie itself, as it expired or to make room. Not `expired_overwrite`: that is the cookie
 * written again with an expiry already past, the way a Set-Cookie or a script removes one
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/cookies/OnChangedCause).
 */
const BROWSER_REMOVALS: ReadonlySet<string> = new Set(['expired', 'evicted']);

/**
 * How long after a scan recorded a cookie new to a site the event of that very write may still
 * arrive (ms). Chromium hands a woken worker the event that woke it once its script has run, and
 * on a loaded 2-core host (CI, 2026-12-04) the wake's scan, begun at the top of that script, was
 * answered and recorded first. How late that event was is not known: 2 s is room for a loaded
 * host. An event of the same shape heard later is another write (the cookie stays found, then
 * changed); one heard sooner that was another write costs only the `found` entry, as the event
 * gives the cookie its phase either way.
 */
export const SCAN_EVENT_LAG_MS = 2_000;

/**
 * How long after a cookie event a tab of another site under the cookie's domain, heard only then,
 * may still be the page that wrote it (ms). Chromium reports a tab's new address when the page
 * commits (tabs.onUpdated at NavigationEntryCommitted, none as it starts loading) and a cookie its
 * first script writes through the network service: two paths whose order it does not keep. On a
 * loaded 2-core host (load average 9, 2026-12-05 and 06) the city's `_ga`, written by the inline
 * script of the page a new tab committed, was heard before that tab's address, and filed as the
 * portal open beside it's own (recorder.test.ts, browser-events.test.ts). How much later the
 * address came was not measured: 2 s, as SCAN_EVENT_LAG_MS. A site's own write followed that
 * closely by a tab of another site under its domain is of unknown origin too: a missed finding
 * within that window, where without it the other site's write was a false one.
 */
export const OPEN_TAB_LAG_MS = 2_000;

/** Most Set-Cookie names of the sites' own responses kept as evidence at once. */
const MAX_RESPONSE_EVIDENCE = 64;

/**
 * Most choices of a site whose order is kept (`choicesHeard`): a cookie of embedded content waits
 * 10 s at most (third-party-attribution.ts), and no banner records 64 choices in that time.
 */
const MAX_CHOICES_HEARD = 64;

/** A site a cookie is filed under, and whether another site open beside it may have set the cookie (see `sitesFor`). */
type Filing = { host: string; originUnknown: boolean };

/**
 * Writes of a cookie on a parent domain filed as a site's own (`openTabsChanged`): the cookie (its
 * value left out), the site, the entry they and the changes since left, and its steps, from the
 * oldest heard.
 */
type OwnFiling = {
  cookie: BrowserCookie;
  host: string;
  entry: SiteCookie;
  steps: OwnStep[];
};

/**
 * The writes of a filing heard in one OWN_STEP_MS of the clock (`slot`): when the first and the
 * last were heard, the hosts open under the domain at every one of them, and the entry the changes
 * would have left were the first of them and every change after it of unknown origin. One step,
 * not one per write: every change of the cookie works out each step's entry again, and a page can
 * write a cookie in a loop.
 */
type OwnStep = { slot: number; from: number; to: number; openUnder: ReadonlySet<string>; ofUnknownOrigin: SiteCookie };

/**
 * The clock's span of one step of a filing (ms): a step lives while one of its writes is within
 * OPEN_TAB_LAG_MS of the clock, either way, so a filing has 2 * 4 + 2 = 10 steps at most, and a
 * change of its cookie costs 10 entries worked out apart at most. A tab that may have made a write
 * of a step is taken for the step's first write's maker: the writes up to OWN_STEP_MS before the
 * one it made, the site's own, become of unknown origin with it (a missed finding, never a false one).
 */
const OWN_STEP_MS = OPEN_TAB_LAG_MS / 4;

/** How far `at` is from the writes of `step` (0 between its first and last). */
const stepApart = (step: OwnStep, at: number) => Math.max(step.from - at, at - step.to, 0);

/**
 * Most filings kept for `openTabsChanged` at once: each lives OPEN_TAB_LAG_MS and holds 11 entries
 * at most (no value), so 64 keep about 700 entries. Those whose writes are all older go first;
 * when still full, a new one is not kept, rather than an older one dropped: a page writing distinct
 * cookies in a loop must not push out the filing of a cookie written before it (`_ga`, by a new
 * tab's first script, its address not heard yet). The cookies not kept stay the site's own (a
 * possible false finding: README, Limits).
 */
const MAX_OWN_FILINGS = 64;

/**
 * @param isTracked whether a host is a site we record (a portal, or a site the person granted)
 * @param isOpen whether a tab of `host` is open in cookie store `storeId` now
 * @param openHosts the hosts with an open tab in `storeId`, tracked or not (records may not exist yet)
 * @param pageOf the path of the page a tab of `host` shows or loads in `storeId` (a cookie's `firstPage`), or null
 */
export function createRecorder(
  store: SiteStore,
  isTracked: (host: string) => boolean,
  isOpen: (host: string, storeId: string) => boolean = () => false,
  openHosts: (storeId: string) => Iterable<string> = () => [],
  pageOf: (host: string, storeId: string) => string | null = () => null,
): Recorder {
  /*
   * Ordering is kept in memory, not storage: it only compares a scan under way with the events
   * heard meanwhile, and no scan outlives the worker that started it.
   */
  let lastOrder = 0;
  /** Orders at which the scans under way began. */
  const scansUnderWay = new Set<number>();
  /** While a scan is under way: the order of the newest event about each cookie. */
  const newestEvent = new Map<string, number>();

  const identity = (cookie: BrowserCookie) => cookieKey(describeCookie(cookie, 0));

  /**
   * The orders at which each site's last choices were heard (its timeline's events recording
   * one), by record key, the last MAX_CHOICES_HEARD: a cookie of embedded content, told up to
   * 10 s after its event, is judged by the choices heard before it (`choicesSince`), never by the
   * clock, which may have been set back in between. In memory, like the ordering above, so it
   * only places this worker's cookies: every choice a stopped worker heard came before them, and
   * one a stopped worker heard has no order here (embedded-content.ts drops it) and is judged by
   * the clock.
   */
  const choicesHeard = new Map<string, number[]>();

  /**
   * Notes the choice `site`'s last event recorded, heard at `order`, when that event is new (not
   * `lastBefore`, the last one before this change) and recorded one: a removal that records no
   * event (a consent cookie a dropped record kept, whose choice was not in force) is no choice.
   */
  function noteChoice(site: SiteRecord, order: number, lastBefore: TimelineEvent | undefined): void {
    const last = site.timeline.at(-1);
    if (last === lastBefore || last === undefined || !('consent' in last) || last.consent === undefined) return;
    const key = siteKey(site.storeId, site.host);
    const orders = choicesHeard.get(key) ?? [];
    orders.push(order);
    choicesHeard.set(key, orders.slice(-MAX_CHOICES_HEARD));
  }

  /** How many of the site's choices this worker heard after `order` (one of its own). */
  function choicesSince(storeId: string, host: string, order: number): number {
    return (choicesHeard.get(siteKey(storeId, host)) ?? []).filter((heard) => heard > order).length;
  }

  /**
   * Cookies a scan recorded new to a site (`found`), by site and cookie, with when and the
   * cookie's attributes then: the event of the write the scan saw may come after (recordFoundWrite).
   * Attributes only, never a value: an event of the same shape within SCAN_EVENT_LAG_MS is that
   * write. Never the consent cookie: its shape does not tell a choice made again within the lag
   * from the one the scan read, and the choices it records date the phases of the cookies after
   * it, so a late event of it stays a change after the scan's entry.
   */
  const foundByScan = new Map<string, { at: number; shape: string }>();
  const foundKey = (host: string, cookie: BrowserCookie) => `${siteKey(cookie.storeId, host)}\n${identity(cookie)}`;
  const shapeOf = (cookie: BrowserCookie) => JSON.stringify(describeCookie(cookie, 0));

  /** True when this event is of the write a scan found `host`'s cookie by, moments before; whatever it is, later events are not. */
  function takeScannedWrite(host: string, cookie: BrowserCookie, removed: boolean, at: number): boolean {
    const key = foundKey(host, cookie);
    const scanned = foundByScan.get(key);
    if (scanned === undefined) return false;
    foundByScan.delete(key);
    // Within the lag either way: a clock set back since the scan (NTP, a machine resumed) dates a later write before it.
    return !removed && Math.abs(at - scanned.at) <= SCAN_EVENT_LAG_MS && scanned.shape === shapeOf(cookie);
  }

  /** The turn of the last call queued: each call's work starts after it, whatever its records cost to read. */
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * Runs `apply` in turn, once the records `needs` names are read (asked again after each read:
   * what a record needs may change while it is read, a tab opening). `apply` runs synchronously.
   */
  function inTurn<T>(needs: () => Iterable<string>, apply: () => T): Promise<T> {
    const turn = queue.then(async () => {
      for (;;) {
        const reading = store.open(needs());
        if (!reading) return apply();
        await reading;
      }
    });
    // A failed turn (a record that could not be read) does not stop the ones after it.
    queue = turn.catch(() => undefined);
    return turn;
  }

  const keysOf = (storeId: string, hosts: Iterable<string>) => [...hosts].map((host) => siteKey(storeId, host));
  const keysFor = (cookie: BrowserCookie, at: number) =>
    keysOf(
      cookie.storeId,
      sitesFor(cookie, at).map((filing) => filing.host),
    );

  /*
   * Set-Cookie names the sites' own responses sent in their tabs, for PAGE_EVIDENCE_MS: Chromium
   * reports a response before the cookie it set, so a cookie on a parent domain several open sites
   * share learns from them which site set it. In memory, like the ordering above: evidence lives
   * seconds, and a worker stopped in between only leaves such a cookie of unknown origin, blamed on nobody.
   */
  const responses: Array<{ storeId: string; host: string; name: string; at: number }> = [];

  /** True when a response of `host`'s own, in its tab, set a cookie of this name around `at`. */
  const respondedWith = (cookie: BrowserCookie, host: string, at: number) =>
    responses.some(
      (evidence) =>
        evidence.host === host &&
        evidence.name === cookie.name &&
        evidence.storeId === cookie.storeId &&
        Math.abs(at - evidence.at) <= PAGE_EVIDENCE_MS,
    );

  /**
   * The sites a cookie heard `at` belongs to, among those we record:
   * - its own host (`data.tco.re` for a host-only cookie or one on `.data.tco.re`): always, once
   *   we record that host or have a record of it;
   * - a site under its domain (`data.toulouse-metropole.fr` for `_ga` on `.toulouse-metropole.fr`)
   *   only while a tab of that site is open in the cookie's store. The city's main site sets
   *   that `_ga` too, and a portal visited earlier is not to blame for it (nor one never visited).
   *   When tabs of several sites under the domain are open (two portals, `NAME.opendatasoft.com`,
   *   whose Google Analytics writes `_ga` on `.opendatasoft.com`; a portal and the city's main
   *   site), any of them may have set it: each gets it as of unknown origin (no finding against
   *   it), unless a response of its own set it.
   * A scan (`found`) finds a cookie there, not who set it nor when: a site visited earlier, or the
   * city's main site, may have written it before this site's tab opened. So what a scan finds on
   * a parent domain is of unknown origin under every site, even one open alone, until an event
   * heard while it is open or a response of its own shows it is the site's.
   * A partitioned cookie (CHIPS; in Firefox every third-party cookie) is kept for the pages of the
   * top-level site it names, and only their tabs can write it: it is filed, as its own host's or
   * under its domain, only for sites on that site (`_ga` on `.opendatasoft.com` partitioned under
   * `https://ville.fr`, a portal's frame in the city's page, is no portal's own), and only their
   * tabs count as open beside one.
   */
  function sitesFor(cookie: BrowserCookie, at: number, found = false): Filing[] {
    const ownHost = cookie.domain.replace(/^\./, '').toLowerCase();
    const sites = new Map<string, boolean>();
    if (partitionFits(cookie, ownHost) && (isTracked(ownHost) || store.hosts().has(ownHost))) sites.set(ownHost, false);
    if (!cookie.hostOnly) {
      const openUnder = openHostsUnder(cookie);
      const add = (host: string) => {
        if (!sites.has(host)) sites.set(host, (found || openUnder.size > 1) && !respondedWith(cookie, host, at));
      };
      for (const host of store.hosts()) {
        if (host !== ownHost && cookieAppliesToHost(cookie, host) && partitionFits(cookie, host) && isOpen(host, cookie.storeId)) add(host);
      }
      for (const host of openUnder) {
        if (host !== ownHost && isTracked(host)) add(host);
      }
    }
    return [...sites].map(([host, originUnknown]) => ({ host, originUnknown }));
  }

  /** The hosts open in `cookie`'s store (`open`, asked when not given) under its domain (on a parent domain), those of its partition's site only. */
  function openHostsUnder(cookie: BrowserCookie, open: Iterable<string> = openHosts(cookie.storeId)): Set<string> {
    return new Set([...open].filter((host) => cookieAppliesToHost(cookie, host) && partitionFits(cookie, host)));
  }

  /**
   * Writes on a parent domain filed as the one site open under it's own, the last OPEN_TAB_LAG_MS,
   * by site and cookie: a tab of another site under the domain heard after one may be the page that
   * wrote it (openTabsChanged). In memory, like the evidence above: it lives seconds.
   */
  const ownFilings = new Map<string, OwnFiling>();

  /**
   * Records a change of `cookie` heard `at` in `site`, filed under it (recordCookieChange), and
   * notes it for `openTabsChanged`: a write filed as the site's own on a parent domain it shares
   * (`ownWrite`) is noted; a change after such a write, while the entry is as the changes since
   * left it, is applied to the entries of unknown origin too.
   */
  function recordFiled(site: SiteRecord, cookie: BrowserCookie, removed: boolean, at: number, context: RecordContext, ownWrite: boolean) {
    // The common case, a busy portal's events: nothing to note, nothing noted.
    if (!ownWrite && ownFilings.size === 0) return recordCookieChange(site, cookie, removed, at, context);
    dropStaleFilings(at);
    const key = foundKey(site.host, cookie);
    const id = identity(cookie);
    const earlier = ownFilings.get(key);
    ownFilings.delete(key);
    // Steps whose entry something else changed since (a scan, a response) are over.
    const going = earlier && sameData(site.cookies[id], earlier.entry) ? earlier.steps : [];
    // A write of the site's own would be of unknown origin too, after one that is.
    const asIf = ownWrite ? { ...context, originUnknown: true } : context;
    const steps = going
      .filter((step) => stepApart(step, at) <= OPEN_TAB_LAG_MS)
      .map((step) => ({ ...step, ofUnknownOrigin: entryApart(site, step.ofUnknownOrigin, cookie, removed, at, asIf) }));
    if (ownWrite) {
      const slot = Math.floor(at / OWN_STEP_MS);
      const openUnder = openHostsUnder(cookie);
      const same = steps.find((step) => step.slot === slot);
      // In a step already: its entry took this write, as of unknown origin, above.
      if (same)
        Object.assign(same, { from: Math.min(same.from, at), to: Math.max(same.to, at), openUnder: common(same.openUnder, openUnder) });
      else steps.push({ slot, from: at, to: at, openUnder, ofUnknownOrigin: entryApart(site, site.cookies[id], cookie, false, at, asIf) });
    }
    forgetInFilings(site, cookie, removed, at, context);
    const next = recordCookieChange(site, cookie, removed, at, context);
    keepFiling(key, site, cookie, steps);
    return next;
  }

  /**
   * Does to the entries kept for `site`'s filings what recording `cookie` in it does to the
   * record's (a choice forgets removals the site made under another: forgetSiteRemovalsApart),
   * call it before: the entry openTabsChanged swaps in is the one the record would hold, had the
   * tab been heard first, and the filing's copy of the record's entry still matches it.
   */
  function forgetInFilings(site: SiteRecord, cookie: BrowserCookie, removed: boolean, at: number, context: RecordContext): void {
    // Only a choice changes them.
    if (cookie.name !== CONSENT_COOKIE || ownFilings.size === 0) return;
    const entries = [...ownFilings.values()]
      .filter((filing) => filing.host === site.host && filing.cookie.storeId === site.storeId)
      .flatMap((filing) => [filing.entry, ...filing.steps.map((step) => step.ofUnknownOrigin)]);
    forgetSiteRemovalsApart(site, cookie, removed, at, context, entries);
  }

  /** The hosts in both sets: a tab open under the domain at one write of a step but not another may have made that other. */
  const common = (a: ReadonlySet<string>, b: ReadonlySet<string>) => new Set([...a].filter((host) => b.has(host)));

  /** Forgets the filings none of whose writes is within OPEN_TAB_LAG_MS of `at`. */
  function dropStaleFilings(at: number): void {
    for (const [key, filing] of ownFilings) if (filing.steps.every((step) => stepApart(step, at) > OPEN_TAB_LAG_MS)) ownFilings.delete(key);
  }

  /** Keeps, as filing `key`, the steps of `cookie` in `site` with an entry left, the entry as it is now; when room is left (MAX_OWN_FILINGS). */
  function keepFiling(
    key: string,
    site: SiteRecord,
    cookie: BrowserCookie,
    steps: Array<Omit<OwnStep, 'ofUnknownOrigin'> & { ofUnknownOrigin: SiteCookie | undefined }>,
  ): void {
    const entry = site.cookies[identity(cookie)];
    const kept = steps.filter((step): step is OwnStep => step.ofUnknownOrigin !== undefined);
    if (entry && kept.length > 0 && ownFilings.size < MAX_OWN_FILINGS)
      ownFilings.set(key, { cookie: { ...cookie, value: '' }, host: site.host, entry: structuredClone(entry), steps: kept });
  }

  /**
   * Records the event of the write a scan found moments before as that write (recordFoundWrite:
   * false when it is not), and, when `ownWrite` makes it the site's own, notes it as `recordFiled`
   * notes such a write: a tab heard just after may be the page that wrote it.
   */
  function recordFoundFiled(site: SiteRecord, cookie: BrowserCookie, at: number, context: RecordContext, ownWrite: boolean): boolean {
    const scannedAt = site.cookies[identity(cookie)]?.firstSeen ?? at;
    // Of unknown origin, the scan's entry gives way to a new one of unknown origin, dated as recordFoundWrite dates it.
    const ofUnknownOrigin = ownWrite
      ? entryApart(site, undefined, cookie, false, Math.min(scannedAt, at), { ...context, originUnknown: true })
      : undefined;
    if (!recordFoundWrite(site, cookie, at, context)) return false;
    dropStaleFilings(at);
    const key = foundKey(site.host, cookie);
    // The scan made the entry anew: nothing noted before it stands.
    ownFilings.delete(key);
    if (ownWrite)
      keepFiling(key, site, cookie, [
        { slot: Math.floor(at / OWN_STEP_MS), from: at, to: at, openUnder: openHostsUnder(cookie), ofUnknownOrigin },
      ]);
    return true;
  }

  function openTabsChanged(at = Date.now()): Promise<SiteRecord[]> {
    /**
     * The filings a tab heard `at` may have made a write of, each with the first such step: one
     * heard within OPEN_TAB_LAG_MS (either way of the clock, as the scan's lag), and a site under
     * the domain open now that was not at one of its writes. The open hosts are asked once per
     * store: a filing per parent-domain cookie, each asking them, cost filings × tabs a tab event.
     */
    const maybeMade = () => {
      const openIn = new Map<string, string[]>();
      const openNow = (storeId: string) => {
        let hosts = openIn.get(storeId);
        if (hosts === undefined) openIn.set(storeId, (hosts = [...openHosts(storeId)]));
        return hosts;
      };
      return [...ownFilings].flatMap(([key, filing]) => {
        const open = openHostsUnder(filing.cookie, openNow(filing.cookie.storeId));
        const step = filing.steps.find(
          (step) => stepApart(step, at) <= OPEN_TAB_LAG_MS && [...open].some((host) => !step.openUnder.has(host)),
        );
        return step === undefined ? [] : [{ key, filing, step }];
      });
    };
    // Those the last ask of the records needed found: `apply` runs right after it, synchronously (inTurn).
    let found: ReturnType<typeof maybeMade> = [];
    return inTurn(
      () => (found = maybeMade()).map(({ filing }) => siteKey(filing.cookie.storeId, filing.host)),
      () => {
        const changed: SiteRecord[] = [];
        for (const { key, filing, step } of found) {
          ownFilings.delete(key);
          const { cookie, host } = filing;
          const site = store.get(cookie.storeId, host);
          const id = identity(cookie);
          // Changed since (a scan, a response): what came after stands. A response of the site's own set its writes: its own.
          if (!sameData(site.cookies[id], filing.entry) || (respondedWith(cookie, host, step.from) && respondedWith(cookie, host, step.to)))
            continue;
          site.cookies[id] = step.ofUnknownOrigin;
          store.put(site);
          changed.push(site);
        }
        return changed;
      },
    );
  }

  /** Sites with a record `cookie` (on a parent domain) may be in, besides those `sitesFor` files it under. */
  function holdersBeside(cookie: BrowserCookie, at: number): string[] {
    if (cookie.hostOnly) return [];
    const filed = new Set(sitesFor(cookie, at).map((filing) => filing.host));
    return [...store.hosts()].filter((host) => !filed.has(host) && cookieAppliesToHost(cookie, host) && partitionFits(cookie, host));
  }

  function nextOrder(): number {
    return ++lastOrder;
  }

  /** Notes, for the scans under way, an event about `cookie` at `order`: their answers, read before, do not override it. */
  function noteEvent(cookie: BrowserCookie, order: number): void {
    if (scansUnderWay.size === 0) return;
    const key = identity(cookie);
    newestEvent.set(key, Math.max(newestEvent.get(key) ?? 0, order));
  }

  function heard(cookie: BrowserCookie): number {
    const order = nextOrder();
    // Noted when heard, not in its turn: a scan's answer recorded before that turn still knows of it.
    noteEvent(cookie, order);
    return order;
  }

  function cookieChanged(
    cookie: BrowserCookie,
    removed: boolean,
    cause: string,
    at = Date.now(),
    order?: number,
    tabsUnsure: () => boolean = () => false,
  ): Promise<SiteRecord[]> {
    const heardAt = order ?? heard(cookie);
    // An overwrite is reported as a removal followed by the new cookie: record it once, as a change.
    if (removed && cause === 'overwrite')
      return inTurn(
        () => [],
        () => [],
      );
    return inTurn(
      () => [...keysFor(cookie, at), ...(removed ? keysOf(cookie.storeId, holdersBeside(cookie, at)) : [])],
      () => {
        const changed: SiteRecord[] = [];
        const note = (lastBefore: TimelineEvent | undefined, next: SiteRecord | null) => {
          if (next) {
            noteChoice(next, heardAt, lastBefore);
            store.put(next);
            changed.push(next);
          }
        };
        const ownHost = cookie.domain.replace(/^\./, '').toLowerCase();
        // Tabs not known as they were when it was heard (a wake's read, answered after a tab moved on): filed as a scan's find.
        for (const { host, originUnknown } of sitesFor(cookie, at, tabsUnsure())) {
          const site = store.get(cookie.storeId, host);
          const context = { page: pageOf(host, cookie.storeId), originUnknown };
          // Made the site's own as the one open under its parent domain: a tab heard just after may be the page that wrote it.
          const ownWrite = !removed && !cookie.hostOnly && !originUnknown && host !== ownHost;
          // Heard after a scan that found the cookie it wrote: the scan's entry becomes its (no new event).
          if (takeScannedWrite(host, cookie, removed, at) && recordFoundFiled(site, cookie, at, context, ownWrite)) {
            store.put(site);
            continue;
          }
          const lastBefore = site.timeline.at(-1);
          note(
            lastBefore,
            recordFiled(site, cookie, removed, at, { ...context, byBrowser: removed && BROWSER_REMOVALS.has(cause) }, ownWrite),
          );
        }
        // A site whose tab closed files no event of a cookie on its parent domain, but one that
        // shows that very cookie present learns it is gone: kept, it showed an expired `_ga` as
        // present, and judged it kept after a refusal made later.
        if (removed)
          for (const host of holdersBeside(cookie, at)) {
            const site = store.get(cookie.storeId, host);
            // Or the choice it held, kept by a record dropped to make room (recordCookieChange
            // decides: that record knows which consent cookies held its choice, choiceHeldBy).
            if (isPresent(site, cookie) || cookie.name === CONSENT_COOKIE)
              note(
                site.timeline.at(-1),
                recordCookieChange(site, cookie, true, at, { page: pageOf(host, cookie.storeId), byBrowser: BROWSER_REMOVALS.has(cause) }),
              );
          }
        return changed;
      },
    );
  }

  function thirdPartyRemoved(cookie: BrowserCookie, hosts: readonly string[], at = Date.now(), cause = 'explicit'): Promise<SiteRecord[]> {
    const key = identity(cookie);
    const recorded = () => hosts.filter((host) => store.hosts().has(host));
    return inTurn(
      () => keysOf(cookie.storeId, recorded()),
      () => {
        const changed: SiteRecord[] = [];
        for (const host of recorded()) {
          const site = store.get(cookie.storeId, host);
          const via = site.cookies[key]?.thirdParty?.via;
          if (via === undefined) continue;
          // Heard now: no choice came after it (choicesSince 0).
          const next = recordCookieChange(site, cookie, true, at, { via, byBrowser: BROWSER_REMOVALS.has(cause), choicesSince: 0 });
          if (next) {
            store.put(next);
            changed.push(next);
          }
        }
        return changed;
      },
    );
  }

  function thirdPartySet({ host, page, via, cookie, at, order }: Attribution): Promise<{ site: SiteRecord; placedLast: boolean } | null> {
    return inTurn(
      () => [siteKey(cookie.storeId, host)],
      () => {
        if (!isTracked(host) && !store.hosts().has(host)) return null;
        // Not known when a worker since stopped heard it: judged by the clock (recordCookieChange).
        const context = { page, via, ...(order === undefined ? {} : { choicesSince: choicesSince(cookie.storeId, host, order) }) };
        const site = store.get(cookie.storeId, host);
        const lastBefore = site.timeline.at(-1);
        const next = recordCookieChange(site, cookie, false, at, context);
        if (!next) return null;
        store.put(next);
        // The record is changed in place: its last event is still the one before when the new one went elsewhere.
        return { site: next, placedLast: next.timeline.at(-1) !== lastBefore };
      },
    );
  }

  /** The page `loaded` gives, asked once, in its turn when it is a function. */
  function askedOnce(loaded: TabPage | null | (() => TabPage | null)): () => TabPage | null {
    let asked: TabPage | null | undefined = typeof loaded === 'function' ? undefined : loaded;
    return () => (asked === undefined ? (asked = (loaded as () => TabPage | null)()) : asked);
  }

  function responseOnPage(
    ofTab: TabPage | null | (() => TabPage | null),
    url: string,
    names: readonly string[],
    at = Date.now(),
  ): Promise<void> {
    const pageNow = askedOnce(ofTab);
    const ownPage = () => {
      const tab = pageNow();
      return tab && webHost(url) === tab.host ? tab : null;
    };
    return inTurn(
      () => {
        const tab = ownPage();
        return tab ? [siteKey(tab.storeId, tab.host)] : [];
      },
      () => {
        const tab = ownPage();
        if (!tab) return;
        // Kept for a cookie reported after it; the oldest evidence goes first.
        const fresh = responses.filter((evidence) => Math.abs(at - evidence.at) <= PAGE_EVIDENCE_MS);
        fresh.push(...names.map((name) => ({ storeId: tab.storeId, host: tab.host, name, at })));
        responses.splice(0, responses.length, ...fresh.slice(-MAX_RESPONSE_EVIDENCE));
        if (!store.hosts().has(tab.host)) return;
        const site = store.get(tab.storeId, tab.host);
        const claimed = claimByResponse(site, names, tab.path, at);
        if (notePageOfResponse(site, names, tab.path, at) || claimed) store.put(site);
      },
    );
  }

  function pageLoaded(loaded: TabPage | (() => TabPage | null)): Promise<void> {
    const pageNow = askedOnce(loaded);
    // Every tab's every update comes here: a site we do not record costs no read.
    const recorded = (page: TabPage | null): page is TabPage => page !== null && (isTracked(page.host) || store.hosts().has(page.host));
    return inTurn(
      () => {
        const page = pageNow();
        return recorded(page) ? [siteKey(page.storeId, page.host)] : [];
      },
      () => {
        const page = pageNow();
        if (!recorded(page)) return;
        const { host, path, storeId } = page;
        const site = store.get(storeId, host);
        // A page alone starts no record: a portal that sets no cookie would have one of nothing,
        // which room made for others would count as a site dropped. A record's first cookie notes
        // the page it came from (recordCookieChange).
        if (site.timeline.length === 0 && Object.keys(site.cookies).length === 0) return;
        if (notePageLoaded(site, path)) store.put(site);
      },
    );
  }

  function cookiesPresent(cookies: BrowserCookie[], now = Date.now(), since = lastOrder): Promise<void> {
    // The consent cookie first: the others found with it are tagged with the choice it holds,
    // whatever order the browser lists them in.
    const ordered = [...cookies].sort((a, b) => Number(b.name === CONSENT_COOKIE) - Number(a.name === CONSENT_COOKIE));
    // An event heard since the read began knows better (a removal the answer predates).
    const current = () => ordered.filter((cookie) => (newestEvent.get(identity(cookie)) ?? 0) <= since);
    return inTurn(
      () => current().flatMap((cookie) => keysFor(cookie, now)),
      () => record(current(), now, since),
    );
  }

  /**
   * The record keys that more than one of the cookies read share: two cookies the browser holds
   * apart whose paths differ only in their parameters (`/app;jsessionid=AAA/cart` and
   * `/app;jsessionid=BBB/cart`, both recorded as `/app;…/cart`: describeCookie).
   */
  function keysReadTwice(cookies: readonly BrowserCookie[]): Set<string> {
    const read = new Set<string>();
    const twice = new Set<string>();
    for (const cookie of cookies) {
      const key = identity(cookie);
      if (read.has(key)) twice.add(key);
      read.add(key);
    }
    return twice;
  }

  /** Records cookies found present, their records read, as of `since` (the order when they were read). */
  function record(cookies: BrowserCookie[], now: number, since: number): void {
    for (const [key, scanned] of foundByScan) if (Math.abs(now - scanned.at) > SCAN_EVENT_LAG_MS) foundByScan.delete(key);
    const readTwice = keysReadTwice(cookies);
    for (const cookie of cookies) {
      for (const { host, originUnknown } of sitesFor(cookie, now, true)) {
        const site = store.get(cookie.storeId, host);
        // Already recorded as it is: nothing new, keep its times and phases. Found otherwise (a write
        // whose event went unheard: host access withheld, then given back), a change found, of no
        // phase, as a cookie found new is. A response of the site that set it moments ago dates it
        // (its event went unheard): judged as set now. Two cookies of one record key (keysReadTwice)
        // are not compared: each would differ from what the other just wrote, a change at every scan.
        if (!isPresent(site, cookie) || (!readTwice.has(identity(cookie)) && differsFromRecord(site, cookie, now))) {
          const found = !respondedWith(cookie, host, now);
          const isNew = site.cookies[identity(cookie)] === undefined;
          const context = { found, page: pageOf(host, cookie.storeId), originUnknown };
          forgetInFilings(site, cookie, false, now, context);
          const lastBefore = site.timeline.at(-1);
          const next = recordCookieChange(site, cookie, false, now, context)!;
          noteChoice(next, since, lastBefore);
          store.put(next);
          if (found && isNew && cookie.name !== CONSENT_COOKIE)
            foundByScan.set(foundKey(host, cookie), { at: now, shape: shapeOf(cookie) });
        }
      }
    }
  }

  function beginScan(read: () => Promise<BrowserCookie[]>, now: () => number = Date.now): CookieScan {
    const since = nextOrder();
    scansUnderWay.add(since);
    const end = () => {
      scansUnderWay.delete(since);
      if (scansUnderWay.size === 0) newestEvent.clear();
    };
    // Read at once (an async function runs `read` now, and turns a throw into a rejection); a
    // failure is the record's to report, or nobody's when the scan is dropped.
    const answer = (async () => read())();
    answer.catch(() => {});
    return {
      async record() {
        try {
          await cookiesPresent(await answer, now(), since);
        } finally {
          end();
        }
      },
      drop: end,
    };
  }

  function scan(read: () => Promise<BrowserCookie[]>, now: () => number = Date.now): Promise<void> {
    return beginScan(read, now).record();
  }

  function workerStarted(now = Date.now()): void {
    store.markRestart(now);
  }

  function restart(host: string, storeId: string, now = Date.now()): Promise<void> {
    // Needs no read: the record starts afresh (the store keeps it over a read under way).
    return inTurn(
      () => [],
      () => {
        // The record starts afresh: the choices it recorded are no longer in its timeline.
        choicesHeard.delete(siteKey(storeId, host));
        store.put(appendTimeline(emptySite(host, storeId), { type: 'cleared', at: now }));
      },
    );
  }

  function withSite<T>(host: string, storeId: string, use: (site: SiteRecord) => T): Promise<T> {
    return inTurn(
      () => [siteKey(storeId, host)],
      () => use(store.get(storeId, host)),
    );
  }

  return {
    heard,
    cookieChanged,
    thirdPartySet,
    thirdPartyRemoved,
    scan,
    beginScan,
    cookiesPresent,
    responseOnPage,
    pageLoaded,
    inOrder: (apply) => inTurn(() => [], apply),
    openTabsChanged,
    workerStarted,
    restart,
    site: (host, storeId) => withSite(host, storeId, (site) => site),
    withSite,
    async forget(keys) {
      await inTurn(
        () => [],
        () => store.forgetKeys(keys),
      );
    },
  };
}

import { compareText } from '../compare.ts';
import { CONSENT_COOKIE, decodeConsent, type CookieJudgement, type Phase, type SiteConsent } from '../consent/consent-choice.ts';
import { judgeCookie } from '../consent/consent-choice.ts';
import { judgeByName } from '../consent/consent-trackers.ts';
import { cookieKey, describeCookie, type BrowserCookie, type CookieRecord } from './cookie-record.ts';
import { partitionSiteHost, type Via } from './third-party-attribution.ts';
import { sameData } from '../same-data.ts';

/** Most timeline events kept per site; older ones are dropped and counted. */
export const TIMELINE_LIMIT = 1000;

/** A cookie as recorded for a site, with the consent phases it was written in. */
export type SiteCookie = CookieRecord & {
  /** Phase of the event that first created it. */
  firstPhase: Phase;
  /** Every known phase in which it was set or changed (at most four; none for a cookie found already there). */
  setPhases: Phase[];
  /**
   * The tracker keys (`ga`, `matomo`, …) the visitor had refused each time it was set in spite
   * of that refusal; absent when that never happened or no flag of its family was given.
   */
  refusedBy?: string[];
  /**
   * The switches, every one off, in force each time it was set while none of them spoke for it
   * (a tool with no switch shown: judgeCookie's `allOff`); absent when that never happened.
   */
  allOffWhenSet?: string[];
  /**
   * Path of the page a tab of the site showed (or was loading) when the cookie was first recorded;
   * null when that is not known (no single page, or a cookie a scan found already there).
   * Absent in records of earlier versions.
   */
  firstPage?: string | null;
  /** Set by content another site embedded in the site's tab, and how that was told (third-party-attribution.ts); absent for the site's own cookies. */
  thirdParty?: { via: Via };
  /**
   * Present while nothing shows the site set the cookie: it sits on a parent domain that tabs of
   * other sites open then share too (`_ga` on `.opendatasoft.com`, written by any portal of the
   * platform), so another of them may have set it. It makes no finding against the site. Holds
   * how the choice applied to its last event, which counts against the site if a response of the
   * site turns out to have set it (`claimByResponse`). Absent for the site's own cookies.
   */
  originUnknown?: CookieJudgement;
  /**
   * On a cookie already the site's: its last write, when another open site may have made it (an
   * event marked `originUnknown`, or a scan, on a parent domain they share). The cookie stays as
   * the site's own writes left it (lifetime, phases) and the write makes no finding; a response
   * of the site within PAGE_EVIDENCE_MS shows it was the site's, and applies it (`claimByResponse`).
   * `write` is the cookie it wrote, `judgement` how the choice applied to it, `siteRemoved` when
   * the site had removed the cookie before it (present again, it is not kept by the site), else null.
   * Absent otherwise.
   */
  unclaimedWrite?: { write: CookieRecord; judgement: CookieJudgement; siteRemoved: number | null };
};

/** What the recorder knows of a cookie event besides the cookie itself. */
export type RecordContext = {
  /** True for a cookie a scan found already there (set while the extension was not watching). */
  found?: boolean;
  /** Path of the page the site's tab showed or was loading; null or absent when unknown. */
  page?: string | null;
  /** For a cookie of embedded content: how it was tied to the site's tab. */
  via?: Via;
  /**
   * True for a cookie on a parent domain that tabs of other sites open now share too, and that
   * nothing shows this site set (see `SiteCookie.originUnknown`).
   */
  originUnknown?: boolean;
  /** For a removal: the browser removed the cookie itself (it expired, or made room), no page did. */
  byBrowser?: boolean;
  /**
   * For a cookie of embedded content, told late: how many of the site's choices were heard after
   * its event (they do not judge it: `consentAt`). Absent when not known (a worker since stopped
   * heard the event): then the choice recorded at or before its time judges it (`consentByClockAt`).
   */
  choicesSince?: number;
};

/** One entry of a site's timeline. */
export type TimelineEvent =
  | {
      /** A cookie was set (new), changed (overwritten) or removed. */
      type: 'set' | 'changed' | 'removed';
      /** When (ms since the epoch). */
      at: number;
      /** Cookie name. */
      name: string;
      /** Cookie domain. */
      domain: string;
      /** Consent phase the event happened in. */
      phase: Phase;
      /**
       * True when a scan found the cookie already there (set while the extension was not
       * watching), or, on a change, found it otherwise than recorded (a write whose event went
       * unheard: differsFromRecord): when it was written is not known, only that it exists so.
       * Absent for a change the browser reported as it happened.
       */
      found?: true;
      /**
       * On a removal: the browser removed the cookie itself, as it expired or to make room
       * (cookies.onChanged's `expired`, `evicted`); no page, header or script did. Absent otherwise.
       */
      byBrowser?: true;
      /** On an event of the consent cookie itself: the choice it recorded (the site's consent after it), tracker by tracker. */
      consent?: Pick<SiteConsent, 'state' | 'trackers'>;
      /**
       * On a write over the site's consent cookie that recorded the choice already in force (the
       * same state and per-tracker flags): the choice was saved again, not changed (a page that
       * writes it twice, a scan at a wake that read it before its event). Absent otherwise.
       */
      sameChoice?: true;
      /**
       * On a removal of the consent cookie that put back another one's choice: the choice in force
       * before it (never a value). Read back in records of earlier versions, which keep no
       * `lastSaved` (lastChoiceHeld). Absent otherwise, and on events of earlier versions.
       */
      replaced?: Pick<SiteConsent, 'state' | 'trackers'>;
    }
  | {
      /** The worker started again (the browser had stopped it) or the record was cleared. */
      type: 'worker-restart' | 'cleared';
      /** When (ms since the epoch). */
      at: number;
    }
  | {
      /** The site's record was dropped to make room in storage (see site-store.ts); recording went on. */
      type: 'evicted';
      /** When (ms since the epoch). */
      at: number;
      /** How many cookies and events the record held. */
      cookies: number;
      events: number;
      /**
       * The choice in force when it was dropped (state and flags, no value): a cookie of embedded
       * content heard after the drop and told after a later choice is judged by it (consentAt).
       * Not named `consent`: it records no choice of its own. Absent on markers of earlier versions.
       */
      choiceKept?: Pick<SiteConsent, 'state' | 'trackers'>;
    };

/** Everything recorded for one portal site in one cookie store. */
export type SiteRecord = {
  /** The portal's host name, lower-case. */
  host: string;
  /** Cookie store: private windows and Firefox containers get records of their own. */
  storeId: string;
  /** Cookies seen for this site, keyed by `cookieKey`. */
  cookies: Record<string, SiteCookie>;
  /** The visitor's consent choice, decoded from `cookies_preferences`: state, when it was made, per-tracker flags. */
  consent: SiteConsent;
  /** Ordered events, the last TIMELINE_LIMIT of them. */
  timeline: TimelineEvent[];
  /** How many older events were dropped from the timeline. */
  droppedEvents: number;
  /**
   * How many of those were dropped to keep the record within SITE_RECORD_LIMIT_BYTES (fitRecord),
   * the others to keep the last TIMELINE_LIMIT. Absent when none was, and in records of earlier versions.
   */
  droppedEventsToFit?: number;
  /** How many cookies were dropped to keep the record within SITE_RECORD_LIMIT_BYTES (absent in records of earlier versions). */
  droppedCookies?: number;
  /**
   * Paths of the pages the site's tabs loaded since the record began, each once, in the order
   * first loaded (`notePageLoaded`): a consent run's, since "Record consent flow" starts the record
   * afresh. Null when not known: more than PAGES_LIMIT_CHARS of them, or the record was dropped to
   * make room. Absent in records of earlier versions (not known either).
   */
  pages?: string[] | null;
  /**
   * The keys (`cookieKey`: name, domain, path, partition; never a value) of the consent cookies
   * that held the site's choice when the record was dropped to make room (evictedRecord): the
   * removal of one of them takes the choice away, another's (the city's on the parent domain)
   * does not. Absent otherwise, and in records of earlier versions (any removal then takes it).
   */
  choiceHeldBy?: string[];
  /** True once a consent cookie present was trimmed to fit (fitRecord): which cookie holds the choice is then not known. */
  consentCookieTrimmed?: true;
  /**
   * The choice each consent cookie of the site's own holds, decoded (never a value), in the order
   * they were written, the last one's in force: when that one goes while another stays, the choice
   * of the one written last before it is in force again. Kept for the cookies of `choiceHeldBy`
   * when the record is dropped to make room. Absent in records of earlier versions (the choice in
   * force then stands while another consent cookie does).
   */
  heldChoices?: HeldChoice[];
  /**
   * The last choice saved on the site (state and per-tracker flags, never a value): set by each
   * write of its own consent cookie read as a choice, to no choice when the browser let it expire with none left;
   * a page's removal (a choice lapsed) and a choice put back leave it. Read by forgetSiteRemovals
   * whatever the timeline still holds (lastChoiceHeld). Absent in records of earlier versions
   * until their next event of the consent cookie.
   */
  lastSaved?: Pick<SiteConsent, 'state' | 'trackers'>;
  /**
   * The record's place in the order the store wrote records (site-store.ts: a counter that only
   * grows, kept across restarts of the worker), given each time it is written or dropped: records
   * are ranked by it to make room, never by the clock, which may be set back. Absent in records of
   * earlier versions (ranked oldest).
   */
  activeSeq?: number;
};

/** The choice a consent cookie holds: its key (`cookieKey`) and the choice decoded from it. */
export type HeldChoice = SiteConsent & { key: string };

/** An empty record for a site. */
export function emptySite(host: string, storeId: string): SiteRecord {
  return {
    host,
    storeId,
    cookies: {},
    consent: { state: 'none', changedAt: null, trackers: {} },
    timeline: [],
    droppedEvents: 0,
    droppedCookies: 0,
    pages: [],
  };
}

/**
 * When a cookie of the site last changed (ms since the epoch): the latest cookie event, or the
 * latest cookie time when the timeline holds none. Markers (restarts) are not activity. 0 for none.
 */
export function lastActivity(site: SiteRecord): number {
  for (let i = site.timeline.length - 1; i >= 0; i--) {
    const event = site.timeline[i]!;
    if ('name' in event) return event.at;
  }
  let latest = 0;
  for (const cookie of Object.values(site.cookies)) latest = Math.max(latest, cookie.lastChanged, cookie.removed ?? 0);
  return latest;
}

/**
 * What is left of a record dropped to make room: its consent state (events recorded later are
 * tagged with the right phase: without it, a tracker refreshed after a refusal would read as
 * set before any choice) and a marker saying what was lost. Cookies still in the browser are
 * found again by the next scan of the site, with no guessed phase.
 */
export function evictedRecord(site: SiteRecord, now: number): SiteRecord {
  const cookies = Object.keys(site.cookies).length;
  const events = site.timeline.filter((event) => 'name' in event).length;
  const left: SiteRecord = {
    ...emptySite(site.host, site.storeId),
    consent: site.consent,
    // Its timeline goes: the last choice saved is kept as read now.
    lastSaved: copyChoice(lastChoiceHeld(site)),
    timeline: [{ type: 'evicted', at: now, cookies, events, choiceKept: copyChoice(site.consent) }],
    // The pages loaded before were dropped with the rest: the list would leave them out.
    pages: null,
    ...choiceHolders(site),
    ...(site.consentCookieTrimmed ? { consentCookieTrimmed: true as const } : {}),
  };
  // The choices of the cookies it keeps as holders, and only theirs.
  const held = site.heldChoices?.filter((choice) => left.choiceHeldBy?.includes(choice.key));
  if (held && held.length > 0) left.heldChoices = held;
  return left;
}

/**
 * The keys of the consent cookies holding a record's choice, as evictedRecord keeps them: those it
 * shows (fitRecord trims a consent cookie present last), and those a former eviction kept that it
 * has not seen since. Absent when none is known, or when one was trimmed: any removal of a
 * consent cookie of the site then takes the choice, as in records of earlier versions.
 */
function choiceHolders(site: SiteRecord): { choiceHeldBy?: string[] } {
  if (site.consentCookieTrimmed) return {};
  const shown = Object.keys(site.cookies).filter((key) => holdsSitesChoice(site, key));
  const unseen = (site.choiceHeldBy ?? []).filter((key) => site.cookies[key] === undefined);
  const held = [...unseen, ...shown];
  return held.length > 0 ? { choiceHeldBy: held } : {};
}

/** True for a record that is only what eviction left (nothing more to free). */
export function isEvicted(site: SiteRecord): boolean {
  return (
    Object.keys(site.cookies).length === 0 &&
    site.timeline.every((event) => !('name' in event)) &&
    site.timeline.some((event) => event.type === 'evicted')
  );
}

/*
 * The functions below update a record in place and return it: a busy portal sends thousands of
 * cookie events, and copying a record of hundreds of cookies and a 1,000-event timeline for each
 * one would cost more than everything else the worker does (see `npm run bench`).
 */

/** Appends an event, keeping the last TIMELINE_LIMIT and counting the dropped ones. */
export function appendTimeline(site: SiteRecord, event: TimelineEvent): SiteRecord {
  return placeInTimeline(site, event, site.timeline.length);
}

/** Puts an event at `index` of the timeline, keeping the last TIMELINE_LIMIT and counting the dropped ones. */
function placeInTimeline(site: SiteRecord, event: TimelineEvent, index: number): SiteRecord {
  if (index === site.timeline.length) site.timeline.push(event);
  else site.timeline.splice(index, 0, event);
  const excess = site.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    site.timeline.splice(0, excess);
    site.droppedEvents += excess;
  }
  return site;
}

/**
 * The most characters the paths of a record's pages may take in all: about 200 of a portal's
 * (`/explore/dataset/<id>/table/`), more than a consent run loads, and one path however long
 * costs the record no more.
 */
export const PAGES_LIMIT_CHARS = 10_000;

/**
 * A tab of the site loaded the page at `path` (no query, no path parameters: the same path as a
 * cookie's `firstPage`), in place. Once the paths would pass PAGES_LIMIT_CHARS the list is
 * dropped for null, not trimmed: a list that left pages out would say a run did not load them.
 * Returns true when the record changed.
 */
export function notePageLoaded(site: SiteRecord, path: string): boolean {
  const { pages } = site;
  if (!Array.isArray(pages) || pages.includes(path)) return false;
  const chars = pages.reduce((sum, page) => sum + page.length, path.length);
  if (chars > PAGES_LIMIT_CHARS) site.pages = null;
  else pages.push(path);
  return true;
}

/** No tracker flag of a portal's banner speaks for a cookie of embedded content: only the overall choice does. */
const NO_TRACKER_KEYS: readonly string[] = [];

const NO_CHOICE: Pick<SiteConsent, 'state' | 'trackers'> = Object.freeze({ state: 'none', trackers: Object.freeze({}) });

/**
 * The choice in force on the site before its last `choicesSince` choices (its consent cookie's
 * events that recorded one): the current one for 0. A cookie of embedded content is told up to
 * 10 s after its event was heard (third-party-attribution.ts): the visitor may have chosen
 * meanwhile, and a choice heard after its event does not judge it. Counted in the order the
 * timeline recorded them, never by their times: a clock set back (NTP, a machine resumed) would
 * put a choice heard before the cookie after it. When the events before the choices skipped were
 * dropped, the current one stands in (a record whose older events were dropped keeps it), unless
 * the marker of a record dropped to make room comes right before them: the choice it kept.
 */
export function consentAt(site: SiteRecord, choicesSince: number): Pick<SiteConsent, 'state' | 'trackers'> {
  if (choicesSince <= 0) return site.consent;
  let skipped = 0;
  for (let i = site.timeline.length - 1; i >= 0; i--) {
    const event = site.timeline[i]!;
    if (event.type === 'evicted' && event.choiceKept && skipped === choicesSince) return event.choiceKept;
    if (!('consent' in event) || event.consent === undefined) continue;
    if (skipped === choicesSince) return event.consent;
    skipped++;
  }
  const complete = site.droppedEvents === 0 && site.timeline[0]?.type !== 'evicted';
  return skipped > 0 && complete ? NO_CHOICE : site.consent;
}

/**
 * Where the event of a cookie heard before the site's last `choicesSince` choices goes in its
 * timeline: before the first of them, as it was heard (the timeline reads oldest first, and a
 * cookie of embedded content is told up to 10 s late). The start when some of them are no longer
 * kept, and never before the marker of a record dropped to make room: consentAt and
 * consentByClockAt read a timeline begun by it as missing its older choices. Only its place: it is
 * judged by those choices' order all the same (consentAt).
 */
function placeBeforeChoices(site: SiteRecord, choicesSince: number): number {
  if (choicesSince <= 0) return site.timeline.length;
  let skipped = 0;
  for (let i = site.timeline.length - 1; i >= 0; i--) {
    const event = site.timeline[i]!;
    if (event.type === 'evicted') return i + 1;
    if ('consent' in event && event.consent !== undefined && ++skipped === choicesSince) return i;
  }
  return 0;
}

/**
 * The choice in force on the site at `at` by the clock: the last choice its timeline recorded at
 * or before `at`. Only for a cookie whose order among the choices is not known (heard by a worker
 * since stopped): a clock set back in between misplaces it. Back at the marker of a record
 * dropped to make room before `at`, the choice it kept.
 */
function consentByClockAt(site: SiteRecord, at: number): Pick<SiteConsent, 'state' | 'trackers'> {
  let choiceSince = false;
  for (let i = site.timeline.length - 1; i >= 0; i--) {
    const event = site.timeline[i]!;
    // Only for a cookie heard after the drop: the choices before it are not kept.
    if (event.type === 'evicted' && event.choiceKept && event.at <= at) return choiceSince ? event.choiceKept : site.consent;
    if (!('consent' in event) || event.consent === undefined) continue;
    if (event.at <= at) return choiceSince ? event.consent : site.consent;
    choiceSince = true;
  }
  const complete = site.droppedEvents === 0 && site.timeline[0]?.type !== 'evicted';
  return choiceSince && complete ? NO_CHOICE : site.consent;
}

/**
 * The choice the site held last: the last one saved (`lastSaved`). A page's removal of its consent
 * cookie (no choice now, or the choice of another consent cookie put back: consentLeftByRemoval)
 * leaves it; the browser's, none left, makes it no choice (its lifetime over: the visitor is asked
 * anew, as at first). A record of an earlier version reads it from its timeline, while that holds it.
 */
function lastChoiceHeld(site: SiteRecord): Pick<SiteConsent, 'state' | 'trackers'> {
  return site.lastSaved ?? lastChoiceInTimeline(site);
}

/** lastChoiceHeld as the timeline tells it: the last choice it recorded before the removals since; else the consent now. */
function lastChoiceInTimeline(site: SiteRecord): Pick<SiteConsent, 'state' | 'trackers'> {
  for (let i = site.timeline.length - 1; i >= 0; i--) {
    const event = site.timeline[i]!;
    if (!('consent' in event) || event.consent === undefined) continue;
    // A choice put back as a consent cookie went: the one in force before it, whose write may be gone.
    if ('replaced' in event && event.replaced) return event.replaced;
    // The browser let the choice expire with none left: the visitor is asked anew. One that puts
    // back another cookie's choice is skipped as a page's: that choice was saved by no one now.
    if ('byBrowser' in event && event.byBrowser && event.consent.state === 'none') return event.consent;
    if (event.type !== 'removed' && event.consent.state !== 'none') return event.consent;
  }
  return site.consent;
}

const copyChoice = ({ state, trackers }: Pick<SiteConsent, 'state' | 'trackers'>) => ({ state, trackers: { ...trackers } });

/**
 * The last choice saved (`lastSaved`) after an event of the site's own consent cookie recorded
 * (`removed`, `byBrowser`), the consent it left in force: a write's choice (a write read as no
 * choice saves none: as lastChoiceInTimeline, it leaves it), no choice once the browser let it expire with none left; else it stays.
 */
function noteChoiceSaved(site: SiteRecord, removed: boolean, byBrowser: boolean | undefined): void {
  if (removed ? byBrowser === true && site.consent.state === 'none' : site.consent.state !== 'none')
    site.lastSaved = copyChoice(site.consent);
}

/**
 * A choice recorded (`next`): a removal the site made under the choice before (`unclaimedWrite.siteRemoved`)
 * answers it no more for a cookie `next` judges otherwise; present again by another site's write,
 * that cookie is the site's to remove again. Another tracker switched leaves the others' removals,
 * and so does the same choice saved again after a page removed its cookie (a banner that deletes
 * its cookie before writing it): a choice lapsed is no other choice, nor one another consent
 * cookie's put back meanwhile (not a choice recorded: no call here). One the browser let expire,
 * none left, is.
 */
function forgetSiteRemovals(site: SiteRecord, next: Pick<SiteConsent, 'state' | 'trackers'>, cookies = Object.values(site.cookies)): void {
  const before = lastChoiceHeld(site);
  for (const cookie of cookies) {
    if (!cookie.unclaimedWrite || cookie.unclaimedWrite.siteRemoved === null) continue;
    if (!sameData(judgeByName(before, cookie.name), judgeByName(next, cookie.name))) cookie.unclaimedWrite.siteRemoved = null;
  }
}

/**
 * Records one cookie set, changed or removed, in place. A change of `cookies_preferences` moves
 * the site to a new consent phase first, so the choice itself is tagged with the phase it opens.
 * Its value is decoded here and not kept. The phase is the choice as it applies to the cookie:
 * after "Matomo accepted, Google Analytics refused", `_ga` is set 'after-refuse' (and remembers
 * `ga` in `refusedBy`), `_pk_id.*` 'after-accept', anything of no known tracker 'after-choice'.
 * Returns the record, or null when there was nothing to record (the removal of a cookie it
 * never knew).
 *
 * `context.found` is for a cookie a scan finds already there (set while the extension was not
 * watching): when is unknown, with or without a choice now (an earlier choice may have lapsed
 * since), so it counts as set in no phase and makes no consent finding of its own (it can
 * still be "kept after a refusal"). `context.via` marks a cookie of embedded content (another
 * site's, tied to this site's tab): the banner's per-tracker switches are the portal's own
 * trackers', so only the overall choice judges it, and a `cookies_preferences` of another site
 * never changes this site's consent. `context.originUnknown` marks a cookie on a parent domain
 * that another open site may have set: its event is in the timeline with its phase, but the
 * cookie, when new, is kept apart (`SiteCookie.originUnknown`: no phase in `setPhases`, no page)
 * and a cookie already the site's gains no phase, lifetime or finding from it (`unclaimedWrite`;
 * one it removed is present again); an event without the mark makes it the site's. A cookie set
 * again after its removal keeps its history (phases, refusals, first time and page): the same
 * name, domain and path is the same cookie.
 */
export function recordCookieChange(
  site: SiteRecord,
  cookie: BrowserCookie,
  removed: boolean,
  now: number,
  context: RecordContext = {},
): SiteRecord | null {
  const { found = false, page = null, via } = context;
  const shared = context.originUnknown === true && via === undefined;
  const record = describeCookie(cookie, now);
  const key = cookieKey(record);
  const previous = site.cookies[key];
  const ownChoice = isOwnChoice(site, cookie, via);
  // A record of an earlier version: the last choice saved as its timeline tells it before this event.
  if (ownChoice) site.lastSaved ??= copyChoice(lastChoiceInTimeline(site));
  let replaced: ReturnType<typeof choiceReplaced> = {};
  // A write of the site's consent cookie over one that held the choice when the record was dropped
  // to make room: the record no longer shows it, but the write changes it (a 'changed', not a 'set').
  // Not a scan's: it finds the cookie there, a 'set' found ('changed' found: other expiry or flags).
  const overKeptHolder = ownChoice && !removed && !found && keptSinceDropped(site, key);
  // A write of the site's consent cookie that leaves the choice in force as it was, over the cookie
  // holding it: one present, or one kept so.
  let sameChoice = false;
  if (removed && (!previous || previous.removed !== null)) {
    // A record dropped to make room keeps its consent but not its cookies (evictedRecord): the
    // removal of a cookie that held the choice still takes the choice away; it knows them by
    // their keys (choiceHeldBy), another's removal changes nothing.
    if (!ownChoice || site.consent.state === 'none') return null;
    const held = site.choiceHeldBy;
    if (!previous && held && !held.includes(key)) return null;
    if (held?.includes(key)) site.choiceHeldBy = held.filter((heldBy) => heldBy !== key);
    const before = site.consent;
    if (!choiceRemoved(site, key, now)) return held?.includes(key) ? site : null;
    noteChoiceSaved(site, true, context.byBrowser);
    // The choice changed: its event, as in a record kept whole (the timeline's divider; consentAt counts it).
    return appendTimeline(site, {
      type: 'removed',
      at: now,
      name: cookie.name,
      domain: cookie.domain,
      phase: judgeByName(site.consent, cookie.name).phase,
      ...(context.byBrowser ? { byBrowser: true as const } : {}),
      consent: copyChoice(site.consent),
      ...choiceReplaced(before, site.consent),
    });
  }

  if (ownChoice) {
    // Another consent cookie of the site (on another path or domain) may still hold a choice: the one written last is in force again.
    if (removed) {
      const before = site.consent;
      if (choiceRemoved(site, key, now)) replaced = choiceReplaced(before, site.consent);
    } else {
      const choice = decodeConsent(cookie.value, now);
      forgetSiteRemovals(site, choice);
      const overHolder = (previous !== undefined && previous.removed === null) || overKeptHolder;
      sameChoice = overHolder && choice.state === site.consent.state && sameData(choice.trackers, site.consent.trackers);
      site.consent = { state: choice.state, changedAt: choice.chosenAt ?? now, trackers: choice.trackers };
      // Kept in the order written, for when a later one goes (consentLeftByRemoval).
      forgetHeldChoice(site, key);
      (site.heldChoices ??= []).push({ key, ...site.consent, trackers: { ...choice.trackers } });
    }
    noteChoiceSaved(site, removed, context.byBrowser);
  }
  // A cookie found already there was set while nobody watched, maybe under a choice that has
  // since lapsed (the choice lasts six months, `_ga` up to 400 days): when is unknown, even with
  // no choice now. A tracker that runs writes its cookie again, and that event tells the phase.
  const judgement: CookieJudgement = found
    ? { phase: 'unknown', refused: [] }
    : via === undefined
      ? judgeByName(site.consent, cookie.name)
      : // Embedded content is attributed late: judged by the choice heard before its event.
        judgeCookie(
          context.choicesSince === undefined ? consentByClockAt(site, now) : consentAt(site, context.choicesSince),
          NO_TRACKER_KEYS,
        );
  const { phase } = judgement;
  const exists = previous !== undefined && previous.removed === null;

  /*
   * A cookie set again after its removal is the same cookie (name, domain, path): its history
   * goes on, so `_gat` set before the choice, expired and set again after "accept" stays a
   * cookie set before the choice.
   */
  if (removed) {
    // `lastChanged` stays the last write: the cookie's lifetime is counted from it.
    previous!.removed = now;
    // The write of unknown origin it held is gone with it.
    delete previous!.unclaimedWrite;
  } else if (previous?.originUnknown && shared) {
    Object.assign(previous, record, { firstSeen: previous.firstSeen });
    previous.originUnknown = judgement;
  } else if (previous && shared) {
    // Another open site may have written the site's cookie: nothing of this event counts against
    // this site. Its record stays the site's write (its lifetime); one it removed is present again.
    const siteRemoved = previous.unclaimedWrite ? previous.unclaimedWrite.siteRemoved : previous.removed;
    previous.unclaimedWrite = { write: record, judgement, siteRemoved };
    previous.removed = null;
  } else if (previous) {
    delete previous.unclaimedWrite;
    // Set where only this site could have set it: from now on it is the site's, with the page it is set on.
    if (previous.originUnknown) {
      delete previous.originUnknown;
      if (phase !== 'unknown') previous.firstPage ??= page;
    }
    // A cookie a scan found (phase unknown) and an event now reports: the event tells when it was
    // set. On a wake-up the scan can run before the very event that woke the worker.
    const found = previous.firstPhase === 'unknown' && phase !== 'unknown';
    Object.assign(previous, record, { firstSeen: found ? Math.min(previous.firstSeen, now) : previous.firstSeen });
    if (found) {
      previous.firstPhase = phase;
      previous.firstPage ??= page;
    }
    if (phase !== 'unknown' && !previous.setPhases.includes(phase)) previous.setPhases.push(phase);
    if (judgement.refused.length > 0) {
      const refusedBy = (previous.refusedBy ??= []);
      for (const key of judgement.refused) if (!refusedBy.includes(key)) refusedBy.push(key);
    }
    if (judgement.allOff) {
      const allOff = (previous.allOffWhenSet ??= []);
      for (const key of judgement.allOff) if (!allOff.includes(key)) allOff.push(key);
    }
  } else {
    site.cookies[key] = {
      ...record,
      firstPhase: phase,
      setPhases: phase === 'unknown' || shared ? [] : [phase],
      // A cookie found already there, or one another site may have set: the page it came from is unknown.
      firstPage: phase === 'unknown' || shared ? null : page,
      ...(via === undefined ? {} : { thirdParty: { via } }),
      ...(shared ? { originUnknown: judgement } : {}),
    };
    if (!shared && judgement.refused.length > 0) site.cookies[key].refusedBy = [...judgement.refused];
    if (!shared && judgement.allOff) site.cookies[key].allOffWhenSet = [...judgement.allOff];
    // The page it came from is one the site's tabs loaded (or were loading), whether or not its
    // tab's address was heard since the record began.
    const { firstPage } = site.cookies[key];
    if (typeof firstPage === 'string') notePageLoaded(site, firstPage);
  }
  const type = removed ? 'removed' : exists || overKeptHolder ? 'changed' : 'set';
  return placeInTimeline(
    site,
    {
      type,
      at: now,
      name: cookie.name,
      domain: cookie.domain,
      phase,
      ...(found ? { found: true as const } : {}),
      ...(removed && context.byBrowser ? { byBrowser: true as const } : {}),
      // Only the site's own consent cookie records a choice (consentAt reads them back).
      ...(ownChoice ? { consent: copyChoice(site.consent), ...replaced } : {}),
      // "Saved again", not "changed" or "made" (a new consent cookie is a choice made).
      ...(sameChoice ? { sameChoice: true as const } : {}),
    },
    placeBeforeChoices(site, context.choicesSince ?? 0),
  );
}

/**
 * The entry `base` (a cookie of `site`, or none) becomes by a change of `cookie`, as
 * `recordCookieChange` makes it (`removed`, `now`, `context`), worked out apart: `site` and `base`
 * stay unchanged. The recorder keeps, beside a write on a parent domain it made the site's own,
 * the entry that write and the changes after it would have left were it of unknown origin, for a
 * tab of another site under the cookie's domain heard only after the write (recorder.ts,
 * `openTabsChanged`). Undefined for the consent cookie, whose write takes the site's choice
 * whatever wrote it (more than its entry changes), and for a change that leaves no entry.
 */
export function entryApart(
  site: SiteRecord,
  base: SiteCookie | undefined,
  cookie: BrowserCookie,
  removed: boolean,
  now: number,
  context: RecordContext,
): SiteCookie | undefined {
  if (cookie.name === CONSENT_COOKIE) return undefined;
  const key = cookieKey(describeCookie(cookie, now));
  // Any other cookie's change writes its own entry only (and its timeline, not wanted here):
  // worked out on a copy of that entry, apart from the record's other cookies, timeline and pages.
  const apart: SiteRecord = { ...site, cookies: base ? { [key]: structuredClone(base) } : {}, timeline: [], droppedEvents: 0, pages: null };
  return recordCookieChange(apart, cookie, removed, now, context)?.cookies[key] ?? (base && structuredClone(base));
}

/** True when `cookie` is the site's own consent cookie, not embedded content's (`via`): its change records the site's choice. */
const isOwnChoice = (site: SiteRecord, cookie: BrowserCookie, via: Via | undefined) =>
  cookie.name === CONSENT_COOKIE && via === undefined && isTheSitesChoice(site, cookie);

/**
 * Does to `entries`, kept outside `site`'s record (recorder.ts keeps what a cookie of the site
 * would be were a write of unknown origin), what recording `cookie` set in `site` does to the
 * record's own (forgetSiteRemovals, when it records a choice): an entry swapped in later must be
 * as one the record held all along. Call it before recordCookieChange records `cookie`.
 */
export function forgetSiteRemovalsApart(
  site: SiteRecord,
  cookie: BrowserCookie,
  removed: boolean,
  now: number,
  context: RecordContext,
  entries: SiteCookie[],
): void {
  if (removed || !isOwnChoice(site, cookie, context.via) || entries.length === 0) return;
  forgetSiteRemovals(site, decodeConsent(cookie.value, now), entries);
}

/**
 * True when a consent cookie holds this site's own choice: unpartitioned, or partitioned under
 * the site itself (its partition's top-level site, or under Firefox's first-party isolation its
 * first party, is the site's). One partitioned under another site is the choice made in a frame
 * of the portal that site embeds (Firefox keeps a frame's cookies under its top-level site):
 * the portal's own pages never read it, so it changes nothing of the site's consent.
 */
function isTheSitesChoice(site: SiteRecord, cookie: Pick<BrowserCookie, 'partitionKey' | 'firstPartyDomain'>): boolean {
  if (!cookie.partitionKey?.topLevelSite && !cookie.firstPartyDomain) return true;
  const host = partitionSiteHost(cookie);
  return host !== null && (site.host === host || site.host.endsWith(`.${host}`));
}

/** True when the site's cookie under `key` is a consent cookie of its own holding its choice now. */
export function holdsSitesChoice(site: SiteRecord, key: string): boolean {
  const cookie = site.cookies[key];
  if (!cookie || cookie.name !== CONSENT_COOKIE || cookie.removed !== null || cookie.thirdParty !== undefined) return false;
  const partition = {
    partitionKey: cookie.partitionKey === null ? undefined : { topLevelSite: cookie.partitionKey },
    firstPartyDomain: cookie.firstPartyDomain,
  };
  return isTheSitesChoice(site, partition);
}

/**
 * True when a consent cookie of the site other than `key` holds its choice: one it shows, or one
 * that held it when the record was dropped to make room and that it has not seen since.
 */
function anotherChoiceKept(site: SiteRecord, key: string): boolean {
  for (const otherKey of Object.keys(site.cookies)) if (otherKey !== key && holdsSitesChoice(site, otherKey)) return true;
  return (site.choiceHeldBy ?? []).some((heldBy) => heldBy !== key && keptSinceDropped(site, heldBy));
}

/** True when the consent cookie `key` held the choice of the record when it was dropped to make room, and was not seen since. */
const keptSinceDropped = (site: SiteRecord, key: string) => site.cookies[key] === undefined && (site.choiceHeldBy ?? []).includes(key);

/**
 * The consent the removal of the site's consent cookie `key` leaves: no choice when no other
 * consent cookie of the site holds one; when others do and `key`'s choice was the one in force
 * (written last), the choice of the one written last among them (`heldChoices`). Null when the
 * choice in force stays: another's, or one of a cookie written before the record kept choices.
 */
function consentLeftByRemoval(site: SiteRecord, key: string, now: number): SiteConsent | null {
  if (!anotherChoiceKept(site, key)) return { state: 'none', changedAt: now, trackers: {} };
  const held = site.heldChoices ?? [];
  if (held.at(-1)?.key !== key) return null;
  for (let i = held.length - 2; i >= 0; i--) {
    const { key: heldBy, ...choice } = held[i]!;
    if (holdsSitesChoice(site, heldBy) || keptSinceDropped(site, heldBy)) return { ...choice, trackers: { ...choice.trackers } };
  }
  return null;
}

/**
 * A removal's `replaced`: the choice `before` it, when it put back another consent cookie's
 * (`after`); none when it left no choice (lastChoiceHeld reads on to the write before it).
 */
function choiceReplaced(before: SiteConsent, after: SiteConsent): { replaced?: Pick<SiteConsent, 'state' | 'trackers'> } {
  return after.state === 'none' || before.state === 'none' ? {} : { replaced: copyChoice(before) };
}

/**
 * The site's consent cookie `key` removed: the consent it leaves (`consentLeftByRemoval`) is in
 * force. A choice put back is no choice saved: the site's removals stand (forgetSiteRemovals is
 * for a choice written). A banner that deletes its cookie before writing the same choice puts
 * back another cookie's for a moment; had that forgotten them, the same choice saved again would
 * find nothing to restore (a false "kept after a refusal"). Returns true when the consent changed.
 */
function choiceRemoved(site: SiteRecord, key: string, now: number): boolean {
  const left = consentLeftByRemoval(site, key, now);
  forgetHeldChoice(site, key);
  if (left === null) return false;
  site.consent = left;
  return true;
}

/** Forgets the choice the consent cookie `key` held (`heldChoices`): it is removed, or written again. */
function forgetHeldChoice(site: SiteRecord, key: string): void {
  if (!site.heldChoices?.some((choice) => choice.key === key)) return;
  site.heldChoices = site.heldChoices.filter((choice) => choice.key !== key);
}

/** How long after a cookie was first recorded a response that set it can still tell its page. */
export const PAGE_EVIDENCE_MS = 10_000;

/**
 * A response the site's own host sent in a tab showing `page` set cookies named `names` (the
 * names of its Set-Cookie headers, from webRequest). A cookie of the site by one of those names
 * whose first page is not known gets that page, when it was first recorded within
 * `PAGE_EVIDENCE_MS` of the response, either way of the clock: Firefox can report a page's cookies before the request for the page, so
 * the tab's page was not known yet when the cookie was recorded. A cookie found already there
 * (phase unknown), one of embedded content and one of unknown origin (see `claimByResponse`)
 * are left alone. Returns true when a page was set.
 */
export function notePageOfResponse(site: SiteRecord, names: readonly string[], page: string, now: number): boolean {
  const named = new Set(names);
  let changed = false;
  for (const cookie of Object.values(site.cookies)) {
    if (
      (cookie.firstPage ?? null) === null &&
      cookie.removed === null &&
      cookie.firstPhase !== 'unknown' &&
      cookie.thirdParty === undefined &&
      cookie.originUnknown === undefined &&
      // Either way, as claimByResponse: a clock set back since would make an old cookie look recent.
      Math.abs(now - cookie.firstSeen) <= PAGE_EVIDENCE_MS &&
      named.has(cookie.name)
    ) {
      cookie.firstPage = page;
      changed = true;
    }
  }
  return changed;
}

/**
 * A response the site's own host sent in a tab showing `page` set cookies named `names`: a cookie
 * of the site by one of those names whose origin was unknown (`SiteCookie.originUnknown`: a parent
 * domain other open sites share), last set within `PAGE_EVIDENCE_MS`, was set by this site. It
 * becomes the site's: the phase and refused flags of its last event count (for one a scan found,
 * of no phase, those of the choice in force when the response was heard: `site.consent`, the
 * response applied in the order heard), and it gets the page. So does the
 * last write of unknown origin of a cookie already the site's (`unclaimedWrite`: its expiry too).
 * Returns true when a cookie was claimed.
 */
export function claimByResponse(site: SiteRecord, names: readonly string[], page: string, now: number): boolean {
  const named = new Set(names);
  let changed = false;
  for (const cookie of Object.values(site.cookies)) {
    const pending = cookie.unclaimedWrite;
    const judgement = cookie.originUnknown ?? pending?.judgement;
    if (
      judgement === undefined ||
      cookie.removed !== null ||
      Math.abs(now - (pending?.write ?? cookie).lastChanged) > PAGE_EVIDENCE_MS ||
      !named.has(cookie.name)
    )
      continue;
    delete cookie.originUnknown;
    // A write of unknown origin on the site's own cookie (Firefox reports it before the response): now the site's.
    if (pending) {
      delete cookie.unclaimedWrite;
      Object.assign(cookie, pending.write, { firstSeen: cookie.firstSeen });
    }
    // Found by a scan (no phase), it is dated by the response that set it: judged by the choice
    // heard before that response (the recorder applies it in its turn), never by the clock's times.
    const { phase, refused, allOff } = judgement.phase === 'unknown' ? judgeByName(site.consent, cookie.name) : judgement;
    if (cookie.firstPhase === 'unknown') cookie.firstPhase = phase;
    if (!cookie.setPhases.includes(phase)) cookie.setPhases.push(phase);
    if (refused.length > 0) {
      const refusedBy = (cookie.refusedBy ??= []);
      for (const key of refused) if (!refusedBy.includes(key)) refusedBy.push(key);
    }
    // Set while every switch was off, as an event of the site's own would have noted it (recordCookieChange).
    if (allOff) {
      const allOffWhenSet = (cookie.allOffWhenSet ??= []);
      for (const key of allOff) if (!allOffWhenSet.includes(key)) allOffWhenSet.push(key);
    }
    cookie.firstPage ??= page;
    changed = true;
  }
  return changed;
}

/** True when a cookie of the site still exists. */
export function isPresent(site: SiteRecord, cookie: BrowserCookie): boolean {
  const known = site.cookies[cookieKey(describeCookie(cookie, 0))];
  return known !== undefined && known.removed === null;
}

/** What a write of a cookie may change besides its identity (`cookieKey`) and times. */
const WRITTEN_ATTRIBUTES = ['hostOnly', 'secure', 'httpOnly', 'sameSite', 'expires'] as const satisfies ReadonlyArray<keyof CookieRecord>;

/**
 * True when the site's record shows `cookie` present but otherwise than the browser gives it now:
 * its expiry or flags differ (from those of the last write of unknown origin kept apart,
 * `unclaimedWrite`, when there is one). A scan that reads it so missed the event of a write (host
 * access withheld, then given back). Not compared: a cookie of embedded content (a scan does not
 * tell the frame that wrote it, third-party-attribution.ts records it), and the site's own consent
 * cookie, whose write would take the choice it holds: the deletions a refusal made then went
 * unheard too, and a scan never records an absence, so the trackers' cookies it deleted would
 * read "kept after a refusal" (a false alarm; README, Limits).
 */
export function differsFromRecord(site: SiteRecord, cookie: BrowserCookie, now: number): boolean {
  const read = describeCookie(cookie, now);
  const known = site.cookies[cookieKey(read)];
  if (known === undefined || known.removed !== null || known.thirdParty !== undefined) return false;
  if (isOwnChoice(site, cookie, undefined)) return false;
  const held = known.unclaimedWrite?.write ?? known;
  return WRITTEN_ATTRIBUTES.some((attribute) => held[attribute] !== read[attribute]);
}

/**
 * The event of the very write a scan found a cookie by, heard after the scan was recorded
 * (recorder.ts): the scan's `set … found` entry, the cookie's only trace, becomes that event's
 * `set`, in its phase, where the scan put it, at the scan's time or the event's (`heardAt`)
 * when earlier: the write came before the scan read it, and what was recorded since, a choice,
 * keeps its place after it. Returns null, changing nothing, when the record holds anything else
 * of the cookie: a phase, a history from before, or an event since of it or of a namesake on
 * another path (events name no path).
 */
export function recordFoundWrite(
  site: SiteRecord,
  cookie: BrowserCookie,
  heardAt: number,
  context: Omit<RecordContext, 'found'> = {},
): SiteRecord | null {
  const key = cookieKey(describeCookie(cookie, 0));
  const known = site.cookies[key];
  if (known === undefined || known.removed !== null || known.firstPhase !== 'unknown' || known.setPhases.length > 0) return null;
  let entry = -1;
  for (let i = site.timeline.length - 1; i >= 0 && entry < 0; i--) {
    const event = site.timeline[i]!;
    if (!('name' in event) || event.name !== cookie.name || event.domain !== cookie.domain) continue;
    if (event.type !== 'set' || event.found !== true) return null;
    // Another path's found entry at another time is not this cookie's.
    if (event.at === known.firstSeen) entry = i;
  }
  if (entry < 0) return null;
  const at = Math.min(site.timeline[entry]!.at, heardAt);
  site.timeline.splice(entry, 1);
  delete site.cookies[key];
  // One entry out, one in: the timeline is no longer than it was, and nothing is trimmed.
  recordCookieChange(site, cookie, false, at, context);
  site.timeline.splice(entry, 0, site.timeline.pop()!);
  return site;
}

/** Cookies of a site that currently exist, sorted by name then domain for a stable display. */
export function presentCookies(site: SiteRecord): SiteCookie[] {
  return Object.values(site.cookies)
    .filter((cookie) => cookie.removed === null)
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.domain, b.domain));
}

/**
 * The report on one site: every cookie seen with what its charter (or a fallback) says about
 * it, what the charter declares that was not seen, the consent state, findings and timeline.
 * It is what the popup shows and what is exported, so its shape is versioned (README, "Report
 * schema"). It never holds a cookie value: the records it is built from have none.
 */
import { compareText } from '../compare.ts';
import type { Category, CharterEntry } from '../charter/types.ts';
import { comparedEntries, diffCharters, type CharterChanges, type Translation } from '../charter/diff.ts';
import { detectLanguage } from '../charter/sections.ts';
import type { LiveCharterRecord } from '../charter/live.ts';
import { copyUnreadRow, MAX_LIVE_UNREAD_ROWS } from '../charter/unread-lines.ts';
import type { UnreadRow } from '../charter/parse.ts';
import { liveProblemOf, type LiveCharterProblem } from '../charter/live-problem.ts';
import type { SiteRecord, TimelineEvent } from '../cookies/site-record.ts';
import type { CookieRecord } from '../cookies/cookie-record.ts';
import type { KnownLifetime } from '../registry/known-lifetime.ts';
import { bundledCharterFor, charterFor, type CharterKind, type Registry } from '../registry/registry.ts';
import {
  charterEntriesSeen,
  siteMatcher,
  type CookieIdentity,
  type MatchReference,
  type MatchResult,
  type MatchSource,
} from '../registry/match.ts';
import type { ConsentState, Phase, TrackerChoices } from '../consent/consent-choice.ts';
import { findingsInNameOrder, type Finding, type MatchedCookie } from './findings.ts';
import { notSeenJudge, type AbsenceReason } from './absence-reason.ts';
import { inNameOrder } from './name-order.ts';
import { sameStatedLifetime } from './duration.ts';
import { isPortalHost } from '../portals.ts';
import { expiredBy } from './expired.ts';
import { charterTrackerCategory, platformCategory, type CategoryInference } from './platform-cookies.ts';

/**
 * The phase a report gives a cookie: its record's, or 'choice-unreadable' on a site whose consent
 * cannot be read (consent 'unknown'), where the record's phase follows the platform's choice, which
 * the site does not keep: its own consent manager's choice is not read, so "before the choice"
 * would be a guess. 'unknown' (found already there by a scan) stays there too.
 */
export type ReportPhase = Phase | 'choice-unreadable';

/** Bumped whenever a field changes meaning or disappears. */
export const REPORT_VERSION = 1;

/** A cookie seen on the site, as reported: what was recorded (see CookieRecord), and what is known of it. */
export type ReportCookie = Pick<
  CookieRecord,
  | 'name'
  | 'domain'
  | 'path'
  | 'hostOnly'
  | 'secure'
  | 'httpOnly'
  | 'sameSite'
  | 'partitionKey'
  | 'hasCrossSiteAncestor'
  | 'firstPartyDomain'
  | 'expires'
  | 'firstSeen'
  | 'lastChanged'
  | 'removed'
> & {
  /** Lifetime from its last write to its expiry, in seconds; null for a session cookie. */
  lifetimeSeconds: number | null;
  /**
   * True when its expiry is past at `generatedAt` though no removal was heard (`removed` null: the
   * browser deletes an expired cookie lazily): gone, listed with the removed ones. Absent otherwise.
   */
  expired?: true;
  /** Consent phase in which it first appeared; 'choice-unreadable' where the consent is 'unknown', but for 'unknown' (ReportPhase). */
  firstPhase: ReportPhase;
  /** Path of the page a tab of the site showed when it first appeared; null when not known (see SiteCookie.firstPage). */
  firstPage: string | null;
  /** For a cookie of embedded content (another site's, set while the site's tab loaded it): how it was tied to the tab; null for the site's own. */
  thirdParty: { via: 'response' | 'frame' } | null;
  /**
   * True when its domain is a parent that tabs of other sites open beside this one share, and
   * nothing shows this site set it (see SiteCookie.originUnknown): it makes no finding here.
   */
  originUnknown: boolean;
  /** 'declared' when the site's charter names it, else 'undeclared'. */
  status: 'declared' | 'undeclared';
  /** Who sets it, for which service, why, for how long, as `source` states them ('' / null when unknown). */
  provider: string;
  service: string | null;
  purpose: string;
  /**
   * For a known tracker, its purpose in French (`purpose` holds its English words), which French
   * pages and French charter drafts use; absent for other sources, and in a report built before
   * the table had it (the pages then show `purpose`, marked as English). Absent rather than null,
   * so the many cookies of other sources carry nothing more.
   */
  purposeFr?: string;
  duration: string | null;
  /**
   * For a known tracker, its lifetime as data, which the pages say in their language (`duration`
   * holds its English words); null for other sources. Not in the JSON export, whose `duration`
   * says it (export.ts), so absent from a report read back from one.
   */
  knownLifetime?: KnownLifetime | null;
  /** Charter section it belongs in. */
  category: Category;
  /** 'platform' when `category` is not the source's (no readable category) but known from the platform (its own four cookies); null otherwise. */
  categoryInferred: CategoryInference;
  /** Where the description comes from, by which rule, and which row. */
  source: MatchSource;
  rule: 'exact' | 'prefix' | null;
  reference: MatchReference | null;
};

/** A charter entry no seen cookie matched, as reported: the entry, and why it was not seen when the visitor's choice or a loss to storage says. */
export type NotSeenEntry = CharterEntry & {
  /**
   * Why it was not seen, when the visitor's choice is the reason (absence-reason.ts): before any
   * choice, or refused; or, when nothing of the choice explains it, that the record lost cookies to
   * storage, a cookie of the entry maybe among them ('cookies-dropped'). It then makes no not-seen
   * finding. Absent when nothing explains it (it is then the charter's entry as it is), and in a
   * report an older version made.
   */
  absentBecause?: AbsenceReason;
};

/** A charter entry that declares a cookie seen, though that cookie's match settled on another entry; `position` in the charter's entries. */
export type CoveredEntry = { position: number; entry: CharterEntry };

/** The whole report. */
export type Report = {
  /** Schema version (REPORT_VERSION). */
  version: typeof REPORT_VERSION;
  /** Site host. */
  host: string;
  /** Cookie store the records come from. */
  storeId: string;
  /** When the report was made (ms since the epoch). */
  generatedAt: number;
  /** The charter the report is checked against. */
  charter: {
    /** Bundled with the extension, read live from the portal, the platform's default, or none. */
    kind: CharterKind;
    /** Host the charter names, its language and how many entries it has. */
    portal: string | null;
    language: 'fr' | 'en' | null;
    entries: number;
    /**
     * The last attempt to read the live charter (when, from where, what went wrong); null before
     * any. The JSON export writes `problem` in English words (export.ts). `failedAt`: when a later
     * read failed while the charter read at `fetchedAt` is kept (`problem` says why). `attempt`:
     * the name the worker gave the attempt (live-charters.ts), by which a page tells a new read from
     * the one before when both have the same times; not in the JSON export.
     */
    live: { fetchedAt: number; url: string | null; problem: LiveCharterProblem | null; failedAt?: number; attempt?: string } | null;
    /** For a live charter of a bundled portal: what differs from the bundled one; else null. */
    changes: CharterChanges | null;
    /**
     * For a live charter: the rows of it the extension could not read (line, shortened text,
     * reason), where a cookie reported undeclared may be declared. For another charter, when the
     * live charter's table gave no row at all (`live.problem` 'no-rows'): that table's rows. Absent
     * when every row was read, for other charters, and in a report an older version made.
     */
    unreadRows?: UnreadRow[];
  };
  /**
   * The visitor's consent choice, when it was made, and its per-tracker flags as the platform
   * wrote them (`{ "ga": false, "matomo": true }`; empty when none could be read); 'unknown' off
   * the platform, where there is no choice to read.
   */
  consent: { state: ConsentState | 'unknown'; changedAt: number | null; trackers: TrackerChoices };
  /** Every cookie seen this session, present ones first (an expired one is not: `expired`), then by name. */
  cookies: ReportCookie[];
  /** Charter entries no seen cookie matched, in the charter's order. */
  notSeen: NotSeenEntry[];
  /**
   * Charter entries that declare a cookie seen, though that cookie's match settled on another
   * entry (a name the charter writes twice, a prefix beside a longer one: `charterEntriesSeen`),
   * with their positions in the charter: neither in `notSeen` nor named by a cookie's reference,
   * and a charter draft keeps them. Absent when there is none, and in a report an older version made.
   */
  covered?: CoveredEntry[];
  /** What does not add up, most serious first. */
  findings: Finding[];
  /**
   * Cookie events in order; `droppedEvents` older ones were not kept, `droppedToFit` of them to keep
   * the site's record within its limit (SiteRecord.droppedEventsToFit; absent when none was).
   */
  timeline: { droppedEvents: number; droppedToFit?: number; events: TimelineEvent[] };
  /**
   * Paths (no query, no path parameters) of the pages the site's tabs loaded since the record
   * began (see SiteRecord.pages): what a consent run is compared on besides its cookies. Absent
   * when not known.
   */
  pages?: string[];
  /** What the extension could not keep: storage.session is limited (README, "Limits"). */
  storage: ReportStorage;
};

/** What could not be kept, in a report. */
export type ReportStorage = {
  /** Records of other (older) sites dropped to make room since the browser started, and when the last one was. */
  sitesDropped: number;
  lastDropAt: number | null;
  /** Cookies of this site dropped to keep its record within its limit (removed ones first). */
  cookiesDropped: number;
  /** Since when changes could not be saved to storage.session (kept while the worker runs); null when all is saved. */
  unsavedSince: number | null;
};

/** The store's side of ReportStorage: what it says of every site. */
export type StoreLosses = Omit<ReportStorage, 'cookiesDropped'>;

const NOTHING_LOST: StoreLosses = { sitesDropped: 0, lastDropAt: null, unsavedSince: null };

/** How a cookie is matched against a registry: `matchCookie`, or a memo of it (report-memo.ts). */
export type CookieMatcher = (registry: Registry, siteHost: string, cookie: CookieIdentity) => MatchResult;

/** How the cookies of the site a report is built for are matched: `siteMatcher`, or a memo of it (report-memo.ts). */
export type SiteCookieMatcher = (cookie: CookieIdentity) => MatchResult;

/**
 * Builds the report of a site record against the registry (with the site's live charter applied,
 * see `siteRegistry`); `live` is the last attempt to read that charter, `losses` what the store
 * could not keep; `match` matches one cookie of the site (a memo passes its own, so unchanged
 * cookies are not matched again).
 *
 * It runs on a worker that has just woken (the popup opened on a stopped worker waits for it), so
 * its loops are plain: one pass to match, one ordering by name shared by the cookies and the
 * findings (name-order.ts), no comparator sort over every cookie.
 */
export function buildReport(
  site: SiteRecord,
  registry: Registry,
  now: number,
  live: LiveCharterRecord | null = null,
  losses: StoreLosses = NOTHING_LOST,
  match: SiteCookieMatcher = siteMatcher(registry, site.host),
): Report {
  const charter = charterFor(registry, site.host);
  // The bundled charter of the same portal under its other platform name counts (NAME.huwise.com, NAME.opendatasoft.com).
  const bundled = bundledCharterFor(registry, site.host)?.charter;
  const entries = charter.charter?.entries ?? [];
  // The platform's banner keeps the choice in cookies_preferences; elsewhere it cannot be read.
  const onPlatform = charter.kind !== 'none' || site.consent.state !== 'none';
  const matched: MatchedCookie[] = [];
  // Every entry that declares a cookie seen, not only the one its match settled on: a name the charter writes twice, a prefix beside a longer one.
  const declaring = charterEntriesSeen(registry, site.host);
  const referenced = new Set<number>();
  for (const cookie of Object.values(site.cookies)) {
    const thirdParty = cookie.thirdParty !== undefined;
    const identity = { name: cookie.name, domain: cookie.domain, thirdParty };
    const found = match(identity);
    if (found.reference?.kind === 'charter') {
      referenced.add(found.reference.entryIndex);
      declaring.see(identity);
    }
    // Only the site's own cookies can be the platform's.
    const { category, inferred } =
      charterTrackerCategory(cookie.name, found, thirdParty) ?? platformCategory(cookie.name, found.category, onPlatform && !thirdParty);
    matched.push(
      inferred === null
        ? { cookie, match: found, categoryInferred: null }
        : { cookie, match: { ...found, category }, categoryInferred: inferred },
    );
  }

  const byName = inNameOrder(matched, matchedName);
  const cookies: ReportCookie[] = [];
  const removed: ReportCookie[] = [];
  // Present ones first, then by name, then by domain; equal ones as the record holds them.
  // An expired cookie is gone, though the browser has not said so yet (it deletes one lazily): with the removed ones.
  const place = (one: MatchedCookie) =>
    (one.cookie.removed === null && !expiredBy(one.cookie, now) ? cookies : removed).push(reportCookie(one, now, onPlatform));
  for (let start = 0; start < byName.length;) {
    let end = start + 1;
    while (end < byName.length && byName[end]!.cookie.name === byName[start]!.cookie.name) end++;
    if (end - start === 1) place(byName[start]!);
    else for (const one of byName.slice(start, end).sort(byDomain)) place(one);
    start = end;
  }
  for (const one of removed) cookies.push(one);

  // Judged as the findings judge them (findings.ts skips an entry the judge explains): one function, so they never disagree.
  const notSeen: NotSeenEntry[] = [];
  const covered: CoveredEntry[] = [];
  const absentBecause = notSeenJudge(site, onPlatform);
  entries.forEach((entry, index) => {
    if (referenced.has(index)) return;
    if (declaring.seen.has(index)) {
      covered.push({ position: index, entry });
      return;
    }
    const because = absentBecause(entry);
    // The charter's own entry when nothing explains its absence: only the few explained carry more.
    notSeen.push(because === null ? entry : { ...entry, absentBecause: because });
  });
  return {
    version: REPORT_VERSION,
    host: site.host,
    storeId: site.storeId,
    generatedAt: now,
    charter: {
      kind: charter.kind,
      portal: charter.charter?.portal ?? null,
      language: charter.charter?.language ?? null,
      entries: entries.length,
      live: live ? liveSummary(live) : null,
      changes: charter.kind === 'live' && bundled ? diffCharters(bundled.entries, entries, translation(bundled.entries, entries)) : null,
      ...unreadRowsOf(charter.kind, live),
    },
    consent: onPlatform
      ? { state: site.consent.state, changedAt: site.consent.changedAt, trackers: { ...site.consent.trackers } }
      : { state: 'unknown', changedAt: null, trackers: {} },
    cookies,
    notSeen,
    ...(covered.length > 0 ? { covered } : {}),
    findings: findingsInNameOrder(
      site,
      byName,
      notSeen,
      onPlatform,
      charter.kind === 'platform-default' || charter.kind === 'none' ? charter.kind : null,
      (host) => isPortalHost(host, registry.bundledCharters),
      now,
    ),
    timeline: {
      droppedEvents: site.droppedEvents,
      ...(site.droppedEventsToFit ? { droppedToFit: site.droppedEventsToFit } : {}),
      events: site.timeline,
    },
    ...(Array.isArray(site.pages) ? { pages: [...site.pages] } : null),
    storage: {
      sitesDropped: losses.sitesDropped,
      lastDropAt: losses.lastDropAt,
      cookiesDropped: site.droppedCookies ?? 0,
      unsavedSince: losses.unsavedSince,
    },
  };
}

/**
 * How the live charter is compared with the bundled one when it is a translation: most entries
 * compared (each name's first, for the names both declare), counted by entry, read in the other
 * language, each by its own service and purpose; an entry whose language either side cannot be
 * told counts neither way. Null otherwise, so every field is compared. By entry, not by words: one
 * long purpose in the other language (a vendor's text) must not outweigh the entries around it and
 * hide its own change. Not the whole page either: a page holding two versions reads as the language
 * of its prose, while the entries compared are each name's first, which may be the other version's.
 */
function translation(bundled: readonly CharterEntry[], live: readonly CharterEntry[]): Translation | null {
  let told = 0;
  let frenchToEnglish = 0;
  let englishToFrench = 0;
  for (const [before, after] of comparedEntries(bundled, live)) {
    const from = languageOfEntry(before);
    const to = languageOfEntry(after);
    if (from === null || to === null) continue;
    told++;
    if (from === 'fr' && to === 'en') frenchToEnglish++;
    else if (from === 'en' && to === 'fr') englishToFrench++;
  }
  if (frenchToEnglish * 2 > told) return { from: 'fr', to: 'en', sameDuration: sameStatedLifetime };
  if (englishToFrench * 2 > told) return { from: 'en', to: 'fr', sameDuration: sameStatedLifetime };
  return null;
}

/** An entry's language by its service and purpose, by the words the parser reads a charter's language from. */
const languageOfEntry = (entry: CharterEntry) => detectLanguage(`${entry.service ?? ''}\n${entry.purpose}`);

const matchedName = ({ cookie }: MatchedCookie) => cookie.name;
const byDomain = (a: MatchedCookie, b: MatchedCookie) => compareText(a.cookie.domain, b.cookie.domain);

/** A seen cookie as reported. Field by field, not a spread: an allow-list, so nothing a record may hold reaches an export unless named here. */
function reportCookie({ cookie, match, categoryInferred }: MatchedCookie, now: number, consentReadable: boolean): ReportCookie {
  return {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    hostOnly: cookie.hostOnly,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    partitionKey: cookie.partitionKey,
    // Where the record has it (Chrome, Firefox 153): two cookies may differ by it alone.
    ...(cookie.hasCrossSiteAncestor === undefined ? null : { hasCrossSiteAncestor: cookie.hasCrossSiteAncestor }),
    // Only under Firefox's first-party isolation, as the record keeps it.
    ...(cookie.firstPartyDomain === undefined ? null : { firstPartyDomain: cookie.firstPartyDomain }),
    expires: cookie.expires,
    lifetimeSeconds: cookie.expires === null ? null : Math.max(0, Math.round(cookie.expires - cookie.lastChanged / 1000)),
    firstSeen: cookie.firstSeen,
    lastChanged: cookie.lastChanged,
    removed: cookie.removed,
    // Only where it holds: the browser has not said it removed the cookie, but its expiry is past.
    ...(cookie.removed === null && expiredBy(cookie, now) ? { expired: true as const } : null),
    // Found already there by a scan ('unknown') is a fact of the scan, not of the choice: it stays.
    firstPhase: consentReadable || cookie.firstPhase === 'unknown' ? cookie.firstPhase : 'choice-unreadable',
    firstPage: cookie.firstPage ?? null,
    thirdParty: cookie.thirdParty ? { via: cookie.thirdParty.via } : null,
    originUnknown: cookie.originUnknown !== undefined,
    status: match.declared ? 'declared' : 'undeclared',
    provider: match.provider,
    service: match.service,
    purpose: match.purpose,
    // Only where there is one: the JSON export and the popup's transfer carry nothing for the others.
    ...(match.purposeFr === undefined ? null : { purposeFr: match.purposeFr }),
    duration: match.duration,
    knownLifetime: match.knownLifetime,
    category: match.category,
    categoryInferred: categoryInferred ?? null,
    source: match.source,
    rule: match.rule,
    reference: match.reference,
  };
}

/**
 * The rows of the live charter the report uses that could not be read, as the record keeps them:
 * line, text and reason only, never more than a record keeps (keptUnreadRows: its rows and its note).
 * Also, beside the charter the report falls back on, those of a live charter whose table gave no
 * row at all (problem 'no-rows'): a cookie declared in one is in the portal's charter. Nothing for
 * another charter, another failure, or a record an older version stored without them.
 */
function unreadRowsOf(kind: CharterKind, live: LiveCharterRecord | null): { unreadRows: UnreadRow[] } | null {
  const noRowRead = live?.charter === null && liveProblemOf(live.problem)?.kind === 'no-rows';
  const rows = (kind === 'live' && live?.charter) || noRowRead ? live?.unreadRows : undefined;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  return { unreadRows: rows.slice(0, MAX_LIVE_UNREAD_ROWS + 1).map(copyUnreadRow) };
}

/** What a report says of the last attempt to read the live charter. */
function liveSummary(live: LiveCharterRecord): NonNullable<Report['charter']['live']> {
  // liveProblemOf: a record an older version stored may hold text rather than a problem.
  return {
    fetchedAt: live.fetchedAt,
    url: live.url,
    problem: liveProblemOf(live.problem),
    ...(live.failedAt === undefined ? {} : { failedAt: live.failedAt }),
    ...(live.attempt === undefined ? {} : { attempt: live.attempt }),
  };
}

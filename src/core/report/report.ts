/**
 * The report on one site: every cookie seen with what its charter (or a fallback) says about
 * it, what the charter declares that was not seen, the consent state, findings and timeline.
 * It is what the popup shows and what is exported, so its shape is versioned (README, "Report
 * schema"). It never holds a cookie value: the records it is built from have none.
 */
import { compareText } from '../compare.ts';
import type { Category, CharterEntry } from '../charter/types.ts';
import { diffCharters, type CharterChanges } from '../charter/diff.ts';
import type { LiveCharterRecord } from '../charter/live.ts';
import type { SiteRecord, TimelineEvent } from '../cookies/site-record.ts';
import type { CookieRecord } from '../cookies/cookie-record.ts';
import { charterFor, type CharterKind, type Registry } from '../registry/registry.ts';
import { matchCookie, type CookieIdentity, type MatchReference, type MatchResult, type MatchSource } from '../registry/match.ts';
import type { ConsentState, Phase, TrackerChoices } from '../consent/consent-choice.ts';
import { findingsFor, type Finding, type MatchedCookie } from './findings.ts';
import { platformCategory, type CategoryInference } from './platform-cookies.ts';

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
  | 'expires'
  | 'firstSeen'
  | 'lastChanged'
  | 'removed'
> & {
  /** Lifetime from its last write to its expiry, in seconds; null for a session cookie. */
  lifetimeSeconds: number | null;
  /** Consent phase in which it first appeared. */
  firstPhase: Phase;
  /** Path of the page a tab of the site showed when it first appeared; null when not known (see SiteCookie.firstPage). */
  firstPage: string | null;
  /** For a cookie of embedded content (another site's, set while the site's tab loaded it): how it was tied to the tab; null for the site's own. */
  thirdParty: { via: 'response' | 'frame' } | null;
  /** 'declared' when the site's charter names it, else 'undeclared'. */
  status: 'declared' | 'undeclared';
  /** Who sets it, for which service, why, for how long, as `source` states them ('' / null when unknown). */
  provider: string;
  service: string | null;
  purpose: string;
  duration: string | null;
  /** Charter section it belongs in. */
  category: Category;
  /** 'platform' when `category` is not the source's (no readable category) but known from the platform (its own four cookies); null otherwise. */
  categoryInferred: CategoryInference;
  /** Where the description comes from, by which rule, and which row. */
  source: MatchSource;
  rule: 'exact' | 'prefix' | null;
  reference: MatchReference | null;
};

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
    /** The last attempt to read the live charter (when, from where, what went wrong); null before any. */
    live: { fetchedAt: number; url: string | null; problem: string | null } | null;
    /** For a live charter of a bundled portal: what differs from the bundled one; else null. */
    changes: CharterChanges | null;
  };
  /**
   * The visitor's consent choice, when it was made, and its per-tracker flags as the platform
   * wrote them (`{ "ga": false, "matomo": true }`; empty when none could be read); 'unknown' off
   * the platform, where there is no choice to read.
   */
  consent: { state: ConsentState | 'unknown'; changedAt: number | null; trackers: TrackerChoices };
  /** Every cookie seen this session, present ones first, then by name. */
  cookies: ReportCookie[];
  /** Charter entries no seen cookie matched. */
  notSeen: CharterEntry[];
  /** What does not add up, most serious first. */
  findings: Finding[];
  /** Cookie events in order; `droppedEvents` older ones were not kept. */
  timeline: { droppedEvents: number; events: TimelineEvent[] };
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

/**
 * Builds the report of a site record against the registry (with the site's live charter applied,
 * see `siteRegistry`); `live` is the last attempt to read that charter, `losses` what the store
 * could not keep; `match` matches one cookie (a memo passes its own, so unchanged cookies are not
 * matched again).
 */
export function buildReport(
  site: SiteRecord,
  registry: Registry,
  now: number,
  live: LiveCharterRecord | null = null,
  losses: StoreLosses = NOTHING_LOST,
  match: CookieMatcher = matchCookie,
): Report {
  const charter = charterFor(registry, site.host);
  const bundled = registry.bundledCharters.get(site.host)?.charter;
  const entries = charter.charter?.entries ?? [];
  // The platform's banner keeps the choice in cookies_preferences; elsewhere it cannot be read.
  const onPlatform = charter.kind !== 'none' || site.consent.state !== 'none';
  const matched: MatchedCookie[] = Object.values(site.cookies).map((cookie) => {
    const thirdParty = cookie.thirdParty !== undefined;
    const matched = match(registry, site.host, { name: cookie.name, domain: cookie.domain, thirdParty });
    // Only the site's own cookies can be the platform's.
    const { category, inferred } = platformCategory(cookie.name, matched.category, onPlatform && !thirdParty);
    return inferred === null
      ? { cookie, match: matched, categoryInferred: null }
      : { cookie, match: { ...matched, category }, categoryInferred: inferred };
  });

  const usedEntries = new Set(matched.flatMap(({ match }) => (match.reference?.kind === 'charter' ? [match.reference.entryIndex] : [])));

  const cookies: ReportCookie[] = matched
    // Field by field, not a spread: an allow-list, so nothing a record may hold reaches an export unless named here.
    .map(({ cookie, match, categoryInferred }) => ({
      name: cookie.name,
      domain: cookie.domain,
      path: cookie.path,
      hostOnly: cookie.hostOnly,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      partitionKey: cookie.partitionKey,
      expires: cookie.expires,
      lifetimeSeconds: cookie.expires === null ? null : Math.max(0, Math.round(cookie.expires - cookie.lastChanged / 1000)),
      firstSeen: cookie.firstSeen,
      lastChanged: cookie.lastChanged,
      removed: cookie.removed,
      firstPhase: cookie.firstPhase,
      firstPage: cookie.firstPage ?? null,
      thirdParty: cookie.thirdParty ? { via: cookie.thirdParty.via } : null,
      status: match.declared ? ('declared' as const) : ('undeclared' as const),
      provider: match.provider,
      service: match.service,
      purpose: match.purpose,
      duration: match.duration,
      category: match.category,
      categoryInferred: categoryInferred ?? null,
      source: match.source,
      rule: match.rule,
      reference: match.reference,
    }))
    .sort(
      (a, b) => Number(a.removed !== null) - Number(b.removed !== null) || compareText(a.name, b.name) || compareText(a.domain, b.domain),
    );

  const notSeen = entries.filter((_, index) => !usedEntries.has(index));
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
      live: live ? { fetchedAt: live.fetchedAt, url: live.url, problem: live.problem } : null,
      changes: charter.kind === 'live' && bundled ? diffCharters(bundled.entries, entries) : null,
    },
    consent: onPlatform
      ? { state: site.consent.state, changedAt: site.consent.changedAt, trackers: { ...site.consent.trackers } }
      : { state: 'unknown', changedAt: null, trackers: {} },
    cookies,
    notSeen,
    findings: findingsFor(site, matched, notSeen, onPlatform),
    timeline: { droppedEvents: site.droppedEvents, events: site.timeline },
    storage: {
      sitesDropped: losses.sitesDropped,
      lastDropAt: losses.lastDropAt,
      cookiesDropped: site.droppedCookies ?? 0,
      unsavedSince: losses.unsavedSince,
    },
  };
}

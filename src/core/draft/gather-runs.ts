/**
 * What the reports of one site (one run, or an "accept" and a "refuse" run) say, gathered for a
 * draft: the entries its charter declares, seen or not, and the cookies no entry declares.
 *
 * A name declared in any run is declared: the entries come from the runs checked against the
 * site's own charter (else from those checked against the platform's default standing in for
 * it), and a cookie another run could not match (its charter was not read) counts as seen by the
 * entry that declares it. When two runs read the charter changed in between, a name the newer
 * charter words otherwise is declared in its words alone. Whether an entry declares a cookie is
 * the extension's own matcher's word (core/registry/match.ts), so a drafted row never repeats a
 * name a declared row covers, and a cookie of embedded content named like one the portal sets
 * itself (one of the platform's own, or any other) stays apart from the portal's, as the charter's
 * third-party section would declare it.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { compareText } from '../compare.ts';
import { KNOWN_TRACKERS, type KnownTracker } from '../registry/known-trackers.ts';
import { siteMatcher, type MatchSource } from '../registry/match.ts';
import { buildRegistry, withSiteCharter, type CharterKind } from '../registry/registry.ts';
import { isPlatformCookie } from '../report/platform-cookies.ts';
import { absenceReason, cookiesLost } from '../report/absence-reason.ts';
import { outlivesStated, parseStatedLifetime } from '../report/duration.ts';
import type { RunCookie, RunReport } from '../report/compare-runs.ts';
import type { CoveredEntry, ReportCookie } from '../report/report.ts';
import { cookieLabel } from './draft-layout.ts';
import { trackerNamed, type ConsentTracker } from './tracker-filed-necessary.ts';
import { gatherUnreadLines, unreadLineMatcher, type UnreadLine, type UnreadLines } from './lines-not-read.ts';

/** What the cookies of one side (the site's own, or embedded content's) showed of an entry: as Declared's fields of the same names. */
export type SideSeen = {
  seen: boolean;
  lifetime: number | null | undefined;
  judgedLifetime: number | null | undefined;
  tooShort: boolean;
};

/** A declared entry, gathered over the reports. */
export type Declared = {
  entry: CharterEntry;
  /** Its place in the charter: [report, entry index]. */
  order: [number, number];
  seen: boolean;
  /** True when one of the site's own cookies (not embedded content's) matched it. */
  seenOwn: boolean;
  /** Longest lifetime of a cookie it matched (null: only session cookies); undefined when none. */
  lifetime: number | null | undefined;
  /**
   * The same lifetime as a "lives longer than declared" finding judges it: unrounded when a whole
   * report holds the cookie's expiry and last write, else rounded as `lifetime` (see tooShort).
   */
  judgedLifetime: number | null | undefined;
  /**
   * True when a cookie it matched lives longer than the entry states ("lives longer than
   * declared", as findings.ts judges it): a report's finding on a cookie it matched, or the entry's
   * own words and the longest lifetime seen, so a cookie only a run made without the charter saw
   * counts as well: the unrounded lifetime the finding compares when that run's whole report is at
   * hand, the lifetime rounded to the second a kept run holds otherwise (README, Limits).
   */
  tooShort: boolean;
  /**
   * True when a report calls it missing (a "not-seen" finding). The report does not for the
   * platform's `django_language`, set only on multilingual portals, nor for the entries of the
   * platform's default charter, which are the platform's cookies, not the site's word
   * (core/report/findings.ts): the draft says what the report says.
   */
  missing: boolean;
  /**
   * True when every report that did not see it lost cookies to storage, one saying its cookie may
   * have been among them (absentBecause 'cookies-dropped', absence-reason.ts): none makes a
   * finding, and "not seen" would say more than the reports do. A report that lost nothing and did
   * not see it says it was not seen: it is then not "may have been lost", for the mark (`missing`)
   * and the note alike.
   */
  mayHaveBeenLost: boolean;
  /**
   * True when an earlier entry of the same name in the same charter always applies instead, so this
   * one can never be seen (a charter that declares `_ga` under statistics and again under other
   * cookies); never for an entry a charter read by another run words otherwise (see gatherRuns). An
   * entry in the third-party section is not shadowed by one of its name outside it, nor the other
   * way round: embedded content's cookie answers to the first in it, the site's own to the first
   * outside it (a platform cookie's name: to that section alone, core/registry/match.ts);
   * nor is any later entry a run reading the newest charter matched a cookie through (a third-party
   * `session*` below a necessary one, matching a frame's `sessionid`): it applies.
   */
  shadowed: boolean;
  /**
   * True when the charter writes this very entry again, word for word, at another position: one
   * row says both, marked as declared twice (a repeat in other words is a row of its own, `shadowed`).
   */
  repeated: boolean;
  /**
   * For a prefix the charter files as necessary: the first cookie seen under it that the
   * known-tracker table files as statistics or third-party (`_pk_id.1.a1b2` under `_*`), as that
   * tracker; null when none was (a cookie of unknown origin, maybe another site's, says nothing).
   */
  trackerSeen: ConsentTracker | null;
  /**
   * The same, of the site's own cookies and of embedded content's apart: an exact entry of a
   * platform cookie's name in the third-party section that the site's own matched is written as
   * two rows, the portal's strictly necessary and embedded content's third-party, each with its
   * side's lifetime (charter-draft.ts); `missing` then says embedded content's was not seen where
   * a report would call it missing against the draft.
   */
  sides: Record<'own' | 'embedded', SideSeen>;
  /**
   * The language of the newest charter holding these very words whose language was made out (null
   * when none): two runs may have read the charter before and after it was translated, and an
   * entry only the older declares keeps the older's words.
   */
  language: 'fr' | 'en' | null;
};

/** A cookie (or a prefix family) observed but not declared, gathered over the reports. */
export type Added = {
  cookie: string;
  match: 'exact' | 'prefix';
  /** Words of the first cookie of its side (the site's own, or embedded content's). */
  provider: string;
  purpose: string;
  /** The same purpose in French, when its source has one (a known tracker's); null otherwise. */
  purposeFr: string | null;
  category: Category;
  source: MatchSource;
  lifetime: number | null;
  /**
   * True for the site's own cookies of the name; false for embedded content's, a row of its own
   * (under third parties) unless the site's own are filed there too (gatherRuns).
   */
  own: boolean;
  /** True for one of the platform's own cookies set by a portal of the platform itself. */
  platform: boolean;
  /** For embedded content's: the domains that set it (at most EMBEDDED_DOMAINS_KEPT). */
  embeddedBy: string[];
  /** A line of the charter not read that may declare it (unreadLineMatcher); null when none does. */
  unreadLine: number | null;
};

/** Everything a draft is made from. */
export type Gathered = {
  /** The charter the declared entries come from (see CharterDraft.charterKind). */
  charterKind: CharterKind;
  /** The language of that charter as the newest run declaring entries that made it out read it; null when none did. */
  language: 'fr' | 'en' | null;
  /** In the charter's order. */
  declared: Declared[];
  /** By name. */
  added: Added[];
  /** Cookies of unknown origin no entry declares and the site was not seen to set, by name. */
  originUnknown: OriginUnknown[];
  /**
   * The platform's cookie names the portal set itself, declared by an entry of another name (a
   * prefix, `csrf*`), that embedded content set as well, undeclared: each with the entry that
   * declares the portal's own. The row added for embedded content's would declare the portal's
   * too (an exact name comes before a prefix, and a site's own cookie answers to any section), so
   * the portal's own is written apart before it, in that entry's words.
   */
  writtenApart: Array<{ cookie: string; declared: Declared }>;
  /** The lines of the portal's charter the reports say were not read (lines-not-read.ts). */
  unreadLines: UnreadLines;
  /**
   * Of each of those lines read in part, the declared entries its reading gave (by their charter
   * positions): for one a newer charter words otherwise, the entry replacing it.
   */
  readFromLine: Map<UnreadLine, Declared[]>;
};

/** A cookie of unknown origin (RunCookie.originUnknown): its name and domain. */
export type OriginUnknown = { name: string; domain: string };

/** Domains an added row names: a row is one line, and a few say enough. */
const EMBEDDED_DOMAINS_KEPT = 5;

const TRACKERS_BY_ID = new Map<string, KnownTracker>(KNOWN_TRACKERS.map((tracker) => [tracker.id, tracker]));
/** Known trackers only: whether an entry declares a cookie is the charter's business alone. */
const BARE_REGISTRY = buildRegistry({}, { openCookieDatabase: [] });

const isSiteCharter = (kind: CharterKind) => kind === 'live' || kind === 'bundled';

/** True when the report is of a portal of the platform (it read, or could have read, the platform's consent cookie). */
const onPlatform = (report: RunReport) => report.consent.state !== 'unknown';

export const entryKey = (entry: CharterEntry) =>
  JSON.stringify([entry.cookie, entry.match, entry.provider, entry.service, entry.purpose, entry.duration, entry.category]);

/**
 * The name an entry declares, as two versions of a charter word it: a platform cookie's name in
 * the third-party section is embedded content's alone (core/registry/match.ts), not a version of
 * the portal's entry of that name.
 */
function versionName(entry: CharterEntry): string {
  const embeddedOnly = entry.match === 'exact' && isPlatformCookie(entry.cookie) && entry.category === 'third-party';
  return `${embeddedOnly ? 'embedded' : 'any'}\u0000${entry.match}\u0000${entry.cookie}`;
}

/**
 * The name an entry declares, as the matcher tells entries apart: in the third-party section,
 * embedded content's (a platform cookie's exact name, embedded content's alone); outside it, the
 * site's own. Of a name declared on both sides, each side's cookie answers to its side's first
 * entry (core/registry/match.ts), so neither side's entry shadows the other's.
 */
export function nameOf(entry: CharterEntry): string {
  const embedded = entry.category === 'third-party' && (entry.match === 'exact' || !isPlatformCookie(entry.cookie));
  return `${embedded ? 'embedded' : 'any'}\u0000${entry.match}\u0000${entry.cookie}`;
}

/**
 * True when a cookie living `lifetime` (the longest seen; null: session cookies only) makes a
 * "lives longer than declared" finding against the entry's stated duration, as findings.ts
 * judges it: persistent where the entry says the session, or outliving every reading of its words.
 */
function outlivesEntry(entry: CharterEntry, lifetime: number | null | undefined): boolean {
  if (lifetime === null || lifetime === undefined) return false;
  const stated = parseStatedLifetime(entry.duration);
  return stated.kind === 'session' || outlivesStated(stated, lifetime);
}

/** A report's cookie as a draft may be given it: a whole report's holds its expiry and last write, a kept run's neither. */
type TimedCookie = RunCookie & Partial<Pick<ReportCookie, 'expires' | 'lastChanged'>>;

/**
 * The lifetime a "lives longer than declared" finding compares (findings.ts): from the cookie's
 * expiry and last write when the report holds them, else the lifetime it keeps, rounded to the second.
 */
function judgedLifetime(cookie: TimedCookie): number | null {
  const { expires, lastChanged } = cookie;
  return typeof expires === 'number' && typeof lastChanged === 'number' ? expires - lastChanged / 1000 : cookie.lifetimeSeconds;
}

/** A side no cookie was seen on yet. */
const unseenSide = (): SideSeen => ({ seen: false, lifetime: undefined, judgedLifetime: undefined, tooShort: false });

/** The side a cookie is on: the site's own, or embedded content's. */
const sideOf = (cookie: RunCookie): keyof Declared['sides'] => (cookie.thirdParty === null ? 'own' : 'embedded');

/** The longer of two observed lifetimes: a persistent cookie outlives a session one (null). */
function longest(known: number | null | undefined, seen: number | null): number | null {
  if (seen === null) return known ?? null;
  return Math.max(known ?? 0, seen);
}

/**
 * The name an undeclared cookie is added under: the known-tracker table's prefix when it says the
 * cookie is one of a family (`_pk_id.1.a1b2` and `_pk_id.2.c3d4` are `_pk_id.*`), else its own.
 */
function addedName(cookie: RunCookie): { cookie: string; match: 'exact' | 'prefix' } {
  if (cookie.source === 'known-tracker' && cookie.rule === 'prefix' && cookie.reference?.kind === 'known-tracker') {
    const tracker = TRACKERS_BY_ID.get(cookie.reference.id);
    if (tracker?.match === 'prefix' && tracker.cookie !== '' && cookie.name.startsWith(tracker.cookie)) {
      return { cookie: tracker.cookie, match: 'prefix' };
    }
  }
  return { cookie: cookie.name, match: 'exact' };
}

/**
 * The category the charter wrote for a cookie the report files otherwise: a platform cookie of no
 * readable category ('other'), a tracker filed as necessary ('necessary': the draft leaves it there, marked).
 */
function categoryAsWritten(cookie: RunCookie): Category {
  if (cookie.categoryInferred === 'platform') return 'other';
  if (cookie.categoryInferred === 'tracker') return 'necessary';
  return cookie.category;
}

/** The charter entry a seen cookie matched, as the charter states it (the category before the report's inference). */
function declaredEntry(cookie: RunCookie): { entry: CharterEntry; index: number } | null {
  if (cookie.source !== 'charter' || cookie.reference?.kind !== 'charter') return null;
  return {
    index: cookie.reference.entryIndex,
    entry: {
      provider: cookie.provider,
      service: cookie.service,
      cookie: cookie.reference.cookie,
      match: cookie.reference.match,
      purpose: cookie.purpose,
      duration: cookie.duration,
      category: categoryAsWritten(cookie),
    },
  };
}

/**
 * The charter position of each entry a report lists as not seen: the report keeps the charter's
 * order, its seen cookies name their entries' positions and its covered entries say theirs, so
 * the others are the not-seen ones in order. Past the charter when the counts do not agree.
 */
function notSeenPositions(report: RunReport): number[] {
  const used = new Set(report.cookies.flatMap((cookie) => (cookie.reference?.kind === 'charter' ? [cookie.reference.entryIndex] : [])));
  for (const { position } of report.covered ?? []) used.add(position);
  const free: number[] = [];
  for (let index = 0; index < report.charter.entries && free.length < report.notSeen.length; index++) {
    if (!used.has(index)) free.push(index);
  }
  return report.notSeen.map((_, k) => (free.length === report.notSeen.length ? free[k]! : report.charter.entries + k));
}

/** An exact entry of a platform cookie's name in the third-party section: read back, it declares embedded content's cookie alone (core/registry/match.ts). */
const thirdPartyPlatformRow = (entry: CharterEntry) =>
  entry.match === 'exact' && entry.category === 'third-party' && isPlatformCookie(entry.cookie);

/**
 * The entry of a report's charter that declares the portal's own cookie of a platform name, when
 * the one its match settled on is the third-party section's (the charter lists embedded content's
 * `sessionid` first, and a site's own cookie answers to any section): the first exact entry of that
 * name outside that section, which the report lists as covered. A draft writes the necessary
 * section first, so read back the portal's cookie answers to that one. Null when none is. `matched`
 * is a thirdPartyPlatformRow.
 */
function portalsOwnEntry(report: RunReport, matched: CharterEntry): CoveredEntry | null {
  const sameName = ({ entry }: CoveredEntry) =>
    entry.match === 'exact' && entry.cookie === matched.cookie && entry.category !== 'third-party';
  return (report.covered ?? []).find(sameName) ?? null;
}

/** The charter whose entries a draft keeps: the site's own when a run read it, else the platform's default, else none. */
function declaringKind(reports: readonly RunReport[]): CharterKind {
  return (
    reports.find((report) => isSiteCharter(report.charter.kind))?.charter.kind ??
    (reports.some((report) => report.charter.kind === 'platform-default') ? 'platform-default' : 'none')
  );
}

/** Gathers the declared entries and the added cookies of every report. */
export function gatherRuns(reports: readonly RunReport[]): Gathered {
  const charterKind = declaringKind(reports);
  const declares = (report: RunReport) =>
    isSiteCharter(charterKind) ? isSiteCharter(report.charter.kind) : report.charter.kind === charterKind;
  const declared = new Map<string, Declared>();
  /** Each declared entry's charter position in each report that tells it (not past the charter's end). */
  const positionsOf = new Map<Declared, Map<number, number>>();
  /** Each declared entry's first position in each report whose charter declares it (past the end included). */
  const placesOf = new Map<Declared, Map<number, number>>();
  /** The declared entry at each charter position of each report ("report:position"), a repeat word for word at each of its own. */
  const positioned = new Map<string, Declared>();
  const declare = (entry: CharterEntry, order: [number, number], atPosition: boolean) => {
    const key = entryKey(entry);
    let known = declared.get(key);
    if (!known) {
      known = {
        entry,
        order,
        seen: false,
        seenOwn: false,
        lifetime: undefined,
        judgedLifetime: undefined,
        tooShort: false,
        missing: false,
        mayHaveBeenLost: false,
        shadowed: false,
        repeated: false,
        trackerSeen: null,
        sides: { own: unseenSide(), embedded: unseenSide() },
        language: null,
      };
      declared.set(key, known);
      placesOf.set(known, new Map<number, number>());
    }
    const places = placesOf.get(known)!;
    if (!places.has(order[0])) places.set(order[0], order[1]);
    // The same words at two positions of one report's charter: written twice. Positions are
    // compared within a report, as two runs may have read a charter changed in between.
    if (atPosition) {
      const [report, position] = order;
      positioned.set(`${report}:${position}`, known);
      let byReport = positionsOf.get(known);
      if (!byReport) positionsOf.set(known, (byReport = new Map<number, number>()));
      const earlier = byReport.get(report);
      if (earlier === undefined) byReport.set(report, position);
      else if (earlier !== position) known.repeated = true;
    }
    return known;
  };
  const seenBy = (known: Declared, cookie: TimedCookie) => {
    known.seen = true;
    if (cookie.thirdParty === null) known.seenOwn = true;
    const side = known.sides[sideOf(cookie)];
    side.seen = true;
    // A cookie of unknown origin may be another site's: its lifetime says nothing of this one's.
    if (!cookie.originUnknown) {
      known.lifetime = longest(known.lifetime, cookie.lifetimeSeconds);
      known.judgedLifetime = longest(known.judgedLifetime, judgedLifetime(cookie));
      side.lifetime = longest(side.lifetime, cookie.lifetimeSeconds);
      side.judgedLifetime = longest(side.judgedLifetime, judgedLifetime(cookie));
    }
    if (known.trackerSeen === null && known.entry.match === 'prefix' && known.entry.category === 'necessary' && !cookie.originUnknown) {
      known.trackerSeen = trackerNamed(cookie.name);
    }
  };
  /** Entries a report's lifetime finding is about: it compares the unrounded lifetime, which `lifetimeSeconds` rounds. */
  const outlived = new Set<Declared>();
  /** The same, by the side of the cookie the finding is about. */
  const outlivedSides = new Set<SideSeen>();
  /** Entries a run that lost no cookie to storage did not see: they may not have been lost (Declared.mayHaveBeenLost). */
  const unseenWhole = new Set<Declared>();
  /** The runs in which a cookie matched each entry: its own run's charter applied it. */
  const matchedIn = new Map<Declared, Set<number>>();
  /** Cookies no entry of their own run declares, with whether that run is of a platform portal. */
  const loose: Array<{ cookie: RunCookie; platform: boolean }> = [];
  /** The platform's cookie names the site itself set, in any run. */
  const ownPlatformNames = new Set<string>();
  reports.forEach((report, reportIndex) => {
    for (const cookie of report.cookies) if (cookie.thirdParty === null && isPlatformCookie(cookie.name)) ownPlatformNames.add(cookie.name);
    if (!declares(report)) {
      for (const cookie of report.cookies) loose.push({ cookie, platform: onPlatform(report) });
      return;
    }
    const lifetimeFindings = new Set(report.findings.filter((f) => f.kind === 'lifetime').map((f) => `${f.cookie}\u0000${f.domain}`));
    /**
     * Third-party entries of a platform cookie's name the portal's own cookie matched in this report
     * (see portalsOwnEntry): the draft keeps them for embedded content's cookie (charter-draft.ts writtenForBothSides).
     */
    const tookPortals = new Set<Declared>();
    /** Entries embedded content's cookie of this report is seen through. */
    const embeddedHere = new Set<Declared>();
    for (const cookie of report.cookies) {
      const charter = declaredEntry(cookie);
      if (!charter) {
        loose.push({ cookie, platform: onPlatform(report) });
        continue;
      }
      const known = declare(charter.entry, [reportIndex, charter.index], true);
      const portalTook = cookie.thirdParty === null && thirdPartyPlatformRow(charter.entry);
      if (portalTook) tookPortals.add(known);
      const portals = portalTook ? portalsOwnEntry(report, charter.entry) : null;
      if (portals) {
        // Seen through the entry it answers to in the draft; the third-party one kept for embedded content's.
        // A lifetime finding on it judged the third-party entry's words: the other's are judged from its lifetime (tooShort).
        seenBy(declare(portals.entry, [reportIndex, portals.position], portals.position < report.charter.entries), cookie);
        continue;
      }
      if (cookie.thirdParty !== null) embeddedHere.add(known);
      seenBy(known, cookie);
      const runs = matchedIn.get(known);
      if (runs) runs.add(reportIndex);
      else matchedIn.set(known, new Set([reportIndex]));
      if (lifetimeFindings.has(`${cookie.name}\u0000${cookie.domain}`)) {
        outlived.add(known);
        outlivedSides.add(known.sides[sideOf(cookie)]);
      }
    }
    // Not seen here by embedded content's cookie: the report would call it missing had the portal's cookie
    // been seen through an entry of its own, as it will against the draft, unless the choice explains it, or the record lost
    // cookies to storage, embedded content's maybe among them (absence-reason.ts notSeenJudge; the
    // default's entries are no site's word).
    const { state, trackers } = report.consent;
    const lost = cookiesLost({ droppedCookies: report.storage?.cookiesDropped, timeline: report.timeline?.events ?? [] });
    // A run whose report says an entry may have been lost lost cookies, whatever else it kept of its losses.
    const lostAny = lost || report.notSeen.some((entry) => entry.absentBecause === 'cookies-dropped');
    for (const known of tookPortals) {
      if (embeddedHere.has(known) || !isSiteCharter(report.charter.kind) || state === 'unknown') continue;
      if (!lostAny) unseenWhole.add(known);
      if (lost) known.mayHaveBeenLost = true;
      else if (absenceReason({ state, changedAt: null, trackers }, known.entry) === null) known.missing = true;
    }
    // Declared, and a cookie seen under another entry: neither seen through it nor missing (a
    // repeat stays shadowed, so marked declared twice; a wider prefix gets no mark).
    for (const { position, entry } of report.covered ?? []) declare(entry, [reportIndex, position], position < report.charter.entries);
    const missing = new Set(report.findings.filter((f) => f.kind === 'not-seen').map((f) => f.cookie));
    const positions = notSeenPositions(report);
    report.notSeen.forEach((entry, k) => {
      const known = declare(entry, [reportIndex, positions[k]!], positions[k]! < report.charter.entries);
      // A finding names a cookie, not an entry: one the choice explains (absentBecause) has none of its own.
      if (entry.absentBecause === undefined && missing.has(cookieLabel(entry))) known.missing = true;
      if (entry.absentBecause === 'cookies-dropped') known.mayHaveBeenLost = true;
      if (!lostAny) unseenWhole.add(known);
    });
  });
  const byOrder = (a: Declared, b: Declared) => a.order[1] - b.order[1] || a.order[0] - b.order[0];
  const all = [...declared.values()].sort(byOrder);
  // Two runs may have read the charter changed in between (the operator reworded `_ga`'s duration
  // between the "accept" and the "refuse" run): entries of one name in different words are then
  // two versions of one line, not a line written twice. The newest charter declaring the name says
  // what it is now: a report's time (`generatedAt`) says which, not its place among the runs (the
  // run kept for later may come first or second); on equal times, the later run. An older run's
  // entry of a name the newer charter declares in other words gives way to the newer's first
  // entry of that name, which takes what was seen of it. Only entries of one report's charter
  // can shadow each other.
  const newer = (a: number, b: number) => reports[a]!.generatedAt - reports[b]!.generatedAt || a - b;
  // By version name: an entry the newer charter moved to or from the third-party section is one line reworded.
  const newestOf = new Map<string, number>();
  for (const known of all) {
    const name = versionName(known.entry);
    for (const report of placesOf.get(known)!.keys()) {
      const newest = newestOf.get(name);
      if (newest === undefined || newer(report, newest) > 0) newestOf.set(name, report);
    }
  }
  const byName = new Map<string, Declared[]>();
  const superseded = new Set<Declared>();
  /** Every entry of each name, superseded ones included, in the charter's order. */
  const everyOf = new Map<string, Declared[]>();
  for (const known of all) {
    const name = nameOf(known.entry);
    const every = everyOf.get(name);
    if (every) every.push(known);
    else everyOf.set(name, [known]);
    if (!placesOf.get(known)!.has(newestOf.get(versionName(known.entry))!)) superseded.add(known);
    else {
      const same = byName.get(name);
      if (same) same.push(known);
      else byName.set(name, [known]);
    }
  }
  for (const [name, same] of byName) {
    // In the order of the newest charter declaring the name: the first applies, a later one is shadowed.
    const newest = newestOf.get(versionName(same[0]!.entry))!;
    same.sort((a, b) => placesOf.get(a)!.get(newest)! - placesOf.get(b)!.get(newest)!);
    // A later entry of the name may apply all the same: a cookie one before it does not declare (embedded content's
    // `sessionid` answers to the third-party section alone, core/registry/match.ts) matched it in a run whose charter
    // words the name as the newest does. That one applies: not shadowed, and it keeps what it saw.
    const readsNewest = new Map<number, boolean>();
    const wordsAsNewest = (report: number) => {
      let alike = readsNewest.get(report);
      if (alike === undefined) {
        const inReport = everyOf.get(name)!.filter((known) => placesOf.get(known)!.has(report));
        inReport.sort((a, b) => placesOf.get(a)!.get(report)! - placesOf.get(b)!.get(report)!);
        alike = inReport.length === same.length && inReport.every((known, k) => known === same[k]);
        readsNewest.set(report, alike);
      }
      return alike;
    };
    for (const known of same.slice(1)) known.shadowed = ![...(matchedIn.get(known) ?? [])].some(wordsAsNewest);
  }
  /** What `old` saw, taken by `now`, the entry of its name that applies: seen in either is seen, lifetimes are the longest. */
  const handOver = (old: Declared, now: Declared) => {
    now.seen ||= old.seen;
    now.seenOwn ||= old.seenOwn;
    now.trackerSeen ??= old.trackerSeen;
    if (old.lifetime !== undefined) now.lifetime = longest(now.lifetime, old.lifetime);
    if (old.judgedLifetime !== undefined) now.judgedLifetime = longest(now.judgedLifetime, old.judgedLifetime);
    for (const side of ['own', 'embedded'] as const) {
      const [from, to] = [old.sides[side], now.sides[side]];
      to.seen ||= from.seen;
      if (from.lifetime !== undefined) to.lifetime = longest(to.lifetime, from.lifetime);
      if (from.judgedLifetime !== undefined) to.judgedLifetime = longest(to.judgedLifetime, from.judgedLifetime);
    }
  };
  /** The first entry the newest charter declaring each version name holds (of either side, when it moved one to the other). */
  const firstOfVersion = new Map<string, Declared>();
  for (const [, [first]] of byName) {
    const version = versionName(first!.entry);
    const newest = newestOf.get(version)!;
    const other = firstOfVersion.get(version);
    if (!other || placesOf.get(first!)!.get(newest)! < placesOf.get(other)!.get(newest)!) firstOfVersion.set(version, first!);
  }
  /** Each superseded entry's replacement: the entry of its name the draft keeps, which took what it saw. */
  const replacedBy = new Map<Declared, Declared>();
  for (const old of superseded) {
    const now = byName.get(nameOf(old.entry))?.[0] ?? firstOfVersion.get(versionName(old.entry))!;
    replacedBy.set(old, now);
    handOver(old, now);
    now.missing ||= old.missing;
    now.mayHaveBeenLost ||= old.mayHaveBeenLost;
    if (unseenWhole.has(old)) unseenWhole.add(now);
  }
  // Lost only if every run that did not see it lost cookies: one that lost nothing says it was not seen.
  for (const known of unseenWhole) known.mayHaveBeenLost = false;
  const ordered = superseded.size > 0 ? all.filter((known) => !superseded.has(known)) : all;
  /**
   * The language of the newest of some reports (by `newer`) whose charter's language was made out:
   * the detector says null when neither language clearly wins, which tells nothing of a language
   * another run made out in the same words. Null when none made it out.
   */
  const newestKnownLanguage = (indices: Iterable<number>) => {
    let newest: number | undefined;
    let language: 'fr' | 'en' | null = null;
    for (const index of indices) {
      const known = reports[index]!.charter.language ?? null;
      if (known !== null && (newest === undefined || newer(index, newest) > 0)) [newest, language] = [index, known];
    }
    return language;
  };
  for (const known of ordered) known.language = newestKnownLanguage(placesOf.get(known)!.keys());

  // The declared entries as one charter, matched as the extension matches: what they cover needs no row of its own.
  const host = reports[0]?.host ?? '';
  const covering = siteMatcher(
    withSiteCharter(BARE_REGISTRY, host, { portal: null, language: null, entries: ordered.map((known) => known.entry) }, 'live'),
    host,
  );
  const unreadLines = gatherUnreadLines(reports);
  const readFromLine = new Map<UnreadLine, Declared[]>();
  for (const unread of unreadLines.lines) {
    const read = new Set<Declared>();
    for (const { report, first, count } of unread.gave ?? []) {
      // No further than the report's charter: a stored record's range says nothing past it.
      const end = Math.min(first + count, reports[report]!.charter.entries);
      for (let position = first; position < end; position++) {
        // An older run's entry the newer charter words otherwise is in no row: the line's name is the one replacing it.
        const known = positioned.get(`${report}:${position}`);
        if (known) read.add(replacedBy.get(known) ?? known);
      }
    }
    if (read.size > 0) readFromLine.set(unread, [...read]);
  }
  const unreadLineOf = unreadLineMatcher(
    host,
    unreadLines.lines,
    ordered.map((known) => known.entry),
  );
  const added = new Map<string, Added>();
  const originUnknown = new Map<string, { key: string; note: OriginUnknown }>();
  for (const { cookie, platform } of loose) {
    const embedded = cookie.thirdParty !== null;
    const cover = covering({ name: cookie.name, domain: cookie.domain, thirdParty: embedded });
    if (cover.reference?.kind === 'charter') {
      seenBy(ordered[cover.reference.entryIndex]!, cookie);
      continue;
    }
    const name = addedName(cookie);
    // Embedded content's cookie apart from the portal's own of its name: the matcher reads its row in the third-party
    // section, the portal's outside it (core/registry/match.ts), so one row would declare the other side's cookie too.
    const key = `${embedded ? 'embedded' : 'any'}\u0000${name.match}\u0000${name.cookie}`;
    // Another open site may have set it: the report judges none of these, and the draft adds none.
    if (cookie.originUnknown) {
      // Noted unless the site set the name itself: the row added for its own declares this one (a platform name's, embedded content's alone).
      const noteKey = embedded && isPlatformCookie(name.cookie) ? key : `any${key.slice(key.indexOf('\u0000'))}`;
      originUnknown.set(`${cookie.name}\u0000${cookie.domain}`, { key: noteKey, note: { name: cookie.name, domain: cookie.domain } });
      continue;
    }
    const domain = cookie.domain.replace(/^\./, '');
    const words = {
      provider: cookie.provider,
      purpose: cookie.purpose,
      purposeFr: cookie.purposeFr ?? null,
      category: cookie.category,
      source: cookie.source,
      own: !embedded,
      platform: !embedded && platform && name.match === 'exact' && isPlatformCookie(name.cookie),
    };
    const known = added.get(key);
    if (!known) {
      const unreadLine = unreadLineOf(cookie);
      added.set(key, { ...name, ...words, lifetime: cookie.lifetimeSeconds, embeddedBy: embedded ? [domain] : [], unreadLine });
      continue;
    }
    known.unreadLine ??= unreadLineOf(cookie);
    known.lifetime = longest(known.lifetime, cookie.lifetimeSeconds);
    if (embedded && !known.embeddedBy.includes(domain) && known.embeddedBy.length < EMBEDDED_DOMAINS_KEPT) known.embeddedBy.push(domain);
  }

  // The portal's own cookie the draft files under third parties too: one section holds both rows, where read back the
  // first declares both sides' cookies (the matcher tells sides apart by section). One row, the portal's, as before.
  for (const [key, cookie] of added) {
    if (cookie.own || isPlatformCookie(cookie.cookie)) continue;
    const portals = added.get(`any${key.slice('embedded'.length)}`);
    if (portals?.category !== 'third-party') continue;
    portals.lifetime = longest(portals.lifetime, cookie.lifetime);
    portals.unreadLine ??= cookie.unreadLine;
    added.delete(key);
  }

  const writtenApart: Gathered['writtenApart'] = [];
  for (const cookie of added.values()) {
    if (cookie.own || cookie.match !== 'exact' || !isPlatformCookie(cookie.cookie) || !ownPlatformNames.has(cookie.cookie)) continue;
    const cover = covering({ name: cookie.cookie, domain: host, thirdParty: false });
    const known = cover.reference?.kind === 'charter' ? ordered[cover.reference.entryIndex] : undefined;
    // An entry of the very name is written before a third-party row (CATEGORY_ORDER), and one in the third-party section declared embedded content's too.
    if (!known || (known.entry.match === 'exact' && known.entry.cookie === cookie.cookie) || known.entry.category === 'third-party')
      continue;
    writtenApart.push({ cookie: cookie.cookie, declared: known });
  }

  // An entry the charter read last repeats below another of its name, and that no run reading it
  // matched a cookie through, never applies: what an older run, whose charter it applied in, saw
  // through it (or a run made without the charter, matched in the older charter's order) is the
  // entry's that applies, and the repeat itself is one never seen. One that applies keeps its own.
  for (const [, [now, ...repeats]] of byName) {
    for (const old of repeats) {
      if (!old.seen || !old.shadowed) continue;
      handOver(old, now!);
      Object.assign(old, { seen: false, seenOwn: false, lifetime: undefined, judgedLifetime: undefined });
      for (const side of Object.values(old.sides)) outlivedSides.delete(side);
      old.sides = { own: unseenSide(), embedded: unseenSide() };
      outlived.delete(old);
    }
  }
  // A superseded or shadowed entry's finding judged other words: not passed on.
  for (const known of ordered) {
    known.tooShort = outlived.has(known) || outlivesEntry(known.entry, known.judgedLifetime);
    for (const side of Object.values(known.sides)) {
      side.tooShort = outlivedSides.has(side) || outlivesEntry(known.entry, side.judgedLifetime);
    }
  }

  return {
    charterKind,
    // One the site itself was seen to set as well is added all the same: no note.
    originUnknown: [...originUnknown.values()]
      .filter(({ key }) => !added.get(key)?.own)
      .map(({ note }) => note)
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.domain, b.domain)),
    // The declaring charters' only: another run's (the platform's default, in English) is not the site's. The newest's
    // made out: the rows take its words (a charter translated between the runs is drafted in its new language).
    language: reports.some(declares)
      ? newestKnownLanguage(reports.flatMap((report, index) => (declares(report) ? [index] : [])))
      : (reports[0]?.charter.language ?? null),
    declared: ordered,
    writtenApart,
    unreadLines,
    readFromLine,
    added: [...added.values()]
      .map((cookie) => ({ ...cookie, embeddedBy: cookie.embeddedBy.sort(compareText) }))
      .sort((a, b) => compareText(cookieLabel(a), cookieLabel(b))),
  };
}

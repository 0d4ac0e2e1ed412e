/**
 * Says what a cookie is: which source describes it, by which rule, and whether the site's own
 * charter declares it. Pure and allocation-light: it runs for every cookie a portal sets.
 */
import type { Category, CharterEntry } from '../charter/types.ts';
import { isDomainOrSubdomain, normalizeDomain } from './cookie-domain.ts';
import { lifetimeInEnglish, type KnownLifetime } from './known-lifetime.ts';
import type { KnownTracker } from './known-trackers.ts';
import { forEachRuleList, lookupName, type NameMatch } from './name-index.ts';
import { categoryFromOpenCookieDatabase } from './open-cookie-database-category.ts';
import { PLATFORM_DEFAULT_CHARTER } from './platform-default.ts';
import {
  indexedCharterFor,
  openCookieDatabaseRowFits,
  type CharterKind,
  type CharterRule,
  type IndexedCharter,
  type Registry,
} from './registry.ts';

/** Which source described the cookie. */
export type MatchSource = 'charter' | 'known-tracker' | 'open-cookie-database' | 'unknown';

/** The row a match was read from. */
export type MatchReference =
  | {
      /** A charter entry. */
      kind: 'charter';
      /** Which charter: bundled for the site, read live from it, or the platform default. */
      charterKind: Exclude<CharterKind, 'none'>;
      /** Host the charter applies to; null for the platform default of unbundled portals. */
      host: string | null;
      /** Position of the entry in the charter's `entries`. */
      entryIndex: number;
      /** The entry's cookie name or prefix. */
      cookie: string;
      /**
       * How the entry writes it. An exact name may still match by prefix (`rule`): `_pk_id` declares
       * the family `_pk_id.<site>.<hash>` (registry.ts); a charter drafted from the report keeps the name as written.
       */
      match: 'exact' | 'prefix';
    }
  | {
      /** An entry of the curated known-tracker table. */
      kind: 'known-tracker';
      /** The entry's id. */
      id: string;
      /** Vendor documentation the entry is written from. */
      sourceUrl: string;
    }
  | {
      /**
       * An entry of the platform's default charter (platform-default.ts) describing the portal's own
       * platform cookie its charter leaves out: the description only, not a declaration.
       */
      kind: 'platform-default';
      /** Position of the entry in the platform default's `entries`. */
      entryIndex: number;
      /** The entry's cookie name. */
      cookie: string;
    }
  | {
      /** A row of the Open Cookie Database. */
      kind: 'open-cookie-database';
      /** The row's ID column. */
      rowId: string;
      /** The row's Category column, as written upstream. */
      upstreamCategory: string;
    };

/** What is known about one cookie. */
export type MatchResult = {
  /** Which source described the cookie; 'unknown' when none did. */
  source: MatchSource;
  /** Whether the cookie's name matched exactly or by prefix; null when unknown. */
  rule: 'exact' | 'prefix' | null;
  /** True when the charter that applies to the site (bundled, or the platform default) declares it. */
  declared: boolean;
  /** Who sets the cookie, as the source names it; '' when unknown. */
  provider: string;
  /** Service as the source names it; null when the source has none. */
  service: string | null;
  /** Purpose as the source states it; '' when unknown. */
  purpose: string;
  /** A known tracker's purpose in French (its `purposeFr`); absent for other sources, whose words are in their own language only. */
  purposeFr?: string;
  /** Lifetime as the source states it; null when it states none. */
  duration: string | null;
  /** A known tracker's lifetime as data, for the pages to say in their language (`duration` holds its English words); null for other sources. */
  knownLifetime: KnownLifetime | null;
  /** Charter section the cookie belongs in; 'other' when unknown. */
  category: Category;
  /** The row used; null when unknown. */
  reference: MatchReference | null;
};

/** The cookie being matched: its name and the domain the browser reports for it. */
export type CookieIdentity = {
  /** Cookie name. */
  name: string;
  /** Cookie domain as the browser reports it, with or without the leading dot; '' means the site's host. */
  domain: string;
  /**
   * True for a cookie of embedded content (another site's, set in the site's tab): any charter
   * entry that names it declares it, but one named like the platform's own four cookies is only
   * declared by the charter's third-party section, so a frame's `sessionid` is never taken for
   * the portal's own; of a name declared both in that section and outside it, the entry in it
   * applies (the site's own cookie of that name takes the one outside it).
   */
  thirdParty?: boolean;
};

/** The platform's own cookies (`sessionid`, `csrftoken`, `cookies_preferences`, `django_language`). */
const PLATFORM_COOKIES: ReadonlySet<string> = new Set(PLATFORM_DEFAULT_CHARTER.entries.map((entry) => entry.cookie));

/** The platform default's entries by cookie name, with their positions. */
const PLATFORM_ENTRIES = new Map(PLATFORM_DEFAULT_CHARTER.entries.map((entry, entryIndex) => [entry.cookie, { entry, entryIndex }]));

/** What a charter entry says of its cookie, as a match gives it (a charter states no typical lifetime). */
function describedBy(
  entry: CharterEntry,
): Pick<MatchResult, 'provider' | 'service' | 'purpose' | 'duration' | 'knownLifetime' | 'category'> {
  return {
    provider: entry.provider,
    service: entry.service,
    purpose: entry.purpose,
    duration: entry.duration,
    knownLifetime: null,
    category: entry.category,
  };
}

/**
 * The portal's own platform cookie its charter leaves out, described as the platform's published
 * policy (its default charter's entry) describes it, and not declared. Shown as vendor documentation
 * (source 'known-tracker', as the known trackers' words are: the policy is the vendor's); its
 * reference says which entry it is. Undefined for any other name.
 */
function platformDescription(name: string): MatchResult | undefined {
  const known = PLATFORM_ENTRIES.get(name);
  if (known === undefined) return undefined;
  const { entry, entryIndex } = known;
  return {
    source: 'known-tracker',
    rule: 'exact',
    declared: false,
    ...describedBy(entry),
    reference: { kind: 'platform-default', entryIndex, cookie: entry.cookie },
  };
}

/**
 * True when a rule may declare the cookie named `name`: one the charter wrote always may; a family
 * the registry inferred from an exact name (registry.ts `indexCharter`) only when no longer family
 * of the known trackers starts the name (the charter's `xtan` is not AT Internet's `xtant…`).
 */
function ruleCovers(rule: CharterRule, name: string, trackers: Registry['knownTrackers']): boolean {
  return rule.family === null || lookupName(trackers, name, isLongerFamily, rule.family.length) === null;
}

function isLongerFamily(tracker: KnownTracker, than: number): boolean {
  return tracker.match === 'prefix' && tracker.cookie.length > than;
}

/** What a charter lookup's rules are checked with: the cookie's name, the trackers, the charter's entries. */
type CharterLookup = { name: string; trackers: Registry['knownTrackers']; entries: IndexedCharter['charter']['entries'] };

/** The charter rules that may declare a site's own cookie. */
function ownCookieRule(rule: CharterRule, lookup: CharterLookup): boolean {
  return ruleCovers(rule, lookup.name, lookup.trackers);
}

/**
 * The charter rules that may declare a cookie of embedded content. Charters file third parties
 * under any heading (reCAPTCHA among the necessary cookies, Disqus under "Commentaires"): nothing
 * says they sit under "tiers", so any entry that names the cookie declares it. A third party's
 * cookie named like one of the platform's own is the exception: the charter's entry of that name
 * is the platform's, so only its third-party section may declare it.
 */
function embeddedCookieRule(rule: CharterRule, lookup: CharterLookup): boolean {
  if (PLATFORM_COOKIES.has(lookup.name) && lookup.entries[rule.entry]?.category !== 'third-party') return false;
  return ruleCovers(rule, lookup.name, lookup.trackers);
}

/**
 * The charter rules that may declare the site's own cookie of a platform name before any of the
 * third-party section: the portal's own `csrftoken` is the platform's, so a necessary `csrf*`
 * declares it before a widget's exact `csrftoken` under "Cookies tiers" (README, Limits).
 */
function ownPlatformCookieRule(rule: CharterRule, lookup: CharterLookup): boolean {
  return lookup.entries[rule.entry]?.category !== 'third-party' && ownCookieRule(rule, lookup);
}

/** The first rule of a list in the charter's third-party section, and the first outside it (null when none). */
type FirstBySide = { inside: CharterRule | null; outside: CharterRule | null };

/** Each rule list's FirstBySide, found once: a report matches thousands of cookies against one charter. */
const firstsBySide = new WeakMap<readonly CharterRule[], FirstBySide>();

function firstBySide(rules: readonly CharterRule[], entries: CharterLookup['entries']): FirstBySide {
  let firsts = firstsBySide.get(rules);
  if (firsts === undefined) {
    firsts = { inside: null, outside: null };
    for (const rule of rules) {
      const side = entries[rule.entry]?.category === 'third-party' ? 'inside' : 'outside';
      firsts[side] ??= rule;
    }
    firstsBySide.set(rules, firsts);
  }
  return firsts;
}

/**
 * The rule of its side among those of the list `found` came from, when the one found is of the
 * other side: a name a charter declares both in its third-party section and outside it (a portal's
 * own `testCookie` under "Autres", Disqus's under third parties, as a drafted charter writes them)
 * names embedded content's cookie in the first section and the site's own in the second. A
 * platform cookie's name is settled before (matchIn): the site's own takes a rule outside the
 * section from any list first, embedded content's only ever finds one in it (embeddedCookieRule).
 * An exact name still beats a prefix: only rules of one list are weighed. A list holds the rules
 * the charter wrote before the families inferred from them (registry.ts `indexCharter`), which all
 * share the list's prefix: its first rule of a side declares the cookie if any of that side does.
 */
function ruleOfItsSide(found: NameMatch<CharterRule>, charter: IndexedCharter, lookup: CharterLookup, embedded: boolean): CharterRule {
  const entries = lookup.entries;
  if ((entries[found.value.entry]?.category === 'third-party') === embedded) return found.value;
  const listName = found.rule === 'exact' ? lookup.name : (found.value.family ?? entries[found.value.entry]?.cookie ?? '');
  const rules = (found.rule === 'exact' ? charter.entries.exact : charter.entries.prefixes).get(listName);
  if (rules === undefined) return found.value;
  const first = firstBySide(rules, entries)[embedded ? 'inside' : 'outside'];
  return first !== null && ruleCovers(first, lookup.name, lookup.trackers) ? first : found.value;
}

/** The answer for a cookie nothing declares nor describes: a copy of it is returned (`matchCookie`). */
export const UNKNOWN_MATCH: MatchResult = Object.freeze({
  source: 'unknown',
  rule: null,
  declared: false,
  provider: '',
  service: null,
  purpose: '',
  duration: null,
  knownLifetime: null,
  category: 'other',
  reference: null,
});

/** Each known tracker's lifetime in English words, made once: thousands of cookies may match one entry. */
const englishLifetimes = new WeakMap<KnownTracker, string>();

function englishLifetime(tracker: KnownTracker): string {
  let words = englishLifetimes.get(tracker);
  if (words === undefined) englishLifetimes.set(tracker, (words = lifetimeInEnglish(tracker.lifetime)));
  return words;
}

function trackerFits(tracker: KnownTracker, cookieDomain: string): boolean {
  return tracker.domain === null || isDomainOrSubdomain(cookieDomain, tracker.domain);
}

/**
 * Matches a cookie seen on `siteHost`. Precedence: the site's charter (exact name, then longest
 * prefix; for a cookie of embedded content named like a platform cookie, its third-party section
 * only; for the site's own of such a name, a rule outside that section first, exact then prefix,
 * else one in it; among entries of one name in and outside that section, embedded content's cookie takes the
 * first in it, the site's own the first outside it: ruleOfItsSide), then, for the site's own platform cookie
 * the charter leaves out, the platform default's entry (not declared: platformDescription), then known trackers (exact, then longest prefix, honouring an entry's domain), then the
 * Open Cookie Database (exact, then longest prefix, a row with a Domain only for cookies on that
 * domain or below, the first fitting row among duplicates). Never throws; returns source 'unknown'.
 */
export function matchCookie(registry: Registry, siteHost: string, cookie: CookieIdentity): MatchResult {
  return matchIn(registry, indexedCharterFor(registry, siteHost), normalizeDomain(cookie.domain === '' ? siteHost : cookie.domain), cookie);
}

/**
 * `matchCookie` for many cookies of one site: the site's charter is looked up once, and a cookie
 * domain is normalised once for a run of cookies that share it (a report matches thousands).
 */
export function siteMatcher(registry: Registry, siteHost: string): (cookie: CookieIdentity) => MatchResult {
  const charter = indexedCharterFor(registry, siteHost);
  let lastDomain: string | null = null;
  let lastNormalized = '';
  return (cookie) => {
    if (cookie.domain !== lastDomain) {
      lastDomain = cookie.domain;
      lastNormalized = normalizeDomain(cookie.domain === '' ? siteHost : cookie.domain);
    }
    return matchIn(registry, charter, lastNormalized, cookie);
  };
}

/** The match of `cookie` (on `cookieDomain`, normalised) given the charter that applies to the site. */
function matchIn(registry: Registry, charter: IndexedCharter | null, cookieDomain: string, cookie: CookieIdentity): MatchResult {
  if (charter !== null) {
    const lookup: CharterLookup = { name: cookie.name, trackers: registry.knownTrackers, entries: charter.charter.entries };
    // The site's own platform cookie: a rule outside the third-party section of any list first, else one in it.
    const outsideFirst = !cookie.thirdParty && PLATFORM_COOKIES.has(cookie.name);
    const found =
      (outsideFirst ? lookupName(charter.entries, cookie.name, ownPlatformCookieRule, lookup) : null) ??
      lookupName(charter.entries, cookie.name, cookie.thirdParty ? embeddedCookieRule : ownCookieRule, lookup);
    if (found !== null) {
      const rule = ruleOfItsSide(found, charter, lookup, cookie.thirdParty === true);
      const entry = charter.charter.entries[rule.entry];
      if (entry !== undefined) {
        return {
          source: 'charter',
          rule: found.rule,
          declared: true,
          ...describedBy(entry),
          reference: {
            kind: 'charter',
            charterKind: charter.kind,
            host: charter.host,
            entryIndex: rule.entry,
            cookie: entry.cookie,
            match: entry.match,
          },
        };
      }
    }
    // Not in the portal's charter: the platform's own words describe it before any generic source (a Django row).
    const platform = outsideFirst ? platformDescription(cookie.name) : undefined;
    if (platform !== undefined) return platform;
  }

  const tracker = lookupName(registry.knownTrackers, cookie.name, trackerFits, cookieDomain);
  if (tracker !== null) {
    const known = tracker.value;
    return {
      source: 'known-tracker',
      rule: tracker.rule,
      declared: false,
      provider: known.provider,
      service: known.service,
      purpose: known.purpose,
      purposeFr: known.purposeFr,
      duration: englishLifetime(known),
      knownLifetime: known.lifetime,
      category: known.category,
      reference: { kind: 'known-tracker', id: known.id, sourceUrl: known.sourceUrl },
    };
  }

  const listed = lookupName(registry.openCookieDatabase, cookie.name, openCookieDatabaseRowFits, cookieDomain);
  if (listed !== null) {
    const { row } = listed.value;
    return {
      source: 'open-cookie-database',
      rule: listed.rule,
      declared: false,
      provider: row.platform,
      service: null,
      purpose: row.description,
      duration: row.retention === '' ? null : row.retention,
      knownLifetime: null,
      category: categoryFromOpenCookieDatabase(row.category),
      reference: { kind: 'open-cookie-database', rowId: row.id, upstreamCategory: row.category },
    };
  }

  return { ...UNKNOWN_MATCH };
}

/** The charter entries that declare cookies seen (`charterEntriesSeen`). */
export type CharterEntriesSeen = {
  /** Notes every entry of the site's charter that declares `cookie`. */
  see(cookie: CookieIdentity): void;
  /** The positions, in the charter's `entries`, of those noted. */
  readonly seen: ReadonlySet<number>;
};

/**
 * Which entries of the site's charter declare the cookies seen: every entry whose name or prefix
 * a cookie's name fits and that may declare it (the rules `matchCookie` accepts), not only the
 * one a match settles on. A charter that names `_ga` in two rows (Universal Analytics, then
 * GA4), or writes `_pk_` beside `_pk_id.*`, has each of them seen once `_ga` or `_pk_id.1.ab` is.
 *
 * A platform cookie's name is the exception: the site's own `sessionid` is not what the charter's
 * third-party section declares (another portal's, in a frame), though a match takes that row
 * when no entry outside that section, of any name or prefix, declares the cookie.
 * So is any name a list of rules declares both in that section and outside it (ruleOfItsSide):
 * embedded content's cookie is noted by the entries in it, the site's own by those outside it
 * (a portal's own `testCookie` seen leaves Disqus's row not seen), unless none of its side may
 * declare it.
 *
 * Linear: a cookie walks its name's rule lists once (`forEachRuleList`); what a rule accepts
 * depends on the cookie only through three facts (a platform cookie's name, the site's own or
 * embedded, the longest known tracker family its name starts with), so a list is read once for
 * each set of them it meets, a few at most.
 */
export function charterEntriesSeen(registry: Registry, siteHost: string): CharterEntriesSeen {
  const charter = indexedCharterFor(registry, siteHost);
  const seen = new Set<number>();
  const readFor = new Map<readonly CharterRule[], Set<string>>();
  return {
    seen,
    see(cookie) {
      if (charter === null) return;
      const platformNamed = PLATFORM_COOKIES.has(cookie.name);
      const embedded = cookie.thirdParty === true;
      const family = lookupName(registry.knownTrackers, cookie.name, isLongerFamily, -1)?.value.cookie.length ?? -1;
      const key = `${platformNamed} ${embedded} ${family}`;
      const entries = charter.charter.entries;
      // As ruleCovers judges it: no longer family starts the name.
      const covers = (rule: CharterRule) => rule.family === null || family <= rule.family.length;
      const ofItsSide = (rule: CharterRule) => (entries[rule.entry]?.category === 'third-party') === embedded;
      forEachRuleList(charter.entries, cookie.name, (rules) => {
        let keys = readFor.get(rules);
        if (keys === undefined) readFor.set(rules, (keys = new Set()));
        if (keys.has(key)) return;
        keys.add(key);
        // A platform cookie's name: the site's own is declared by the entries outside the third-party
        // section, embedded content's by those in it (embeddedCookieRule). Any other name the list
        // declares on both sides: by its side's, when one may declare it (ruleOfItsSide).
        const sides = firstBySide(rules, entries);
        const sideOnly =
          platformNamed || (sides.inside !== null && sides.outside !== null && rules.some((rule) => ofItsSide(rule) && covers(rule)));
        for (const rule of rules) {
          if (seen.has(rule.entry) || (sideOnly && !ofItsSide(rule))) continue;
          if (covers(rule)) seen.add(rule.entry);
        }
      });
    },
  };
}

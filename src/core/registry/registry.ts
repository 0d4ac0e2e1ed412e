/**
 * The registry: every source of cookie knowledge, indexed once for fast lookup by `matchCookie`.
 * Sources, in the order matching consults them: the site's charter (bundled, or the platform
 * default for unbundled portals), the curated known trackers, the Open Cookie Database.
 */
import type { ParsedCharter } from '../charter/types.ts';
import { isDomainOrSubdomain, normalizeDomain } from './cookie-domain.ts';
import { FAMILY_SEPARATORS, KNOWN_TRACKERS, type KnownTracker } from './known-trackers.ts';
import { buildNameIndex, type NameIndex, type NamedRule } from './name-index.ts';
import type { OpenCookieDatabaseRow } from './open-cookie-database-document.ts';
import { parseDomainCell, type DomainCell } from './open-cookie-database-domain.ts';
import { isPlatformHost } from '../portals.ts';
import { PLATFORM_DEFAULT_CHARTER } from './platform-default.ts';

/** Which charter applies to a site: shipped with the extension, read live from the portal, the platform's default, or none. */
export type CharterKind = 'bundled' | 'live' | 'platform-default' | 'none';

/** A charter with its entries indexed by cookie name. */
export type IndexedCharter = {
  /** 'bundled' for a charter shipped for this host, 'live' for one read from the portal, 'platform-default' for the platform's template. */
  kind: Exclude<CharterKind, 'none'>;
  /** Host the charter is bundled under (normalised); null for the platform default. */
  host: string | null;
  /** The charter itself. */
  charter: ParsedCharter;
  /** Entry positions in `charter.entries`, indexed by cookie name (exact) and prefix. */
  entries: NameIndex<CharterRule>;
};

/** What a charter's name rule points to. */
export type CharterRule = {
  /** The entry's position in `charter.entries`. */
  readonly entry: number;
  /**
   * For a family the registry inferred from an exact name (`_pk_id` naming `_pk_id.`), that
   * family's prefix: it covers only names no longer family of the known trackers starts (`xtan`
   * names AT Internet's `xtan…`, never its `xtant…`). Null for a rule the charter wrote.
   */
  readonly family: string | null;
};

/** An Open Cookie Database row with its Domain column read once. */
export type IndexedOpenCookieDatabaseRow = {
  /** The row. */
  readonly row: OpenCookieDatabaseRow;
  /** Domains the row's Domain cell names: it is restricted to them unless `anyDomain`. */
  readonly domains: readonly string[];
  /** True when the row has no Domain, or one of its alternatives is empty (the site's own), so it matches a cookie on any domain. */
  readonly anyDomain: boolean;
};

/**
 * A row whose Domain cell is read when a cookie of its name is first matched, not when the
 * registry is built: a report looks at a few dozen of the 2,264 rows, and the registry is built
 * by a worker that has just woken, with the popup waiting.
 */
class LazyDomainsRow implements IndexedOpenCookieDatabaseRow {
  #cell: DomainCell | undefined;

  constructor(readonly row: OpenCookieDatabaseRow) {}

  get domains(): readonly string[] {
    return this.#read().domains;
  }

  get anyDomain(): boolean {
    return this.#read().anyDomain;
  }

  #read(): DomainCell {
    this.#cell ??= parseDomainCell(this.row.domain);
    return this.#cell;
  }
}

/** All lookup structures. Build with `buildRegistry`; treat as immutable. */
export type Registry = {
  /** Bundled charters by normalised host. */
  bundledCharters: ReadonlyMap<string, IndexedCharter>;
  /** The platform default charter, for unbundled *.opendatasoft.com / *.huwise.com portals. */
  platformDefault: IndexedCharter;
  /** Known trackers by cookie name and prefix. */
  knownTrackers: NameIndex<KnownTracker>;
  /** Open Cookie Database rows by cookie name and prefix, in CSV order within a name. */
  openCookieDatabase: NameIndex<IndexedOpenCookieDatabaseRow>;
  /** Charters that override the others for one site (a live charter); see `withSiteCharter`. */
  siteCharters?: ReadonlyMap<string, IndexedCharter>;
};

/** Data the registry is built from besides charters; tests pass small tables. */
export type RegistrySources = {
  /** Curated trackers; defaults to `KNOWN_TRACKERS`. */
  knownTrackers: readonly KnownTracker[];
  /**
   * Open Cookie Database rows. Always passed in: the worker loads the bundled ones from the
   * package when first needed rather than at start-up; Node reads them from the generated JSON
   * (bundled-open-cookie-database.ts).
   */
  openCookieDatabase: readonly OpenCookieDatabaseRow[];
};

/** What `charterFor` found for a host. */
export type CharterLookup = { kind: Exclude<CharterKind, 'none'>; charter: ParsedCharter } | { kind: 'none'; charter: null };

/**
 * Builds the registry from bundled charters keyed by portal host. Throws when two keys name the
 * same host once normalised, since one charter would silently hide the other.
 */
export function buildRegistry(
  charters: Record<string, ParsedCharter>,
  sources: Partial<RegistrySources> & Pick<RegistrySources, 'openCookieDatabase'>,
): Registry {
  const knownTrackers = buildNameIndex(
    (sources.knownTrackers ?? KNOWN_TRACKERS).map((tracker) => ({
      name: tracker.cookie,
      match: tracker.match,
      value: tracker,
    })),
  );
  const bundledCharters = new Map<string, IndexedCharter>();
  for (const [key, charter] of Object.entries(charters)) {
    const host = normalizeDomain(key);
    if (bundledCharters.has(host)) throw new Error(`Two bundled charters for host "${host}"`);
    bundledCharters.set(host, indexCharter(charter, 'bundled', host, knownTrackers));
  }
  return {
    bundledCharters,
    platformDefault: indexCharter(PLATFORM_DEFAULT_CHARTER, 'platform-default', null, knownTrackers),
    knownTrackers,
    openCookieDatabase: buildNameIndex(sources.openCookieDatabase.map(indexOpenCookieDatabaseRow)),
  };
}

/**
 * Indexes a charter's entries. A charter often names a tracker's family by its stem (`_pk_id` for
 * `_pk_id.<site>.<hash>`) or by its prefix without a wildcard (`_pk_id.`, `_ga_`): an exact name
 * also declares itself, or the stem followed by `.` or `_`, as a prefix when the known trackers
 * list that as a family prefix and not the name as a cookie of its own, so `_pk_id` and `_pk_id.`
 * cover `_pk_id.1.a1b2`, but `sessionid` does not cover `sessionid_x`, nor `_ga` (a cookie
 * beside GA4's `_ga_<ID>`) cover `_ga_ABC`. A stem that is a cookie of its own still covers a
 * family the trackers say is that cookie renamed (`renamedFrom`): `_gat` covers a named tracker's
 * `_gat_UA-12345-1`. These rules come after the charter's own, so a prefix it writes out wins over
 * one inferred, and an exact name still beats any prefix. An inferred family covers only names the
 * trackers file under it (match.ts): `xtan` covers `xtan123`, not AT Internet's `xtant123`.
 */
function indexCharter(
  charter: ParsedCharter,
  kind: IndexedCharter['kind'],
  host: string | null,
  trackers: NameIndex<KnownTracker>,
): IndexedCharter {
  const rules: Array<NamedRule<CharterRule>> = charter.entries.map((entry, position) => ({
    name: entry.cookie,
    match: entry.match,
    value: { entry: position, family: null },
  }));
  charter.entries.forEach((entry, position) => {
    if (entry.match !== 'exact') return;
    const cookieOfItsOwn = trackers.exact.has(entry.cookie);
    for (const separator of FAMILY_SEPARATORS) {
      const family = entry.cookie + separator;
      const members = trackers.prefixes.get(family);
      if (members === undefined) continue;
      if (cookieOfItsOwn && !members.some((tracker) => tracker.renamedFrom === entry.cookie)) continue;
      rules.push({ name: family, match: 'prefix', value: { entry: position, family } });
    }
  });
  return { kind, host, charter, entries: buildNameIndex(rules) };
}

function indexOpenCookieDatabaseRow(row: OpenCookieDatabaseRow): NamedRule<IndexedOpenCookieDatabaseRow> {
  // A name with a literal `*` (`SSPR_*`, Wildcard 0) is a prefix written the other way.
  const star = row.name.indexOf('*');
  const isPrefix = row.wildcard || star !== -1;
  const name = star === -1 ? row.name : row.name.slice(0, star);
  return {
    name,
    match: isPrefix ? 'prefix' : 'exact',
    // A Domain cell that names no readable domain restricts the row to nothing rather than to
    // everything: a wrong label is worse than none.
    value: new LazyDomainsRow(row),
  };
}

/** True when the row may describe a cookie on `cookieDomain` (normalised). */
export function openCookieDatabaseRowFits(entry: IndexedOpenCookieDatabaseRow, cookieDomain: string): boolean {
  if (entry.anyDomain) return true;
  for (const domain of entry.domains) {
    if (isDomainOrSubdomain(cookieDomain, domain)) return true;
  }
  return false;
}

/** The indexed charter that applies to `host`, or null. Used by `matchCookie` and `charterFor`. */
export function indexedCharterFor(registry: Registry, host: string): IndexedCharter | null {
  const normalizedHost = normalizeDomain(host);
  const override = registry.siteCharters?.get(normalizedHost);
  if (override !== undefined) return override;
  const bundled = bundledCharterOf(registry, normalizedHost);
  if (bundled !== undefined) return bundled;
  return isPlatformHost(normalizedHost) ? registry.platformDefault : null;
}

/** The platform's two domains: since the 2025 rebrand a portal answers under both. */
const OPENDATASOFT_SUFFIX = '.opendatasoft.com';
const HUWISE_SUFFIX = '.huwise.com';

/** The same portal under the platform's other domain (`itie.huwise.com` for `itie.opendatasoft.com`), or null. */
function platformAlias(normalizedHost: string): string | null {
  if (normalizedHost.endsWith(HUWISE_SUFFIX)) return normalizedHost.slice(0, -HUWISE_SUFFIX.length) + OPENDATASOFT_SUFFIX;
  if (normalizedHost.endsWith(OPENDATASOFT_SUFFIX)) return normalizedHost.slice(0, -OPENDATASOFT_SUFFIX.length) + HUWISE_SUFFIX;
  return null;
}

/**
 * The charter bundled for `host`: under its own name, else under the platform's other domain (a
 * portal bundled as NAME.opendatasoft.com also answers as NAME.huwise.com); undefined if none.
 */
export function bundledCharterFor(registry: Registry, host: string): IndexedCharter | undefined {
  return bundledCharterOf(registry, normalizeDomain(host));
}

function bundledCharterOf(registry: Registry, normalizedHost: string): IndexedCharter | undefined {
  const own = registry.bundledCharters.get(normalizedHost);
  if (own !== undefined) return own;
  const alias = platformAlias(normalizedHost);
  return alias === null ? undefined : registry.bundledCharters.get(alias);
}

/**
 * The charter for a site: the one bundled for its host (or for the same portal under the
 * platform's other domain); else the platform default for hosts under .opendatasoft.com or
 * .huwise.com; else none (a customer domain we hold no charter for).
 */
export function charterFor(registry: Registry, host: string): CharterLookup {
  const indexed = indexedCharterFor(registry, host);
  if (indexed === null) return { kind: 'none', charter: null };
  return { kind: indexed.kind, charter: indexed.charter };
}

/**
 * The registry with `charter` applying to `host` (a live charter read from the portal, or the
 * platform default for a portal recognised on its own domain). The indexes are shared, not copied.
 */
export function withSiteCharter(registry: Registry, host: string, charter: ParsedCharter, kind: 'live' | 'platform-default'): Registry {
  const normalizedHost = normalizeDomain(host);
  const siteCharters = new Map(registry.siteCharters);
  siteCharters.set(normalizedHost, indexCharter(charter, kind, normalizedHost, registry.knownTrackers));
  return { ...registry, siteCharters };
}

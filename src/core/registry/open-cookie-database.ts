/**
 * The Open Cookie Database (jkwakman/Open-Cookie-Database, Apache-2.0) as data for matching:
 * the pure transform CSV -> compact JSON that scripts/build-open-cookie-database.ts writes, the
 * decoder that reads that JSON back, and the readings of its free-text columns.
 */
import type { Category } from '../charter/types.ts';

/** Where the bundled copy comes from; data/open-cookie-database/SOURCE.md says the same. */
export const OPEN_COOKIE_DATABASE_SOURCE = {
  /** Name of the data set. */
  name: 'Open Cookie Database',
  /** Upstream repository. */
  repository: 'https://github.com/jkwakman/Open-Cookie-Database',
  /** Upstream commit the bundled CSV was taken from. */
  commit: '0ee5a17fe1cb002943f89370d24fc26a4226061c',
  /** The bundled CSV, relative to the project root. */
  file: 'data/open-cookie-database/open-cookie-database.csv',
  /** SPDX identifier of the data's licence. */
  licence: 'Apache-2.0',
  /** The licence text, relative to the project root; it must ship with anything derived from the data. */
  licenceFile: 'data/open-cookie-database/LICENSE',
} as const;

/** One row of the Open Cookie Database, reduced to what matching needs. */
export type OpenCookieDatabaseRow = {
  /** The row's ID column (a UUID), stable across upstream releases. */
  id: string;
  /** Platform column: the product that sets the cookie ("Google Analytics", "Matomo"). */
  platform: string;
  /** Category column as written upstream ("Analytics", "Marketing", "Functional", ...). */
  category: string;
  /** Cookie name; the fixed prefix when `wildcard` is true; may end in a literal `*` (`SSPR_*`). */
  name: string;
  /** Domain column as written upstream, trimmed; '' when none. Read it with `parseDomainCell`. */
  domain: string;
  /** Description column. */
  description: string;
  /** Retention period column, free text ("2 years", "session", "Session"). */
  retention: string;
  /** Wildcard match column: true when `name` is a prefix ("starts with"). */
  wildcard: boolean;
};

/** Column order of `rows` in the generated JSON. */
export const OPEN_COOKIE_DATABASE_COLUMNS = [
  'id',
  'platform',
  'category',
  'name',
  'domain',
  'description',
  'retention',
  'wildcard',
] as const;

/** One row as stored in the generated JSON: the fields of `OpenCookieDatabaseRow` in column order. */
export type OpenCookieDatabaseTuple = [string, string, string, string, string, string, string, boolean];

/** The generated JSON document. */
export type OpenCookieDatabaseDocument = {
  /** Says the file is generated, from what, and under which licence. */
  $comment: string;
  /** Provenance and licence of the data. */
  source: typeof OPEN_COOKIE_DATABASE_SOURCE;
  /** Names of the tuple fields in `rows`. */
  columns: typeof OPEN_COOKIE_DATABASE_COLUMNS;
  /** The rows, in CSV order (the order decides which duplicate name wins). */
  rows: OpenCookieDatabaseTuple[];
};

/**
 * Reads the generated JSON (as imported) back into rows, checking its shape so a stale or
 * hand-edited file fails loudly instead of shifting fields.
 */
export function rowsFromDocument(json: unknown): OpenCookieDatabaseRow[] {
  if (typeof json !== 'object' || json === null) throw new Error('Open Cookie Database JSON is not an object');
  const { columns, rows } = json as { columns?: unknown; rows?: unknown };
  if (JSON.stringify(columns) !== JSON.stringify(OPEN_COOKIE_DATABASE_COLUMNS)) {
    throw new Error('Open Cookie Database JSON has unexpected columns; run scripts/build-open-cookie-database.ts');
  }
  if (!Array.isArray(rows)) throw new Error('Open Cookie Database JSON has no rows array');
  return rows.map((row: unknown, index) => {
    if (!isTuple(row)) throw new Error(`Open Cookie Database JSON row ${index} is malformed`);
    const [id, platform, category, name, domain, description, retention, wildcard] = row;
    return { id, platform, category, name, domain, description, retention, wildcard };
  });
}

function isTuple(value: unknown): value is OpenCookieDatabaseTuple {
  return (
    Array.isArray(value) &&
    value.length === OPEN_COOKIE_DATABASE_COLUMNS.length &&
    value.slice(0, -1).every((field) => typeof field === 'string') &&
    typeof value[value.length - 1] === 'boolean'
  );
}

// Zero-width characters occur in upstream cells (".commander1.com" ends in U+200B).
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/g;
const PARENTHESISED = /\([^)]*\)/g;
const DOMAIN_SHAPE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * Reads a Domain cell into the registrable domains it names, lowercase, without leading or
 * trailing dots. Upstream cells hold notes and alternatives: "cookiebot.com (3rd party)",
 * ".bing.com (3rd party) or .microsoft.com (3rd party)", " or 207.net (3rd party)", and templated
 * labels ("ads-[account].adhese.com" -> "adhese.com"). Returns [] for an empty cell, and also for
 * a non-empty cell it cannot read (the caller decides what that means).
 */
export function parseDomainCell(cell: string): string[] {
  const cleaned = cell.replace(INVISIBLE_CHARACTERS, '').replace(PARENTHESISED, ' ').toLowerCase();
  const domains: string[] = [];
  // Alternatives are separated by "or", commas or blanks; none of these occur inside a domain.
  for (const word of cleaned.split(/[\s,;]+/)) {
    if (word === 'or') continue;
    let domain = word.replace(/^\.+/, '').replace(/\.+$/, '');
    // A templated label stands for any label: keep the labels after it, which every such host shares.
    const lastTemplated = domain.lastIndexOf(']');
    if (lastTemplated !== -1) domain = domain.slice(domain.indexOf('.', lastTemplated) + 1);
    if (domain !== '' && DOMAIN_SHAPE.test(domain) && !domains.includes(domain)) {
      domains.push(domain);
    }
  }
  return domains;
}

/**
 * Maps an upstream Category to our Category. Only Necessary and Security rows count as
 * necessary: the database files many trackers' identifiers under Functional (Hotjar's
 * `_hjSessionUser_`), and calling those necessary would hide a cookie set before consent.
 * Marketing cookies are set for advertisers, what charters call "tiers".
 */
export function categoryFromOpenCookieDatabase(upstreamCategory: string): Category {
  switch (upstreamCategory.trim().toLowerCase()) {
    case 'necessary':
    case 'security':
      return 'necessary';
    case 'analytics':
      return 'statistics';
    case 'marketing':
      return 'third-party';
    default:
      return 'other';
  }
}

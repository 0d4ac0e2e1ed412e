/**
 * The Open Cookie Database (jkwakman/Open-Cookie-Database, Apache-2.0) as the extension ships it:
 * where it comes from, the compact JSON document the build makes of its CSV
 * (open-cookie-database-csv.ts, build time only), where that document lives, and the decoder
 * that reads it back (at run time: the worker reads it, gzipped, from its package).
 */

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

/**
 * Where the generated document lives: in the source tree (written by
 * scripts/build-open-cookie-database.ts, imported by Node code), and gzipped in the extension's
 * packages (written by scripts/classic-worker.ts, read by the worker's registry loader).
 */
export const OPEN_COOKIE_DATABASE_FILES = {
  /** The generated JSON, relative to the project root. */
  generated: 'src/core/registry/open-cookie-database.generated.json',
  /** The same JSON, gzipped, inside each browser package, relative to the package root. */
  packaged: 'data/open-cookie-database.json.gz',
  /** The licence (`OPEN_COOKIE_DATABASE_SOURCE.licenceFile`) inside each browser package, where scripts/build.ts copies it. */
  packagedLicence: 'licenses/open-cookie-database/LICENSE',
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
  const decoded: OpenCookieDatabaseRow[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row: unknown = rows[index];
    if (!isTuple(row)) throw new Error(`Open Cookie Database JSON row ${index} is malformed`);
    decoded.push({
      id: row[0],
      platform: row[1],
      category: row[2],
      name: row[3],
      domain: row[4],
      description: row[5],
      retention: row[6],
      wildcard: row[7],
    });
  }
  return decoded;
}

/** A plain loop, no copy of the row: the worker checks 2,264 rows when a report first needs them. */
function isTuple(value: unknown): value is OpenCookieDatabaseTuple {
  if (!Array.isArray(value) || value.length !== OPEN_COOKIE_DATABASE_COLUMNS.length) return false;
  const last = value.length - 1;
  for (let index = 0; index < last; index++) if (typeof value[index] !== 'string') return false;
  return typeof value[last] === 'boolean';
}

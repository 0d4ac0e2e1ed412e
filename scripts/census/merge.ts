/**
 * `npm run census:merge -- --out DIR SHARD_DIR...`: the shards of one census as one census, as
 * if the list had run whole: rows by their position in the list, each portal's folder copied.
 * Shards of different lists or settings, a shard given twice, a portal in two shards, or a
 * missing shard are refused with what is wrong (exit 2): a partial merge would pass for a whole one.
 * A shard is outside input: a row whose URL is not an http(s) URL the census could have audited, or
 * whose folder is not one it could have named (a path, `..`), is refused before anything is copied.
 */
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTarget, UsageError } from '../audit/options.ts';
import { CENSUS_VERSION, censusDocument, isPortalFolder, type CensusDocument } from './census-report.ts';

/** At most this much of a bad value is quoted in an error. */
const QUOTED = 200;
const quote = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text;
};

/**
 * Checks each row of a shard read from `source` as the census would have written it: its position
 * in the list, its URL an http(s) URL its list could hold (parseTarget, as written: `url.href`), its
 * folder null or a name the census gives (isPortalFolder). Throws a one-line UsageError naming the
 * file, the row and the field.
 */
export function checkRows(document: CensusDocument, source: string): void {
  for (const [index, row] of document.portals.entries()) {
    const where = `${source}: portals[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new UsageError(`${where}: not a portal's row`);
    if (!Number.isSafeInteger(row.position) || row.position < 0 || !(row.position < document.list.size)) {
      throw new UsageError(`${where}.position: ${quote(row.position)} is not a place in a list of ${quote(document.list.size)}`);
    }
    let url: URL | null = null;
    try {
      if (typeof row.url === 'string') url = parseTarget(row.url);
    } catch {
      // Refused below.
    }
    if (url === null) throw new UsageError(`${where}.url: ${quote(row.url)} is not an http(s) URL the census could audit`);
    if (url.href !== row.url) throw new UsageError(`${where}.url: ${quote(row.url)} is not a URL as the census writes it (${url.href})`);
    if (row.report !== null && !isPortalFolder(row.report)) {
      throw new UsageError(`${where}.report: ${quote(row.report)} is not a portal's folder (a host name, as the census names them)`);
    }
  }
}

/** A shard's census.json, checked to be one, its rows too (checkRows). */
export function readShard(dir: string): CensusDocument {
  const path = join(dir, 'census.json');
  let document: CensusDocument;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as CensusDocument;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new UsageError(`${path}: cannot read a census (${reason})`);
  }
  if (document?.version !== CENSUS_VERSION || !Array.isArray(document.portals) || !document.list || !document.run) {
    throw new UsageError(`${path}: not a census of version ${CENSUS_VERSION}`);
  }
  checkRows(document, path);
  return document;
}

/** The settings two shards must share to be parts of one census. */
const settings = (document: CensusDocument) =>
  JSON.stringify([
    document.list.sha256,
    document.list.size,
    document.run.browser,
    document.run.cookiePolicy,
    document.run.consent,
    document.run.pages,
  ]);

/**
 * The merged census of shards (their folders and documents), checked. Returns the document and
 * the warnings worth a line (browser versions that differ between machines).
 */
export function mergeShards(shards: ReadonlyArray<{ dir: string; document: CensusDocument }>): {
  document: CensusDocument;
  warnings: string[];
} {
  if (shards.length === 0) throw new UsageError('give the shard folders to merge');
  const [first] = shards;
  const count = first!.document.shard?.count;
  const seen = new Map<number, string>();
  for (const { dir, document } of shards) {
    if (!document.shard) throw new UsageError(`${dir}: a whole census, not a shard (it was run without --shard)`);
    if (settings(document) !== settings(first!.document)) {
      throw new UsageError(`${dir}: a shard of another census than ${first!.dir} (its list or its settings differ)`);
    }
    if (document.shard.count !== count)
      throw new UsageError(`${dir}: shard ${document.shard.index}/${document.shard.count}, not of ${count}`);
    const twice = seen.get(document.shard.index);
    if (twice !== undefined) throw new UsageError(`shard ${document.shard.index}/${count} given twice: ${twice} and ${dir}`);
    seen.set(document.shard.index, dir);
  }
  for (const { dir, document } of shards) checkRows(document, join(dir, 'census.json'));
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new UsageError(`missing shard(s) ${missing.join(', ')} of ${count}: every part of the list is needed`);
  const rows = shards.flatMap(({ document }) => document.portals);
  const positions = new Set<number>();
  for (const row of rows) {
    if (positions.has(row.position)) throw new UsageError(`portal ${row.host} (position ${row.position + 1}) is in two shards`);
    positions.add(row.position);
  }
  const versions = [...new Set(shards.map(({ document }) => document.run.browserVersion))];
  const warnings = versions.length > 1 ? [`the shards ran different browser versions: ${versions.join('; ')}`] : [];
  return { document: censusDocument(first!.document.run, first!.document.list, null, rows), warnings };
}

/**
 * Copies each portal's folder from its shard into `out`; only folders the census names, never a
 * path out of the shard. Every folder is checked before anything is copied: a symbolic link (the
 * census writes none) would be copied as a link, and the merged census, published as it is (a CI
 * artifact), would then carry whatever it points to.
 */
export function copyPortalFolders(shards: ReadonlyArray<{ dir: string; document: CensusDocument }>, out: string): void {
  const copies: Array<{ from: string; to: string }> = [];
  for (const { dir, document } of shards) {
    for (const row of document.portals) {
      if (row.report === null) continue;
      if (!isPortalFolder(row.report)) throw new UsageError(`${join(dir, 'census.json')}: ${quote(row.report)} is not a portal's folder`);
      const from = join(dir, row.report);
      if (!existsSync(from)) continue;
      refuseLinks(from);
      copies.push({ from, to: join(out, row.report) });
    }
  }
  for (const { from, to } of copies) cpSync(from, to, { recursive: true });
}

/** Throws a one-line UsageError when `folder`, or anything in it, is a symbolic link. */
function refuseLinks(folder: string): void {
  const link = lstatSync(folder).isSymbolicLink()
    ? folder
    : readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isSymbolicLink())
        .map((entry) => join(entry.parentPath, entry.name))[0];
  if (link !== undefined) throw new UsageError(`${link}: a symbolic link, which the census never writes: not copied`);
}

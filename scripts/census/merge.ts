/**
 * `npm run census:merge -- --out DIR SHARD_DIR...`: the shards of one census as one census, as
 * if the list had run whole: rows by their position in the list, each portal's folder copied.
 * Shards of different lists or settings, a shard given twice or missing, or a shard whose rows are
 * not exactly the portals of its part (one lost, one of another part) are refused with what is
 * wrong (exit 2): a partial merge would pass for a whole one. A shard is outside input: its
 * census.json is checked field by field (census-check.ts), and a portal's folder that is missing,
 * or is or holds a link or anything but files and folders (a FIFO), is refused, before anything
 * is copied or written; so is an --out that would write into a shard.
 */
import { cpSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { quoteTyped, shownPath, UsageError } from '../audit/options.ts';
import { refusePathsInTheWay, type OutputPath } from '../audit/out-dir.ts';
import { checkCensus, cut, quote } from './census-check.ts';
import { censusDocument, isPortalFolder, type CensusDocument } from './census-report.ts';
import { shardPositions } from './portal-list.ts';

/** A shard's census.json, checked field by field (checkCensus). */
export function readShard(dir: string): CensusDocument {
  const path = join(dir, 'census.json');
  let value: unknown;
  try {
    // Looked at before it is read: reading a FIFO or a terminal would wait for ever.
    if (!statSync(path).isFile()) throw new UsageError(`${shownPath(path)}: not a regular file, as the census writes it: not read`);
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new UsageError(`${shownPath(path)}: cannot read a census (${reason})`);
  }
  return checkCensus(value, shownPath(path));
}

/** What audited a shard, as a line: `0.1.0, registry 3f9a0c1d2e4b…`. */
const toolText = ({ run: { tool } }: CensusDocument) => `${tool.version}, registry ${tool.registry.slice(0, 12)}…`;

/** The settings two shards must share to be parts of one census, each as the refusal names it. */
const SHARED_SETTINGS: readonly (readonly [name: string, of: (document: CensusDocument) => string])[] = [
  ['list', ({ list }) => `${list.size} portal(s), SHA-256 ${list.sha256}`],
  ['browser', ({ run }) => run.browser],
  ['cookie policy', ({ run }) => run.cookiePolicy],
  ['consent', ({ run }) => run.consent],
  ['pages', ({ run }) => String(run.pages)],
];

/** The first setting `document` does not share with `first`, said as "its X is A, not B", or null. */
function differentSetting(document: CensusDocument, first: CensusDocument): string | null {
  for (const [name, of] of SHARED_SETTINGS) {
    // A shard's file is outside text: what it says is cut, as every value the checks quote.
    if (of(document) !== of(first)) return `its ${name} is ${cut(of(document))}, not ${cut(of(first))}`;
  }
  return null;
}

/**
 * The rows of a checked shard, refused unless they are exactly the portals its part of the list
 * holds (shardPositions, as `--shard` split it): a row of another part, a position twice, or one
 * missing (a lost row would make a partial census pass for a whole one).
 */
function checkShardRows(document: CensusDocument, source: string): void {
  const { index, count } = document.shard!;
  const owned = new Set(shardPositions(document.list.size, document.shard));
  const found = new Set<number>();
  for (const [row, { position }] of document.portals.entries()) {
    const where = `${shownPath(source)}: portals[${row}].position`;
    if (!owned.has(position))
      throw new UsageError(`${where}: ${position} is in shard ${(position % count) + 1}/${count}, not ${index}/${count}`);
    if (found.has(position)) throw new UsageError(`${where}: ${position} is in two rows`);
    found.add(position);
  }
  const lost = [...owned].filter((position) => !found.has(position));
  if (lost.length > 0) {
    const shown = `${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ', …' : ''}`;
    throw new UsageError(
      `${shownPath(source)}: no row for position(s) ${shown} of shard ${index}/${count}: every portal of its part is needed`,
    );
  }
}

/**
 * The merged census of shards (their folders and documents), checked: each document (checkCensus),
 * the shards as parts of one list, each once, none missing, each holding its own portals and all of
 * them. Returns the document and the warnings worth a line (browser versions that differ).
 */
export function mergeShards(shards: ReadonlyArray<{ dir: string; document: CensusDocument }>): {
  document: CensusDocument;
  warnings: string[];
} {
  if (shards.length === 0) throw new UsageError('give the shard folders to merge');
  const checked = shards.map(({ dir, document }) => ({
    dir,
    source: join(dir, 'census.json'),
    document: checkCensus(document, shownPath(join(dir, 'census.json'))),
  }));
  const [first] = checked;
  const count = first!.document.shard?.count;
  const seen = new Map<number, string>();
  for (const { dir, document } of checked) {
    if (!document.shard) throw new UsageError(`${shownPath(dir)}: a whole census, not a shard (it was run without --shard)`);
    const [tool, firstTool] = [document.run.tool, first!.document.run.tool];
    if (tool.version !== firstTool.version || tool.registry !== firstTool.registry) {
      throw new UsageError(
        `${shownPath(dir)}: run by another version of the audit than ${shownPath(first!.dir)} (${toolText(document)}, not ${toolText(first!.document)}): re-run the shards with one version`,
      );
    }
    const different = differentSetting(document, first!.document);
    if (different !== null) {
      throw new UsageError(
        `${shownPath(dir)}: a shard of another census than ${shownPath(first!.dir)} (${different}): run every shard with one list and the same options`,
      );
    }
    if (document.shard.count !== count)
      throw new UsageError(`${shownPath(dir)}: shard ${document.shard.index}/${document.shard.count}, not of ${count}`);
    const twice = seen.get(document.shard.index);
    if (twice !== undefined)
      throw new UsageError(`shard ${document.shard.index}/${count} given twice: ${shownPath(twice)} and ${shownPath(dir)}`);
    seen.set(document.shard.index, dir);
  }
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new UsageError(`missing shard(s) ${missing.join(', ')} of ${count}: every part of the list is needed`);
  for (const { source, document } of checked) checkShardRows(document, source);
  // A host names its portal's folder: two rows of one host would be one folder, the second copied over the first.
  const hosts = new Map<string, string>();
  for (const { source, document } of checked) {
    for (const [index, { host }] of document.portals.entries()) {
      const where = `${shownPath(source)}: portals[${index}].host`;
      const first = hosts.get(host);
      if (first !== undefined) throw new UsageError(`${where}: ${quote(host)} is also in ${first}: the census audits a host once`);
      hosts.set(host, where);
    }
  }
  const rows = checked.flatMap(({ document }) => document.portals);
  const versions = [...new Set(checked.map(({ document }) => document.run.browserVersion))];
  const warnings = versions.length > 1 ? [`the shards ran different browser versions: ${versions.join('; ')}`] : [];
  return { document: censusDocument(first!.document.run, first!.document.list, null, rows), warnings };
}

/** The real path of `path`, which need not exist yet: its nearest existing ancestor's, then the rest. */
function realPathAhead(path: string): string {
  const rest: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest);
    } catch {
      if (dirname(at) === at) return resolve(path);
      rest.unshift(basename(at));
    }
  }
}

/**
 * Refuses an `out` that is, or is inside, one of the shard folders (real paths, so a link or `..`
 * does not hide it): the merge would write over its own input (a shard's census.json), or copy a
 * folder into itself.
 */
export function refuseOutInShards(out: string, shardDirs: readonly string[]): void {
  const target = realPathAhead(out);
  for (const dir of shardDirs) {
    const inside = relative(realPathAhead(dir), target);
    if (inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside))) {
      throw new UsageError(
        `--out ${quoteTyped(out)} is ${inside === '' ? 'the shard folder' : 'inside the shard folder'} ${shownPath(dir)}: the merge would write over its input`,
      );
    }
  }
}

/**
 * Each portal's folder to copy from its shard: only folders the census names, never a path out
 * of the shard, each there (the merged census links to it), and none that is, or holds, a
 * symbolic link (the census writes none: copied as a link, the merged census, published as it is
 * (a CI artifact), would carry whatever it points to) or anything but files and folders (a FIFO).
 * All checked before anything is copied or written.
 */
export function portalCopies(shards: ReadonlyArray<{ dir: string; document: CensusDocument }>): Array<{ from: string; folder: string }> {
  const copies: Array<{ from: string; folder: string }> = [];
  for (const { dir, document } of shards) {
    for (const row of document.portals) {
      if (row.report === null) continue;
      if (!isPortalFolder(row.report))
        throw new UsageError(`${shownPath(join(dir, 'census.json'))}: ${quote(row.report)} is not a portal's folder`);
      const from = join(dir, row.report);
      if (!lstatSync(from, { throwIfNoEntry: false }))
        throw new UsageError(`${shownPath(from)}: missing, though census.json names it as the portal's folder: copy the shard whole`);
      refuseOddEntries(from);
      copies.push({ from, folder: row.report });
    }
  }
  return copies;
}

/**
 * Refuses, before anything is written, an `out` where a path the merge writes is taken
 * (out-dir.ts: refusePathsInTheWay): `files` in `out`, then every entry of every portal's
 * folder copied (portalCopies), a folder before what it holds.
 */
export function refuseOutputsInTheWay(
  out: string,
  files: readonly string[],
  copies: ReadonlyArray<{ from: string; folder: string }>,
): void {
  const paths: OutputPath[] = files.map((path) => ({ path, kind: 'file' }));
  for (const { from, folder } of copies) {
    paths.push({ path: folder, kind: 'folder' });
    for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
      const inside = relative(from, join(entry.parentPath, entry.name));
      paths.push({ path: join(folder, inside), kind: entry.isDirectory() ? 'folder' : 'file' });
    }
  }
  refusePathsInTheWay(out, { writer: 'merge', paths });
}

/** Copies each portal's folder (portalCopies) into `out`. */
export function copyPortalFolders(copies: ReadonlyArray<{ from: string; folder: string }>, out: string): void {
  for (const { from, folder } of copies) cpSync(from, join(out, folder), { recursive: true });
}

/** Why an entry is not one the census writes (a link, a FIFO, a socket, a device), or null for a file or folder. */
function oddity(entry: Stats | Dirent): string | null {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  return entry.isFile() || entry.isDirectory() ? null : 'not a file or folder (a FIFO, a socket or a device)';
}

/** Throws a one-line UsageError unless `folder` is a folder holding only files and folders. */
function refuseOddEntries(folder: string): void {
  const stats = lstatSync(folder);
  const odd = stats.isDirectory()
    ? readdirSync(folder, { recursive: true, withFileTypes: true })
        .map((entry) => ({ path: join(entry.parentPath, entry.name), why: oddity(entry) }))
        .find(({ why }) => why !== null)
    : { path: folder, why: oddity(stats) ?? 'a file, not a folder' };
  if (odd !== undefined) throw new UsageError(`${shownPath(odd.path)}: ${odd.why}, which the census never writes: not copied`);
}

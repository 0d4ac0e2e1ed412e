/** `--out` checked before any browser starts: a mistake there is a one-line error, not a lost run. */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { CENSUS_FILE_NAMES } from '../census/census-report.ts';
import { DRAFT_FILES } from './charter-files.ts';
import { quoteTyped, shownPath, UsageError, type ConsentMode } from './options.ts';

/**
 * The entry at `path`, or undefined when there is none (or a file stands where a folder of the
 * path should be); an error names it `shown` (the path as typed).
 */
function entryAt(path: string, shown: string = path): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`--out: cannot look at ${shownPath(shown)} (${code ?? (error as Error).message})`);
  }
}

/**
 * Creates `folder` and the folders above it, one by one from `ancestor`, the deepest that exists:
 * Node's recursive mkdirSync loops for ever at full CPU where procfs answers ENOENT (`/proc/nope`);
 * one mkdir a level fails there at once.
 */
function createUnder(ancestor: string, folder: string): void {
  let path = ancestor;
  for (const name of relative(ancestor, folder)
    .split(sep)
    .filter((part) => part !== '')) {
    path = join(path, name);
    try {
      mkdirSync(path);
    } catch (error) {
      // Made meanwhile (another run, or a second census job): a folder is all that is needed.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !entryAt(path)?.isDirectory()) throw error;
    }
  }
}

/**
 * The part of the typed path `typed` (lying at `place`) that names `ancestor`, one of the folders
 * above `place`: `afile` of `afile/sub`, as errors name a path as typed. Read without its `.` and
 * `..` (`afile` of `folder/../afile/sub`) when it holds one past its start, and the absolute
 * `ancestor` when the typed path does not reach up to it.
 */
function typedPartAt(typed: string, place: string, ancestor: string): string {
  const levels = relative(ancestor, resolve(place))
    .split(sep)
    .filter((name) => name !== '').length;
  // `./afile/sub` is kept as typed; `afile//sub/.` is read as normalize reads it.
  let part = normalize(typed) === typed.replace(/^(?:\.\/+)+/, '') ? typed : normalize(typed);
  for (let level = 0; level < levels; level++) {
    const name = basename(part);
    if (name === '' || name === '.' || name === '..') return ancestor;
    part = dirname(part);
  }
  return part;
}

/** A path a command writes in `--out`, relative to it, and whether it writes a folder or a file there. */
export type OutputPath = { path: string; kind: 'folder' | 'file' };

/** What a command writes in `--out` (`writer` names it in a refusal: audit, census, merge) and where. */
export type Outputs = { writer: string; paths: readonly OutputPath[] };

type EntryKind = 'folder' | 'file' | 'symbolic link' | 'named pipe (FIFO)' | 'socket' | 'device';

/**
 * What is at `path`, the link itself rather than what it points to (lstat), or null when nothing
 * is, or a file stands where a folder of it would be. A symbolic link is its own kind: a write
 * would follow it out of `--out` (a file), or cpSync would fail on it halfway (a folder: EISDIR).
 * Only a regular file is a 'file'; a FIFO, a socket or a device is named as what it is.
 * An error names it `shown` (the path as typed).
 */
function kindAt(path: string, shown: string = path): EntryKind | null {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return 'symbolic link';
    if (stats.isDirectory()) return 'folder';
    // Only a regular file is one: a write to a FIFO waits for a reader for ever, blocking the run's own time limit.
    if (stats.isFile()) return 'file';
    if (stats.isFIFO()) return 'named pipe (FIFO)';
    return stats.isSocket() ? 'socket' : 'device';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new UsageError(`--out: cannot look at ${shownPath(shown)} (${code ?? (error as Error).message})`);
  }
}

/**
 * Refuses, before anything is written, an `out` (as typed; lying at `place`) where a path the
 * command writes is taken by the other kind: anything but a regular file where a file goes
 * (`census.md/`, a report.json that is a folder, a FIFO: a write would wait for ever), anything but
 * a folder where a folder goes (a portal's folder, or one in it), and a symbolic link, broken or not, where either goes (never written through: it
 * would write outside `out`). A write there would fail only once the runs are done (EISDIR), or
 * write outside `out`. Refuses too a path there, or the folder a missing one is made in, that
 * `canWrite` (access W_OK) says this user cannot write: a report.json or accept/ of a run as root.
 * `paths` are looked at in order: a folder before what it holds, so a file standing where a folder
 * goes is met first.
 */
export function refusePathsInTheWay(
  out: string,
  { writer, paths }: Outputs,
  place: string = out,
  canWrite: (path: string) => void = (path) => accessSync(path, constants.W_OK),
): void {
  /** Refuses `at` (in `out`; the path the writer writes, or the folder it writes it in) when this user cannot write it. */
  const refuseUnwritable = (at: string, expected: OutputPath['kind'], inIt: boolean) => {
    try {
      canWrite(join(place, at));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(
        `--out ${quoteTyped(out)}: ${shownPath(join(out, at))} cannot be written (${reason}), where the ${writer} writes a ${expected}${inIt ? ' in it' : ''}: make it writable, or give another --out (nothing written)`,
      );
    }
  };
  for (const { path, kind: expected } of paths) {
    const typed = join(out, path);
    const kind = kindAt(join(place, path), typed);
    if (kind === expected) {
      // Left by an earlier run as another user (root): the write would fail with EACCES only after the runs.
      refuseUnwritable(path, expected, false);
      continue;
    }
    if (kind === null) {
      // Made by the write: its nearest existing folder in `out` must take it (`out` itself is probed by prepareOutDir).
      let parent = dirname(path);
      while (parent !== '.' && kindAt(join(place, parent), join(out, parent)) === null) parent = dirname(parent);
      if (parent !== '.') refuseUnwritable(parent, expected, true);
      continue;
    }
    throw new UsageError(
      `--out ${quoteTyped(out)}: ${shownPath(typed)} is a ${kind}, where the ${writer} writes a ${expected}: move it away, or give another --out (nothing written)`,
    );
  }
}

/**
 * Makes sure `dir` is a folder the command can write in, creating it as the run would, and that no
 * path of `outputs` in it is taken (refusePathsInTheWay). Refuses a path that names a file, or lies under one, and a
 * folder that cannot be created or written (checked by writing a probe file: `access()` says yes
 * to root even where a write would fail). `dir` is as typed, for the errors; `place` is where it
 * lies (typed-path.ts: from the folder the command was typed in).
 */
export function prepareOutDir(dir: string, outputs: Outputs | null = null, place: string = dir): void {
  const named = quoteTyped(dir);
  const stat = entryAt(place, dir);
  if (stat && !stat.isDirectory()) throw new UsageError(`--out ${named}: ${shownPath(dir)} is a file, not a folder`);
  if (outputs) refusePathsInTheWay(dir, outputs, place);
  let ancestor = resolve(place);
  while (!entryAt(ancestor, typedPartAt(dir, place, ancestor)) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  const ancestorTyped = typedPartAt(dir, place, ancestor);
  if (!entryAt(ancestor, ancestorTyped)?.isDirectory())
    throw new UsageError(`--out ${named}: ${shownPath(ancestorTyped)} is a file, not a folder`);
  const probe = join(place, `.audit-write-check-${process.pid}`);
  try {
    createUnder(ancestor, resolve(place));
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${named} cannot be written (${reason})`);
  }
}

/** The files one portal's audit writes in `--out`, and its folders (`--consent both`). */
const REPORT_FILES = ['report.json', 'report.md', 'popup.png'] as const;
const COMPARISON_FILE = 'comparison.md';
/** A census portal's progress lines, in its folder. */
const PORTAL_LOG = 'audit.log';
const CHOICE_FOLDERS = ['accept', 'refuse'] as const;
/** What `npm start` asked so writes (earlierRunLeftovers' options) in `--out`, as refusePathsInTheWay reads them. */
export function writtenPaths({
  consent,
  draft,
  hosts,
}: {
  consent: ConsentMode;
  draft: boolean;
  hosts: readonly string[] | null;
}): OutputPath[] {
  const files = (names: readonly string[], under = ''): OutputPath[] => names.map((name) => ({ path: join(under, name), kind: 'file' }));
  const folder = (path: string): OutputPath => ({ path, kind: 'folder' });
  // One portal's audit, in `under`: its report files, or a folder of them per choice and their comparison.
  const audit = (under: string): OutputPath[] =>
    consent === 'both'
      ? [
          ...CHOICE_FOLDERS.flatMap((choice) => [folder(join(under, choice)), ...files(REPORT_FILES, join(under, choice))]),
          ...files([COMPARISON_FILE], under),
        ]
      : files(REPORT_FILES, under);
  if (hosts === null) return [...audit(''), ...(draft ? files([DRAFT_FILES.markdown, DRAFT_FILES.html]) : [])];
  return [...files(CENSUS_FILE_NAMES), ...hosts.flatMap((host) => [folder(host), ...files([PORTAL_LOG], host), ...audit(host)])];
}

/** Most leftovers named one by one in the warning. */
const LEFTOVERS_NAMED = 10;

/**
 * What an earlier run of this command left in `place` (where `--out` lies) that this run will not
 * rewrite: the names this command writes (report files, `accept/` and `refuse/`, comparison.md,
 * the charter draft, the census's files, and a census's portal folders: those holding an
 * `audit.log`) that a run asked so (`consent`, `draft`; `hosts`: a census's portals, null for one
 * portal) does not write. Folders end with `/`; sorted. Never the user's other files. Only named
 * (earlierRunWarning), never deleted: a name the command writes may still be a file the user
 * edited (a charter draft being corrected), and a warning loses nothing.
 */
export function earlierRunLeftovers(
  place: string,
  { consent, draft, hosts }: { consent: ConsentMode; draft: boolean; hosts: readonly string[] | null },
): string[] {
  if (!existsSync(place)) return [];
  // The names it writes at the top of `place`, folders ending with `/`.
  const written = new Set<string>(
    writtenPaths({ consent, draft, hosts })
      .filter(({ path }) => !path.includes(sep))
      .map(({ path, kind }) => (kind === 'folder' ? `${path}/` : path)),
  );
  const known = new Set<string>([
    ...REPORT_FILES,
    ...CHOICE_FOLDERS.map((name) => `${name}/`),
    COMPARISON_FILE,
    DRAFT_FILES.markdown,
    DRAFT_FILES.html,
    ...CENSUS_FILE_NAMES,
  ]);
  const portals = new Set(hosts ?? []);
  const leftovers: string[] = [];
  for (const entry of readdirSync(place, { withFileTypes: true })) {
    const name = entry.isDirectory() ? `${entry.name}/` : entry.name;
    // A portal this census audits again: what its earlier audit left in its folder (audit.log is rewritten).
    if (entry.isDirectory() && portals.has(entry.name)) {
      const inside = earlierRunLeftovers(join(place, entry.name), { consent, draft: false, hosts: null });
      leftovers.push(...inside.filter((leftover) => !CENSUS_FILE_NAMES.includes(leftover)).map((leftover) => `${name}${leftover}`));
      continue;
    }
    if (written.has(name) || portals.has(entry.name)) continue;
    const portalFolder = entry.isDirectory() && !known.has(name) && existsSync(join(place, entry.name, PORTAL_LOG));
    if (known.has(name) || portalFolder) leftovers.push(name);
  }
  return leftovers.sort();
}

/** The warning on what an earlier run left in `--out` (typed as `dir`), or null when it left nothing. */
export function earlierRunWarning(dir: string, leftovers: readonly string[]): string | null {
  if (leftovers.length === 0) return null;
  const named = leftovers.slice(0, LEFTOVERS_NAMED).join(', ');
  const more = leftovers.length > LEFTOVERS_NAMED ? ` and ${leftovers.length - LEFTOVERS_NAMED} more` : '';
  return `warning: --out ${quoteTyped(dir)} holds files of an earlier run that this run does not rewrite: ${named}${more} (they stay as they are: remove them, or give another --out)`;
}

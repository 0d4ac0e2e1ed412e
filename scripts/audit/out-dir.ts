/** `--out` checked before any browser starts: a mistake there is a one-line error, not a lost run. */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { quoteTyped, shownPath, UsageError } from './options.ts';

/** The entry at `path`, or undefined when there is none (or a file stands where a folder of the path should be). */
function entryAt(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`--out: cannot look at ${shownPath(path)} (${code ?? (error as Error).message})`);
  }
}

/**
 * Makes sure `dir` (and `subfolders` in it, for `--consent both`) is a folder the audit can write
 * in, creating it as the run would. Refuses a path that names a file, or lies under one, and a
 * folder that cannot be created or written (checked by writing a probe file: `access()` says yes
 * to root even where a write would fail). `dir` is as typed, for the errors; `place` is where it
 * lies (typed-path.ts: from the folder the command was typed in).
 */
export function prepareOutDir(dir: string, subfolders: readonly string[] = [], place: string = dir): void {
  const named = quoteTyped(dir);
  for (const [typed, folder] of [[dir, place], ...subfolders.map((name) => [join(dir, name), join(place, name)])] as const) {
    const stat = entryAt(folder);
    if (stat && !stat.isDirectory()) throw new UsageError(`--out ${named}: ${shownPath(typed)} is a file, not a folder`);
  }
  let ancestor = resolve(place);
  while (!entryAt(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!entryAt(ancestor)?.isDirectory()) throw new UsageError(`--out ${named}: ${shownPath(ancestor)} is a file, not a folder`);
  const probe = join(place, `.audit-write-check-${process.pid}`);
  try {
    mkdirSync(place, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${named} cannot be written (${reason})`);
  }
}

/**
 * Paths typed on the command line, read from the folder they were typed in: npm runs a script
 * from the package's root and says where it was run in INIT_CWD, so `cd docs && npm start --
 * --portals mylist.txt` means docs/mylist.txt. Errors and logs still show a path as typed.
 */
import { resolve } from 'node:path';

/** The folder the command was typed in: npm's INIT_CWD when it is set, else the current folder. */
export function typedInFolder(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const initCwd = env.INIT_CWD;
  return initCwd !== undefined && initCwd !== '' ? initCwd : cwd;
}

/** Where a typed path lies: a relative one from the folder it was typed in, an absolute one as it is. */
export function typedPathPlace(typed: string, folder: string = typedInFolder()): string {
  return resolve(folder, typed);
}

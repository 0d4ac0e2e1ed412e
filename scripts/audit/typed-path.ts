/**
 * Paths typed on the command line, read from the folder they were typed in: npm runs a script
 * from the package's root and says where it was run in INIT_CWD, so `cd docs && npm start --
 * --portals mylist.txt` means docs/mylist.txt. Errors and logs still show a path as typed.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The folder the command was typed in: npm's INIT_CWD when it is set and lies in the current
 * folder (npm runs a script from the package's root, found above where it was typed), else the
 * current folder. A process started in another folder by a program that npm ran (a test
 * spawning the audit in a scratch folder) inherits an INIT_CWD that is not where its paths were written.
 */
export function typedInFolder(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const initCwd = env.INIT_CWD;
  if (initCwd === undefined || initCwd === '') return cwd;
  const within = relative(resolve(cwd), resolve(initCwd));
  const outside = within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within);
  return outside ? cwd : initCwd;
}

/** Where a typed path lies: a relative one from the folder it was typed in, an absolute one as it is. */
export function typedPathPlace(typed: string, folder: string = typedInFolder()): string {
  return resolve(folder, typed);
}

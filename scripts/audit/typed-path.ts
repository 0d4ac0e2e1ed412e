/**
 * Paths typed on the command line, read from the folder they were typed in: npm runs a script
 * from the package's root and says where it was run in INIT_CWD, so `cd docs && npm start --
 * --portals mylist.txt` means docs/mylist.txt. Errors and logs still show a path as typed.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';

/** Whether two paths name one folder (as written, or once links are followed). */
function sameFolder(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The folder the command was typed in: npm's INIT_CWD when npm runs this package's script here,
 * that is when the current folder is the root of the package npm names in npm_package_json (npm
 * sets both for a script; INIT_CWD may lie anywhere, as with `npm --prefix /pkg start` typed in
 * /t); else the current folder. A process started in another folder with the environment of an
 * npm script (a test spawning the audit in a scratch folder) inherits an INIT_CWD that is not
 * where its paths were written.
 */
export function typedInFolder(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const initCwd = env.INIT_CWD;
  const packageJson = env.npm_package_json;
  if (initCwd === undefined || initCwd === '' || packageJson === undefined || packageJson === '') return cwd;
  return sameFolder(dirname(packageJson), cwd) ? initCwd : cwd;
}

/**
 * Where a typed path lies: a relative one from the folder it was typed in, an absolute one as it
 * is. Joined, not normalised, so the system reads it as the shell does: `lnk/../mine.txt` is the
 * file above where the link `lnk` leads (normalised, the one beside the link), `mine.txt/` no file.
 */
export function typedPathPlace(typed: string, folder: string = typedInFolder()): string {
  if (isAbsolute(typed)) return typed;
  return folder.endsWith(sep) ? `${folder}${typed}` : `${folder}${sep}${typed}`;
}

/**
 * Where `--out` lies, its `.` and `..` read as text (`lnk/../out` is `out` beside the link): its
 * checks walk up the path and create it folder by folder as written (out-dir.ts), and the run must
 * write where they looked.
 */
export function typedOutPlace(typed: string, folder: string = typedInFolder()): string {
  return resolve(folder, typed);
}

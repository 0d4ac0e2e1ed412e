import { describe, expect, it } from 'vitest';
import { typedInFolder, typedPathPlace } from '../../../scripts/audit/typed-path.ts';

/** The environment npm gives a script of the package in `root`, typed in `typedIn`. */
const npmScript = (root: string, typedIn: string) => ({ INIT_CWD: typedIn, npm_package_json: `${root}/package.json` });

describe('typedInFolder', () => {
  it("is npm's INIT_CWD when npm runs this package's script here, at its root (npm_package_json's folder)", () => {
    expect(typedInFolder(npmScript('/home/me', '/home/me/docs'), '/home/me')).toBe('/home/me/docs');
    expect(typedInFolder(npmScript('/home/me', '/home/me'), '/home/me')).toBe('/home/me');
    expect(typedInFolder(npmScript('/home/me/', '/home/me/..project'), '/home/me')).toBe('/home/me/..project');
  });

  it('is INIT_CWD outside the package too: `npm --prefix /pkg start -- --portals mylist.txt` typed in /t', () => {
    expect(typedInFolder(npmScript('/pkg', '/t'), '/pkg')).toBe('/t');
  });

  it('is the current folder for a process started elsewhere with an npm script’s environment (a test spawning the audit)', () => {
    expect(typedInFolder(npmScript('/home/me/project', '/home/me/project'), '/tmp/scratch')).toBe('/tmp/scratch');
    expect(typedInFolder(npmScript('/home/me/project', '/home/me'), '/home/me/project/docs')).toBe('/home/me/project/docs');
  });

  it('is the current folder without npm (no INIT_CWD, or no npm_package_json to tell that npm ran this script)', () => {
    expect(typedInFolder({}, '/home/me')).toBe('/home/me');
    expect(typedInFolder({ INIT_CWD: '' }, '/home/me')).toBe('/home/me');
    expect(typedInFolder({ INIT_CWD: '/home/me/docs' }, '/home/me')).toBe('/home/me');
    expect(typedInFolder({ INIT_CWD: '', npm_package_json: '/home/me/package.json' }, '/home/me')).toBe('/home/me');
  });
});

describe('typedPathPlace', () => {
  it('reads a relative path from the folder it was typed in, an absolute one as it is', () => {
    expect(typedPathPlace('mylist.txt', '/home/me/docs')).toBe('/home/me/docs/mylist.txt');
    expect(typedPathPlace('../out', '/home/me/docs')).toBe('/home/me/out');
    expect(typedPathPlace('/tmp/out', '/home/me/docs')).toBe('/tmp/out');
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typedInFolder, typedOutPlace, typedPathPlace } from '../../../scripts/audit/typed-path.ts';
import { readCharterFile } from '../../../scripts/charter/cli.ts';

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
    expect(typedPathPlace('/tmp/out', '/home/me/docs')).toBe('/tmp/out');
    expect(typedPathPlace('mylist.txt', '/')).toBe('/mylist.txt');
  });

  describe('reads a path as the shell does: `..` past a link, and a trailing `/`, left to the system', () => {
    // typed/lnk -> typed/deep/inner: the shell's `lnk/../mine.txt` is typed/deep/mine.txt.
    const root = mkdtempSync(join(tmpdir(), 'typed-path-'));
    const typedIn = join(root, 'typed');
    mkdirSync(join(typedIn, 'deep', 'inner'), { recursive: true });
    symlinkSync(join(typedIn, 'deep', 'inner'), join(typedIn, 'lnk'));
    writeFileSync(join(typedIn, 'mine.txt'), 'beside the link');
    writeFileSync(join(typedIn, 'deep', 'mine.txt'), 'where the link leads');
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('`lnk/../mine.txt` is the file above where the link leads, not the one beside the link', () => {
      expect(readFileSync(typedPathPlace('lnk/../mine.txt', typedIn), 'utf8')).toBe('where the link leads');
      expect(readFileSync(typedPathPlace('./mine.txt', typedIn), 'utf8')).toBe('beside the link');
    });

    it('the charter CLI reads that file, named as typed; `mine.txt/` is no file, as the shell says', () => {
      const read = readCharterFile('lnk/../mine.txt', typedPathPlace('lnk/../mine.txt', typedIn));
      expect('error' in read ? read.error : [read.label, read.body]).toEqual(['lnk/../mine.txt', 'where the link leads']);
      expect(readCharterFile('mine.txt/', typedPathPlace('mine.txt/', typedIn))).toEqual({ error: 'cannot read the file (ENOTDIR)' });
    });

    it('--out keeps its `..` read as text, as its checks walk the typed path', () => {
      expect(typedOutPlace('../out', '/home/me/docs')).toBe('/home/me/out');
      expect(typedOutPlace('/tmp/out', '/home/me/docs')).toBe('/tmp/out');
    });
  });
});

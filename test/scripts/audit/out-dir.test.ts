import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earlierRunLeftovers, prepareOutDir, refusePathsInTheWay, writtenPaths } from '../../../scripts/audit/out-dir.ts';
import { UsageError } from '../../../scripts/audit/options.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cci-out-dir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates a missing folder, nested, and leaves nothing else in it', () => {
    const dir = join(scratch, 'a', 'b', 'c');
    prepareOutDir(dir, { writer: 'audit', paths: writtenPaths({ consent: 'both', draft: true, hosts: null }) });
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing folder', () => {
    const dir = join(scratch, 'existing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.json'), '{}');
    expect(() => prepareOutDir(dir)).not.toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('never quotes or names an --out with a user name or password', () => {
    const file = join(scratch, 'user:s3cret@host');
    writeFileSync(file, '');
    expect(() => prepareOutDir(file)).toThrow(
      new UsageError(
        '--out (a text with "@", not shown: it may hold a user name or password): (a text with "@", not shown: it may hold a user name or password) is a file, not a folder',
      ),
    );
    expect(() => prepareOutDir(join(file, 'sub'))).toThrow(
      new UsageError(
        '--out (a text with "@", not shown: it may hold a user name or password): (a text with "@", not shown: it may hold a user name or password) is a file, not a folder',
      ),
    );
  });

  it('refuses a file, a path under a file, and a file where a choice folder goes', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    expect(() => prepareOutDir(file)).toThrow(new UsageError(`--out ${JSON.stringify(file)}: ${file} is a file, not a folder`));
    expect(() => prepareOutDir(join(file, 'sub'))).toThrow(
      new UsageError(`--out ${JSON.stringify(join(file, 'sub'))}: ${file} is a file, not a folder`),
    );
    const both = join(scratch, 'both');
    mkdirSync(both);
    writeFileSync(join(both, 'refuse'), '');
    expect(() => prepareOutDir(both, { writer: 'audit', paths: writtenPaths({ consent: 'both', draft: false, hosts: null }) })).toThrow(
      /refuse is a file, where the audit writes a folder/,
    );
  });

  it('refuses a FIFO where the audit or a census writes a file (a write there would wait for a reader for ever)', () => {
    const single = join(scratch, 'fifo-audit');
    mkdirSync(single);
    execFileSync('mkfifo', [join(single, 'report.md')]);
    expect(() => prepareOutDir(single, { writer: 'audit', paths: writtenPaths({ consent: 'accept', draft: false, hosts: null }) })).toThrow(
      new UsageError(
        `--out ${JSON.stringify(single)}: ${join(single, 'report.md')} is a named pipe (FIFO), where the audit writes a file: move it away, or give another --out (nothing written)`,
      ),
    );
    const census = join(scratch, 'fifo-census');
    mkdirSync(census);
    execFileSync('mkfifo', [join(census, 'census.json')]);
    expect(() =>
      prepareOutDir(census, { writer: 'census', paths: writtenPaths({ consent: 'accept', draft: false, hosts: ['a.org'] }) }),
    ).toThrow(/census\.json is a named pipe \(FIFO\), where the census writes a file/);
  });

  it('refuses a device where a file goes, and a FIFO where a folder goes', () => {
    const dir = join(scratch, 'device');
    mkdirSync(dir);
    // No device node can be made here without mknod rights: /dev/null is looked at where it is, nothing written.
    expect(() => refusePathsInTheWay('/dev', { writer: 'audit', paths: [{ path: 'null', kind: 'file' }] })).toThrow(
      /\/dev\/null is a device, where the audit writes a file/,
    );
    execFileSync('mkfifo', [join(dir, 'accept')]);
    expect(() => prepareOutDir(dir, { writer: 'audit', paths: writtenPaths({ consent: 'both', draft: false, hosts: null }) })).toThrow(
      /accept is a named pipe \(FIFO\), where the audit writes a folder/,
    );
  });

  it('names the part of a relative --out in the way as it was typed, not where it lies (README: errors name a path as typed)', () => {
    const typedIn = join(scratch, 'typed-in');
    mkdirSync(join(typedIn, 'folder'), { recursive: true });
    writeFileSync(join(typedIn, 'afile'), '');
    const refusal = (typed: string, inTheWay: string) =>
      new UsageError(`--out ${JSON.stringify(typed)}: ${inTheWay} is a file, not a folder`);
    for (const [typed, inTheWay] of [
      ['afile/sub', 'afile'],
      ['afile/sub/deeper/', 'afile'],
      ['./afile/sub', './afile'],
      ['folder/../afile/sub', 'afile'],
      ['afile//sub/./', 'afile'],
      ['../typed-in/afile/sub', '../typed-in/afile'],
    ] as const)
      expect(() => prepareOutDir(typed, null, join(typedIn, typed)), typed).toThrow(refusal(typed, inTheWay));
    // Read through a `.` or `..`, a path is named as it reads once they are taken out.
    const past = 'afile/sub/../x';
    expect(() => prepareOutDir(past, null, join(typedIn, past))).toThrow(refusal(past, 'afile'));
  });

  it('names a path it cannot look at as typed too (a link to itself: ELOOP)', () => {
    const typedIn = join(scratch, 'typed-in-loop');
    mkdirSync(typedIn);
    symlinkSync('loop', join(typedIn, 'loop'));
    expect(() => prepareOutDir('loop', null, join(typedIn, 'loop'))).toThrow(new UsageError('--out: cannot look at loop (ELOOP)'));
    expect(() => prepareOutDir('loop/sub', null, join(typedIn, 'loop/sub'))).toThrow(
      new UsageError('--out: cannot look at loop/sub (ELOOP)'),
    );
    expect(() => prepareOutDir('./loop/sub/deeper', null, join(typedIn, 'loop/sub/deeper'))).toThrow(
      new UsageError('--out: cannot look at ./loop/sub/deeper (ELOOP)'),
    );
  });

  it('names the path in the way as it quotes --out: cut before a "?" and at 200 characters, never whole', () => {
    const dir = join(scratch, 'd'.repeat(200));
    mkdirSync(dir);
    const file = join(dir, 'x?token=SECRET');
    writeFileSync(file, '');
    const cut = `${file.slice(0, 200)}…`;
    expect(() => prepareOutDir(file)).toThrow(new UsageError(`--out ${JSON.stringify(cut)}: ${cut} is a file, not a folder`));
    expect(() => prepareOutDir(join(file, 'sub'))).toThrow(new UsageError(`--out ${JSON.stringify(cut)}: ${cut} is a file, not a folder`));
    const short = join(scratch, 'y?token=SECRET');
    writeFileSync(short, '');
    const shown = `${join(scratch, 'y')}…`;
    expect(() => prepareOutDir(short)).toThrow(new UsageError(`--out ${JSON.stringify(shown)}: ${shown} is a file, not a folder`));
    expect(() => prepareOutDir(join(short, 'sub'))).toThrow(
      new UsageError(`--out ${JSON.stringify(shown)}: ${shown} is a file, not a folder`),
    );
  });
});

describe('refusePathsInTheWay', () => {
  /** An access check that refuses the paths `denied` (they lie in `place`), as EACCES does to a user not owning them. */
  const denying =
    (place: string, ...denied: string[]) =>
    (path: string): void => {
      if (denied.map((name) => join(place, name)).includes(path)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };

  it('refuses an earlier report file or folder this user cannot write, and a folder to be made in one, before the run', () => {
    const place = join(scratch, 'not-writable');
    mkdirSync(join(place, 'accept'), { recursive: true });
    writeFileSync(join(place, 'report.json'), '{}');
    const single = { writer: 'audit', paths: writtenPaths({ consent: 'accept', draft: false, hosts: null }) };
    const both = { writer: 'audit', paths: writtenPaths({ consent: 'both', draft: false, hosts: null }) };
    expect(() => refusePathsInTheWay('out', single, place, denying(place))).not.toThrow();
    expect(() => refusePathsInTheWay('out', single, place, denying(place, 'report.json'))).toThrow(
      new UsageError(
        '--out "out": out/report.json cannot be written (EACCES), where the audit writes a file: make it writable, or give another --out (nothing written)',
      ),
    );
    expect(() => refusePathsInTheWay('out', both, place, denying(place, 'accept'))).toThrow(
      /out\/accept cannot be written \(EACCES\), where the audit writes a folder/,
    );
    // A folder the merge makes under one it does not list (the copy of a portal's folder): its nearest existing parent is looked at.
    mkdirSync(join(place, 'a.org'));
    const nested = { writer: 'merge', paths: [{ path: 'a.org/accept/new', kind: 'folder' as const }] };
    expect(() => refusePathsInTheWay('out', nested, place, denying(place, 'a.org'))).toThrow(
      /out\/a\.org cannot be written \(EACCES\), where the merge writes a folder in it/,
    );
  });
});

describe('writtenPaths', () => {
  it("lists what a census with --consent both writes, each portal's folder before what it holds", () => {
    const paths = writtenPaths({ consent: 'both', draft: false, hosts: ['a.org'] }).map(
      ({ path, kind }) => `${path}${kind === 'folder' ? '/' : ''}`,
    );
    expect(paths).toEqual([
      'census.json',
      'census.md',
      'census.csv',
      'census.html',
      'a.org/',
      'a.org/audit.log',
      'a.org/accept/',
      'a.org/accept/report.json',
      'a.org/accept/report.md',
      'a.org/accept/popup.png',
      'a.org/refuse/',
      'a.org/refuse/report.json',
      'a.org/refuse/report.md',
      'a.org/refuse/popup.png',
      'a.org/comparison.md',
    ]);
  });

  it("has prepareOutDir refuse a link one level down in a portal's folder, named as typed, and take what a run wrote before", () => {
    const typedIn = join(scratch, 'written-typed-in');
    const outputs = { writer: 'census', paths: writtenPaths({ consent: 'both', draft: false, hosts: ['a.org'] }) };
    mkdirSync(join(typedIn, 'out', 'a.org', 'accept'), { recursive: true });
    for (const name of ['census.md', 'a.org/audit.log', 'a.org/accept/report.md']) writeFileSync(join(typedIn, 'out', name), 'old');
    expect(() => prepareOutDir('out', outputs, join(typedIn, 'out'))).not.toThrow();
    symlinkSync(join(typedIn, 'nowhere'), join(typedIn, 'out', 'a.org', 'refuse'));
    expect(() => prepareOutDir('out', outputs, join(typedIn, 'out'))).toThrow(
      new UsageError(
        '--out "out": out/a.org/refuse is a symbolic link, where the census writes a folder: move it away, or give another --out (nothing written)',
      ),
    );
  });
});

describe('earlierRunLeftovers', () => {
  /** A folder holding `entries` (a name ending in `/` is a folder). */
  function folderWith(name: string, entries: readonly string[]): string {
    const dir = join(scratch, name);
    mkdirSync(dir);
    for (const entry of entries) {
      if (entry.endsWith('/')) mkdirSync(join(dir, entry), { recursive: true });
      else {
        mkdirSync(dirname(join(dir, entry)), { recursive: true });
        writeFileSync(join(dir, entry), '');
      }
    }
    return dir;
  }

  it("names what a --consent both --draft run left that a --consent refuse run will not rewrite, and never the user's own files", () => {
    const dir = folderWith('after-both', [
      'accept/',
      'refuse/',
      'comparison.md',
      'charter-draft.md',
      'charter-draft.html',
      'notes.txt',
      'mine/',
    ]);
    expect(earlierRunLeftovers(dir, { consent: 'refuse', draft: false, hosts: null })).toEqual([
      'accept/',
      'charter-draft.html',
      'charter-draft.md',
      'comparison.md',
      'refuse/',
    ]);
    // What the run rewrites is no leftover.
    expect(earlierRunLeftovers(dir, { consent: 'both', draft: true, hosts: null })).toEqual([]);
  });

  it('names the report files of a single run left beside the folders of a --consent both run', () => {
    const dir = folderWith('after-one', ['report.json', 'report.md', 'popup.png']);
    expect(earlierRunLeftovers(dir, { consent: 'both', draft: false, hosts: null })).toEqual(['popup.png', 'report.json', 'report.md']);
    expect(earlierRunLeftovers(dir, { consent: 'accept', draft: false, hosts: null })).toEqual([]);
  });

  it("names a census's portal folders (those holding an audit.log) this census does not audit, and an audit's files beside them", () => {
    const dir = folderWith('after-census', [
      'a.example.org/audit.log',
      'b.example.org/audit.log',
      'b.example.org/accept/report.json',
      'b.example.org/report.json',
      'census.json',
      'comparison.md',
    ]);
    expect(earlierRunLeftovers(dir, { consent: 'both', draft: false, hosts: ['b.example.org', 'c.example.org'] })).toEqual([
      'a.example.org/',
      'b.example.org/report.json',
      'comparison.md',
    ]);
    // Within a portal audited again, what a run of the other shape left.
    expect(earlierRunLeftovers(dir, { consent: 'accept', draft: false, hosts: ['b.example.org'] })).toEqual([
      'a.example.org/',
      'b.example.org/accept/',
      'comparison.md',
    ]);
  });

  it("names a census's files and portal folders left where one portal is audited", () => {
    const dir = folderWith('census-then-one', ['a.example.org/audit.log', 'census.json', 'census.md', 'report.json']);
    expect(earlierRunLeftovers(dir, { consent: 'accept', draft: false, hosts: null })).toEqual([
      'a.example.org/',
      'census.json',
      'census.md',
    ]);
  });

  it('names nothing in a folder that does not exist yet', () => {
    expect(earlierRunLeftovers(join(scratch, 'none'), { consent: 'both', draft: false, hosts: null })).toEqual([]);
  });
});

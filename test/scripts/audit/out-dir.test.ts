import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutDir } from '../../../scripts/audit/out-dir.ts';
import { UsageError } from '../../../scripts/audit/options.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cci-out-dir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates a missing folder, nested, and leaves nothing else in it', () => {
    const dir = join(scratch, 'a', 'b', 'c');
    prepareOutDir(dir, ['accept', 'refuse']);
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
    expect(() => prepareOutDir(both, ['accept', 'refuse'])).toThrow(/refuse is a file, not a folder/);
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

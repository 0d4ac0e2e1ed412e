/** Runs scripts/audit/main.ts as a process on bad input: what is checked before anything is made, built or launched. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import { USAGE } from '../../../scripts/audit/options.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = scratchDir('audit-main');
afterAll(() => scratch.remove());

/**
 * `npm start -- args` in an empty folder, with no browser: nothing there to build from, so a
 * build would fail ("the extension build failed") and say so; nothing can be launched.
 */
function audit(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return auditTypedIn(cwd, cwd, ...args);
}

/** As `audit`, typed in `typedIn` (npm's INIT_CWD), run from `cwd` (npm runs scripts from the package root). */
function auditTypedIn(cwd: string, typedIn: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/audit/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, INIT_CWD: typedIn, CHROMIUM_PATH: '/nonexistent/chromium', FIREFOX_PATH: '/nonexistent/firefox' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('audit command on a bad census list', () => {
  it('refuses a missing list before --out is made and before any build', () => {
    const cwd = join(scratch.path, 'missing');
    mkdirSync(cwd);
    expect(audit(cwd, '--portals', 'missing.txt')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: --portals "missing.txt": cannot read the list (ENOENT)\n',
    });
    expect(audit(cwd, '--portals', 'missing.txt', '--out', 'deep/er/out').status).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  }, 30_000);

  it('refuses a list with a bad line before --out is made', () => {
    const cwd = join(scratch.path, 'bad-line');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'portals.txt'), 'data.tco.re\nhttps://-bad-.org/\n');
    expect(audit(cwd, '--portals', 'portals.txt', '--out', 'out')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: portals.txt:2: malformed URL: "https://-bad-.org/" (a label of a host name cannot start or end with a hyphen)\n',
    });
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  }, 30_000);

  it('refuses a FIFO rather than wait on it for ever', () => {
    const cwd = join(scratch.path, 'fifo');
    mkdirSync(cwd);
    execFileSync('mkfifo', [join(cwd, 'list')]);
    expect(audit(cwd, '--portals', 'list', '--out', 'out')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: --portals "list": not a regular file\n',
    });
  }, 30_000);
});

describe('audit command --help', () => {
  it('prints the usage on stdout and exits 0, before any build or folder', () => {
    const cwd = join(scratch.path, 'help');
    mkdirSync(cwd);
    expect(audit(cwd, '--help')).toEqual({ status: 0, stdout: `${USAGE}\n`, stderr: '' });
    // A build here would have failed (exit 2), and the default --out is never made.
    expect(readdirSync(cwd)).toEqual([]);
  }, 30_000);
});

describe('audit command with its output closed early (`npm start | head -2`)', () => {
  it('stops quietly at the closed output with exit 2, no stack trace: never the 1 that --strict gives findings', async () => {
    const cwd = join(scratch.path, 'closed-stdout');
    // A build newer than any source here: none is made, and the demo portal starts, logs, and the launch is awaited.
    mkdirSync(join(cwd, 'dist/chrome-audit'), { recursive: true });
    writeFileSync(join(cwd, 'dist/chrome-audit/manifest.json'), '{}');
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/audit/main.ts'), '--consent', 'accept'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', FIREFOX_PATH: '/nonexistent/firefox' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Ended at the first line it could not write: nothing after it (not the missing browser's error either).
    expect({ status, stderr }).toEqual({ status: 2, stderr: '' });
  }, 30_000);
});

describe('audit command run by npm from a subfolder (`cd docs && npm start -- --portals mylist.txt`)', () => {
  /** A package folder (empty: a build fails there) and the subfolder the command was typed in. */
  function folders(name: string): { root: string; typedIn: string } {
    const root = join(scratch.path, name);
    const typedIn = join(root, 'docs');
    mkdirSync(typedIn, { recursive: true });
    return { root, typedIn };
  }

  it('reads --portals from the folder it was typed in, and names it as typed', () => {
    const { root, typedIn } = folders('typed-portals');
    writeFileSync(join(typedIn, 'mylist.txt'), 'data.tco.re\nhttps://-bad-.org/\n');
    expect(auditTypedIn(root, typedIn, '--portals', 'mylist.txt', '--out', 'out')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: mylist.txt:2: malformed URL: "https://-bad-.org/" (a label of a host name cannot start or end with a hyphen)\n',
    });
  }, 30_000);

  it('reads --charter from the folder it was typed in', () => {
    const { root, typedIn } = folders('typed-charter');
    writeFileSync(join(typedIn, 'charter.md'), 'No table here, only words about cookies.\n');
    const { status, stderr } = auditTypedIn(root, typedIn, '--charter', 'charter.md', '--consent', 'accept');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^audit: --charter "charter\.md": (?!no such file)/);
  }, 30_000);

  it('makes --out in the folder it was typed in, never in the package folder', () => {
    const { root, typedIn } = folders('typed-out');
    writeFileSync(join(typedIn, 'mylist.txt'), 'data.tco.re\n');
    // The list is read and --out made before the build, which fails in this empty package folder.
    expect(auditTypedIn(root, typedIn, '--portals', 'mylist.txt', '--out', 'out').status).toBe(2);
    expect(existsSync(join(typedIn, 'out'))).toBe(true);
    expect(readdirSync(root)).toEqual(['docs']);
  }, 30_000);
});

describe('audit command with an --out an earlier run wrote in', () => {
  it('warns on stderr, naming the files it will not rewrite, and deletes none', () => {
    const cwd = join(scratch.path, 'reused-out');
    const out = join(cwd, 'out');
    mkdirSync(join(out, 'accept'), { recursive: true });
    mkdirSync(join(out, 'refuse'));
    writeFileSync(join(out, 'comparison.md'), '');
    writeFileSync(join(out, 'charter-draft.md'), '');
    const { status, stderr } = audit(cwd, '--consent', 'refuse', '--out', 'out');
    // The build then fails in this empty folder (exit 2): the warning came before it.
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      'audit: warning: --out "out" holds files of an earlier run that this run does not rewrite: accept/, charter-draft.md, comparison.md, refuse/ (they stay as they are: remove them, or give another --out)',
    );
    expect(readdirSync(out).sort()).toEqual(['accept', 'charter-draft.md', 'comparison.md', 'refuse']);
  }, 30_000);
});

describe('audit command with an --out that cannot be created (under /proc)', () => {
  it('refuses it in one line, at once, rather than loop for ever in a recursive mkdir', () => {
    const cwd = join(scratch.path, 'proc-out');
    mkdirSync(cwd);
    // Node's recursive mkdirSync loops at 100% CPU on procfs's ENOENT: the 20 s limit would end it (status null).
    expect(audit(cwd, '--consent', 'accept', '--out', '/proc/nope/deeper')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: --out "/proc/nope/deeper" cannot be written (ENOENT)\n',
    });
  }, 30_000);
});

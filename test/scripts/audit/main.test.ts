/** Runs scripts/audit/main.ts as a process on bad input: what is checked before anything is made, built or launched. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import { USAGE } from '../../../scripts/audit/options.ts';
import { killTree } from '../../../scripts/browsers/process-tree.ts';
import { runWithStderrClosed, runWithStdoutClosed } from '../../support/closed-output.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = scratchDir('audit-main');
afterAll(() => scratch.remove());

/**
 * A copy of the package's scripts and sources (node_modules linked) in `name`: the audit finds its
 * build from its own files, wherever it runs from, so a test gives it a package of its own. With
 * 'fresh', a build newer than every source there (none is made); with 'failing', no build and no
 * build script (a build fails at once, and says so).
 */
function packageCopy(name: string, build: 'fresh' | 'failing'): string {
  const root = join(scratch.path, name);
  for (const folder of ['scripts', 'src']) cpSync(join(ROOT, folder), join(root, folder), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  if (build === 'failing') rmSync(join(root, 'scripts/build.ts'));
  else {
    mkdirSync(join(root, 'dist/chrome-audit'), { recursive: true });
    writeFileSync(join(root, 'dist/chrome-audit/manifest.json'), '{}');
  }
  return root;
}
const UNBUILT = packageCopy('package-unbuilt', 'failing');
const BUILT = packageCopy('package-built', 'fresh');

/**
 * `npm start -- args` in a folder, with no browser, of a package with nothing to build from: a
 * build would fail ("the extension build failed") and say so; nothing can be launched.
 */
function audit(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return auditTypedIn(cwd, cwd, ...args);
}

/**
 * As `audit`, typed in `typedIn`, run by npm as a script of the package in `cwd`: npm runs it from
 * the package's root, says where it was typed in INIT_CWD and names the package in npm_package_json.
 */
function auditTypedIn(cwd: string, typedIn: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(UNBUILT, 'scripts/audit/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: {
      ...process.env,
      INIT_CWD: typedIn,
      npm_package_json: join(cwd, 'package.json'),
      CHROMIUM_PATH: '/nonexistent/chromium',
      FIREFOX_PATH: '/nonexistent/firefox',
    },
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

describe('audit command with a path it writes taken in --out', () => {
  /** The refusal of `path` (in `--out`, as typed), taken by a `kind` where the run writes an `expected`. */
  const refusal = (out: string, path: string, kind: string, expected: string, writer = 'audit') =>
    `audit: --out ${JSON.stringify(out)}: ${join(out, path)} is a ${kind}, where the ${writer} writes a ${expected}: move it away, or give another --out (nothing written)\n`;

  it('refuses a folder where a report or the draft goes, and a link where a report goes, before any build (nothing written through)', () => {
    const cwd = join(scratch.path, 'taken-out');
    for (const [folder, taken] of [
      ['a', 'report.json'],
      ['b', 'charter-draft.md'],
      ['c', join('accept', 'popup.png')],
    ] as const)
      mkdirSync(join(cwd, folder, taken), { recursive: true });
    expect(audit(cwd, '--consent', 'accept', '--out', 'a')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('a', 'report.json', 'folder', 'file'),
    });
    expect(audit(cwd, '--consent', 'accept', '--draft', '--out', 'b')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('b', 'charter-draft.md', 'folder', 'file'),
    });
    expect(audit(cwd, '--consent', 'both', '--out', 'c')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('c', join('accept', 'popup.png'), 'folder', 'file'),
    });
    mkdirSync(join(cwd, 'd'));
    writeFileSync(join(cwd, 'outside.txt'), 'precious');
    symlinkSync(join(cwd, 'outside.txt'), join(cwd, 'd', 'report.md'));
    expect(audit(cwd, '--consent', 'accept', '--out', 'd')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('d', 'report.md', 'symbolic link', 'file'),
    });
    expect(readFileSync(join(cwd, 'outside.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(join(cwd, 'd'))).toEqual(['report.md']);
  }, 60_000);

  it("refuses a census's file taken by a folder, and a file where a portal's folder goes, before any portal is audited", () => {
    const cwd = join(scratch.path, 'taken-census');
    mkdirSync(join(cwd, 'c', 'census.md'), { recursive: true });
    writeFileSync(join(cwd, 'list.txt'), 'https://data.example.org/\n');
    expect(audit(cwd, '--portals', 'list.txt', '--out', 'c')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('c', 'census.md', 'folder', 'file', 'census'),
    });
    mkdirSync(join(cwd, 'p'));
    writeFileSync(join(cwd, 'p', 'data.example.org'), '');
    expect(audit(cwd, '--portals', 'list.txt', '--out', 'p')).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal('p', 'data.example.org', 'file', 'folder', 'census'),
    });
    expect(readdirSync(join(cwd, 'p'))).toEqual(['data.example.org']);
  }, 60_000);
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
    // A package with a build newer than its sources: none is made, and the demo portal starts, logs, and the launch is awaited.
    const ended = await runWithStdoutClosed(join(BUILT, 'scripts/audit/main.ts'), ['--consent', 'accept'], {
      cwd: BUILT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', FIREFOX_PATH: '/nonexistent/firefox' },
    });
    // Ended at the first line it could not write: nothing after it (not the missing browser's error either).
    expect(ended).toEqual({ status: 2, stderr: '' });
  }, 30_000);
});

describe('audit command with its output closed before its last line (`npm start -- --help | head -0`)', () => {
  it('exits 2, not the code it was about to exit with: a failed write is heard after the last line, before the exit', async () => {
    const cwd = join(scratch.path, 'closed-last-line');
    mkdirSync(cwd);
    expect(await runWithStdoutClosed(join(ROOT, 'scripts/audit/main.ts'), ['--help'], { cwd })).toEqual({ status: 2, stderr: '' });
  }, 30_000);
});

describe('audit command with its standard error closed (`npm start -- mailto:x@y 2>&1 | true`)', () => {
  it('exits 2 as it refuses the URL, never the 1 that --strict gives findings', async () => {
    const cwd = join(scratch.path, 'closed-stderr');
    mkdirSync(cwd);
    expect(await runWithStderrClosed(join(ROOT, 'scripts/audit/main.ts'), ['mailto:x@y'], { cwd })).toBe(2);
  }, 30_000);
});

describe('audit command stopped by Ctrl-C (SIGINT) or SIGTERM', () => {
  /**
   * A Chromium that gives its version (the census asks), starts, writes its profile's cookies, and
   * never answers: the signal comes while the audit waits on it. Its pid is written to `$FAKE_PID_FILE`.
   */
  const FAKE_CHROMIUM = `#!/bin/sh
[ "$1" = --version ] && echo 'Chromium 1.0' && exit 0
for arg; do case "$arg" in --user-data-dir=*) dir="\${arg#--user-data-dir=}";; esac; done
mkdir -p "$dir/Default" && printf 'session=secret' > "$dir/Default/Cookies"
echo $$ > "$FAKE_PID_FILE"
exec sleep 60
`;

  it.each([
    ['SIGINT', 130, 'an audit', ['--consent', 'accept']],
    ['SIGTERM', 143, 'an audit', ['--consent', 'accept']],
    ['SIGINT', 130, 'a census', ['--portals', 'demo', '--jobs', '1', '--consent', 'accept']],
  ] as const)(
    'on %s ends the browser, removes its profile (cookie values and all) and exits %i, in %s',
    async (signal, code, run, args) => {
      const cwd = join(scratch.path, `signal-${signal}-${run.replace(' ', '-')}`);
      const tmp = join(cwd, 'tmp');
      mkdirSync(tmp, { recursive: true });
      const chromium = join(cwd, 'chromium');
      writeFileSync(chromium, FAKE_CHROMIUM, { mode: 0o755 });
      const pidFile = join(cwd, 'chromium.pid');
      // A package with a build newer than its sources: none is made (see the closed output's test above).
      const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(BUILT, 'scripts/audit/main.ts'), ...args], {
        cwd,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, TMPDIR: tmp, CHROMIUM_PATH: chromium, FAKE_PID_FILE: pidFile },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const closed = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
      const profiles = () => readdirSync(tmp).filter((name) => name.startsWith('cci-chromium-'));
      const cookies = () => profiles().some((name) => existsSync(join(tmp, name, 'Default/Cookies')));
      for (let waited = 0; !(cookies() && existsSync(pidFile)); waited += 100) {
        if (waited > 20_000) throw new Error(`the fake browser never started: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const browserPid = Number(readFileSync(pidFile, 'utf8'));
      child.kill(signal);
      // Bounded: a run that does not end on the signal is ended here and counted 'still running'.
      const status = await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      if (status === 'still running') for (const pid of [child.pid!, browserPid]) killTree(pid);
      // Gone, or a zombie not reaped yet (state Z): it runs no more.
      const running = (() => {
        try {
          return !/\) Z /.test(readFileSync(`/proc/${browserPid}/stat`, 'utf8'));
        } catch {
          return false;
        }
      })();
      expect({ status, stderr, profiles: profiles(), running }).toEqual({ status: code, stderr: '', profiles: [], running: false });
    },
    40_000,
  );
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

  it('reads --portals from the folder it was typed in outside the package (`npm --prefix PKG start` typed elsewhere)', () => {
    const root = join(scratch.path, 'typed-prefix', 'pkg');
    const typedIn = join(scratch.path, 'typed-prefix', 't');
    mkdirSync(root, { recursive: true });
    mkdirSync(typedIn);
    writeFileSync(join(typedIn, 'mylist.txt'), 'https://-bad-.org/\n');
    expect(auditTypedIn(root, typedIn, '--portals', 'mylist.txt', '--out', 'out')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: mylist.txt:1: malformed URL: "https://-bad-.org/" (a label of a host name cannot start or end with a hyphen)\n',
    });
  }, 30_000);

  it('reads --charter from the folder it was typed in', () => {
    const { root, typedIn } = folders('typed-charter');
    writeFileSync(join(typedIn, 'charter.md'), 'No table here, only words about cookies.\n');
    const { status, stderr } = auditTypedIn(root, typedIn, '--charter', 'charter.md', '--consent', 'accept');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^audit: --charter "charter\.md": (?!no such file)/);
  }, 30_000);

  it('names a file in the way of --out as it was typed (`afile`), not where it lies', () => {
    const { root, typedIn } = folders('typed-out-file');
    writeFileSync(join(typedIn, 'afile'), '');
    expect(auditTypedIn(root, typedIn, '--consent', 'accept', '--out', 'afile/sub')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'audit: --out "afile/sub": afile is a file, not a folder\n',
    });
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

describe('audit command run directly from a subfolder (`cd docs && npx tsx ../scripts/audit/main.ts`)', () => {
  it("finds the package's build from its own files, not from the current folder: it goes on to the launch", () => {
    const cwd = join(BUILT, 'docs');
    mkdirSync(cwd);
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['../scripts/audit/main.ts', '--consent', 'accept', '--out', 'out'], {
      cwd,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
    });
    // No build made (before: a stack, the build script not found from here), the build found: only the missing browser stops it.
    expect([result.status, result.stderr]).toEqual([
      2,
      'audit: Chromium not found at /nonexistent/chromium: install it with `apt-get install -y chromium`\n',
    ]);
    expect(existsSync(join(BUILT, 'docs/out'))).toBe(true);
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

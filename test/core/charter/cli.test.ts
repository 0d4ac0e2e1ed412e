/** Runs scripts/charter.ts as a process, the way `npm run --silent charter -- ...` does. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const REAL_CHARTER = join(ROOT, 'charters/data.tco.re.txt');
const scratch = mkdtempSync(join(tmpdir(), 'charter-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, ['scripts/charter.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratchFile(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('charter parse', () => {
  it('prints exactly one JSON object for a real charter, and nothing on stderr', () => {
    const { status, stdout, stderr } = runCli('parse', REAL_CHARTER);
    expect([status, stderr]).toEqual([0, '']);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['portal', 'language', 'entries']);
    expect(parsed.portal).toBe('data.tco.re');
    expect(parsed.language).toBe('fr');
    const entries = parsed.entries as Array<Record<string, unknown>>;
    expect(entries.map((entry) => entry.cookie)).toEqual(['sessionid', 'django_language', 'csrftoken', 'cookies_preferences']);
    expect(Object.keys(entries[0] ?? {})).toEqual(['provider', 'service', 'cookie', 'match', 'purpose', 'duration', 'category']);
    expect(entries[0]).toEqual({
      provider: 'Opendatasoft',
      service: 'Authentification (front et back office)',
      cookie: 'sessionid',
      match: 'exact',
      purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
      duration: null,
      category: 'necessary',
    });
  }, 30_000);

  it('reads a BOM + CRLF file in the new template', () => {
    const file = scratchFile('bom.txt', '\uFEFF| Supplier name | Cookie name | Duration | Function |\r\n|---|---|---|---|\r\n| Huwise | sessionid | 2 weeks by default | Keeps you signed in |\r\n');
    const { status, stdout } = runCli('parse', file);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      portal: null,
      language: 'en',
      entries: [{ provider: 'Huwise', service: null, cookie: 'sessionid', match: 'exact', purpose: 'Keeps you signed in', duration: '2 weeks by default', category: 'other' }],
    });
  }, 30_000);

  it.each([
    ['a missing file', () => join(scratch, 'missing.txt'), 'no such file'],
    ['a binary file', () => scratchFile('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 'binary data: 3 NUL bytes, not a text charter'],
    ['a text without a cookie table', () => scratchFile('prose.txt', 'Charte cookies\n\nNous utilisons des cookies.\n'), 'no cookie table: expected a header row'],
    ['a directory', () => scratch, 'is a directory, not a charter file'],
  ])('fails on %s: one stderr line naming the file, nothing on stdout, exit 1', (_case, makeFile, reason) => {
    const file = makeFile();
    const { status, stdout, stderr } = runCli('parse', file);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith(`charter: ${file}: ${reason}`)).toBe(true);
  }, 30_000);
});

describe('charter usage', () => {
  it.each([[[]], [['frobnicate', REAL_CHARTER]], [['parse']], [['parse', REAL_CHARTER, REAL_CHARTER]], [['check']]])(
    'prints usage on stderr and exits 2 for %j',
    (args) => {
      const { status, stdout, stderr } = runCli(...args);
      expect([status, stdout]).toEqual([2, '']);
      expect(stderr.split('\n')[0]).toBe('usage: npm run --silent charter -- parse FILE');
    },
    30_000,
  );
});

describe('charter check', () => {
  it('summarises each file and exits 1 when one of them failed', () => {
    const missing = join(scratch, 'missing.txt');
    const { status, stdout, stderr } = runCli('check', REAL_CHARTER, missing);
    expect([status, stderr]).toEqual([1, '']);
    expect(stdout).toBe(
      [
        REAL_CHARTER,
        '  title:    Charte cookies',
        '  portal:   data.tco.re',
        '  language: fr',
        '  table at line 25: tab-separated, provider / service / cookie / purpose: 4 entries',
        '  entries:  4 (necessary 4)',
        '  unread rows: none',
        '',
        missing,
        '  FAILED: no such file',
        '',
        '2 files checked, 1 failed',
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('lists unread rows with line numbers and exits 0 when every file gave entries', () => {
    const file = scratchFile('partial.txt', 'Provider\tCookie name\tPurpose\nGoogle\t_ga\tStats\nHotjar\t\tHeatmaps\n');
    const { status, stdout } = runCli('check', file);
    expect(status).toBe(0);
    expect(stdout).toContain('  unread rows: 1\n    line 3: empty cookie name cell\n');
    expect(stdout.endsWith('1 file checked, 0 failed\n')).toBe(true);
  }, 30_000);
});

/** Runs scripts/charter/main.ts as a process, the way `npm run --silent charter -- ...` does. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCharterCli, USAGE, type CliIo } from '../../../scripts/charter/cli.ts';
import { fetchLiveCharter, type FetchLike } from '../../../src/core/charter/live.ts';
import { pageFailureText } from '../../../src/core/charter/live-problem.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';
import { runWithStderrClosed, runWithStdoutClosed } from '../../support/closed-output.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const REAL_CHARTER = join(ROOT, 'charters/data.tco.re.txt');
const scratch = mkdtempSync(join(tmpdir(), 'charter-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, ['scripts/charter/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
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
    const file = scratchFile(
      'bom.txt',
      '\uFEFF| Supplier name | Cookie name | Duration | Function |\r\n|---|---|---|---|\r\n| Huwise | sessionid | 2 weeks by default | Keeps you signed in |\r\n',
    );
    const { status, stdout } = runCli('parse', file);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      portal: null,
      language: 'en',
      entries: [
        {
          provider: 'Huwise',
          service: null,
          cookie: 'sessionid',
          match: 'exact',
          purpose: 'Keeps you signed in',
          duration: '2 weeks by default',
          category: 'other',
        },
      ],
    });
  }, 30_000);

  it.each([
    ['a missing file', () => join(scratch, 'missing.txt'), 'no such file'],
    [
      'a binary file',
      () => scratchFile('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      'binary data: 3 NUL bytes, not a text charter',
    ],
    [
      'a text without a cookie table',
      () => scratchFile('prose.txt', 'Charte cookies\n\nNous utilisons des cookies.\n'),
      'no cookie table: expected a header row',
    ],
    ['a directory', () => scratch, 'is a directory, not a charter file'],
    ['a device', () => '/dev/null', 'not a regular file'],
    ['a file over 2 MB', () => scratchFile('huge.txt', 'x'.repeat(2_000_001)), '2,000,001 bytes, over the limit of 2,000,000: not read'],
    [
      'a binary file named .html',
      () => scratchFile('image.html', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      'binary data: 3 NUL bytes, not a text charter',
    ],
    [
      'an http:// URL',
      () => 'http://data.example.org/terms/cookies-policy/',
      'only https:// URLs are read: a charter fetched over plain http could be forged on the way',
    ],
    ['another scheme', () => 'ftp://data.example.org/charter.txt', 'only https:// URLs are read, not ftp:'],
    ['a broken URL', () => 'https://exa mple.org/', 'not a valid URL'],
  ])(
    'fails on %s: one stderr line naming the file, nothing on stdout, exit 1',
    (_case, makeFile, reason) => {
      const file = makeFile();
      const { status, stdout, stderr } = runCli('parse', file);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.endsWith('\n')).toBe(true);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.startsWith(`charter: ${file}: ${reason}`)).toBe(true);
    },
    30_000,
  );
});

describe('charter parse and text on a saved HTML page', () => {
  it('reads the page as the extension reads a live one', () => {
    const file = scratchFile('charte.html', charterPage('demo.opendatasoft.com', DEMO_CHARTER));
    const parsed = runCli('parse', file);
    expect([parsed.status, parsed.stderr]).toEqual([0, '']);
    const charter = JSON.parse(parsed.stdout) as { portal: string; entries: Array<{ cookie: string; category: string }> };
    expect(charter.portal).toBe('demo.opendatasoft.com');
    expect(charter.entries.find((entry) => entry.cookie === 'sessionid')?.category).toBe('necessary');
    const text = runCli('text', file);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Huwise\tsessionid\t');
    expect(text.stdout).not.toMatch(/<(?:td|tr|table|script|p)\b/);
  }, 30_000);
});

describe('charter text on a hostile page', () => {
  it('prints the layout safe for a terminal, as parse and check do: no escape sequence, bidi controls shown', () => {
    // Written as character references: the page's own bytes hold no control character.
    const cell = 'x&#27;]0;pwned&#7;&#27;[2J&#27;[31m&#x202e;gpj';
    const page = charterPage('demo.opendatasoft.com', DEMO_CHARTER).replace('sessionid', `sessionid${cell}`);
    const text = runCli('text', scratchFile('hostile.html', page));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Huwise\tsessionidx<U+202E>gpj\t');
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  }, 30_000);
});

describe('charter text on a page where the parser reads no table', () => {
  it('prints the text it reads all the same, exit 0: what an author needs to see', async () => {
    const html =
      '<!doctype html><html><body><h1>Politique cookies</h1><table><tr><th>Qui</th><th>Nom</th><th>Pourquoi</th></tr><tr><td>Huwise</td><td>sessionid</td><td>Session</td></tr></table></body></html>';
    const file = scratchFile('no-table.html', html);
    const text = await runInProcess(['text', file], noNetwork);
    expect([text.status, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toContain('Politique cookies');
    expect(text.stdout).toContain('Huwise\tsessionid\tSession');
    expect(text.stdout).not.toMatch(/<(?:td|tr|table|h1)\b/);
    // parse still fails on it, as before.
    expect((await runInProcess(['parse', file], noNetwork)).status).toBe(1);
    const plain = await runInProcess(['text', scratchFile('no-table.txt', 'Nos cookies\nsessionid: la session\n')], noNetwork);
    expect(plain).toEqual({ status: 0, stdout: 'Nos cookies\nsessionid: la session\n', stderr: '' });
  });

  it('still fails on a page that is no text', async () => {
    const empty = await runInProcess(['text', scratchFile('empty.html', '<!doctype html><html><body></body></html>')], noNetwork);
    expect([empty.status, empty.stdout]).toEqual([1, '']);
    const binary = await runInProcess(['text', scratchFile('binary.txt', new Uint8Array([0, 1, 2, 0, 0, 3]))], noNetwork);
    expect([binary.status, binary.stdout]).toEqual([1, '']);
  });
});

describe("charter text keeps a file's lines as check counts them", () => {
  const charter = [
    '# Charte cookies',
    '',
    '## Cookies strictement nécessaires',
    '',
    '| Fournisseur | Service | Cookie | Finalité |',
    '| --- | --- | --- | --- |',
    '| Opendatasoft | Plateforme | sessionid | Session |',
    '',
  ];

  it.each([
    ['a lone CR (old Mac files)', '\r'],
    ['CRLF', '\r\n'],
    ['NEL', '\u0085'],
    ['the line separator U+2028', '\u2028'],
    ['the paragraph separator U+2029', '\u2029'],
  ])('ended by %s: the table at the line check names, no line ending in a space', async (_, end) => {
    const file = scratchFile('line-ends.md', charter.join(end));
    const checked = await runInProcess(['check', file], noNetwork);
    expect(checked.stdout).toContain('  table at line 5: markdown pipes');
    const text = await runInProcess(['text', file], noNetwork);
    expect(text).toEqual({ status: 0, stdout: charter.join('\n'), stderr: '' });
  });

  it('an escape sequence left open never takes the lines after it out of the count', async () => {
    // An OSC string runs to its BEL, or to the next escape: across lines, it took them with it.
    const file = scratchFile('open-escape.md', ['Intro \u001b]0;title', '', ...charter.slice(2)].join('\n'));
    const checked = await runInProcess(['check', file], noNetwork);
    expect(checked.stdout).toContain('  table at line 5: markdown pipes');
    const text = await runInProcess(['text', file], noNetwork);
    expect(text.stdout.split('\n')[4]).toBe('| Fournisseur | Service | Cookie | Finalité |');
    expect(text.stdout).not.toContain('\u001b');
  });
});

describe('charter check calls a page HTML as the parser does', () => {
  const table =
    '<table><tr><th>Fournisseur</th><th>Nom du cookie</th><th>Finalité</th></tr><tr><td>Huwise</td><td>sessionid</td><td>Session</td></tr></table>';
  it.each([
    ['<meta charset="utf-8">', 'meta.txt'],
    ['  <title>Cookies</title>', 'title.txt'],
    ['<!doctype html>', 'doctype.txt'],
  ])('notes a file starting with %j as an HTML page', async (start, name) => {
    const file = scratchFile(name, `${start}\n${table}\n`);
    const { status, stdout } = await runInProcess(['check', file], noNetwork);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`${file}: HTML page, line numbers count the lines of its text (see \`charter text\`)`);
  });

  it('notes a page served as text starting with <title> as HTML', async () => {
    const URL = 'https://demo.opendatasoft.com/terms/cookies-policy/';
    const fetch: FetchLike = async () =>
      new Response(`<title>Cookies</title>\n${table}`, { status: 200, headers: { 'content-type': 'text/plain' } });
    const { status, stdout } = await runInProcess(['check', URL], fetch);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`${URL}: HTML page, line numbers count the lines of its text (see \`charter text\`)`);
  });
});

describe('charter usage', () => {
  const noNetwork: FetchLike = async () => {
    throw new Error('no network in this test');
  };

  it.each([
    [[], 'no command: give parse, check or text'],
    [['frobnicate', REAL_CHARTER], 'unknown command "frobnicate" (parse, check or text)'],
    [['parse'], 'parse takes one INPUT, not 0'],
    [['parse', REAL_CHARTER, REAL_CHARTER], 'parse takes one INPUT, not 2'],
    [['text', 'a', 'b'], 'text takes one INPUT, not 2'],
    [['check'], 'check takes one INPUT or more'],
    [[`${'x'.repeat(1000)}\u001b[31m`], `unknown command "${'x'.repeat(200)}…" (parse, check or text)`],
  ])('says why on one line, then the usage, on stderr, and exits 2 for %j', async (args, reason) => {
    const { status, stdout, stderr } = await runInProcess(args, noNetwork);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr.split('\n').slice(0, 2)).toEqual([`charter: ${reason}`, 'usage: npm run --silent charter -- parse INPUT']);
  });

  it.each([[['--help']], [['-h']], [['parse', '--help']]])('prints the usage on stdout and exits 0 for %j', async (args) => {
    const { status, stdout, stderr } = await runInProcess(args, noNetwork);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`${USAGE}\n`);
  });

  it('exits 0 on --help as a process too', () => {
    const { status, stdout } = runCli('--help');
    expect([status, stdout]).toEqual([0, `${USAGE}\n`]);
  }, 30_000);

  it('reads a file that exists as a file, even when its name starts like a URL (`notes:v2.txt`)', () => {
    const dir = join(scratch, 'named-like-a-url');
    mkdirSync(dir);
    copyFileSync(REAL_CHARTER, join(dir, 'notes:v2.txt'));
    const result = spawnSync(TSX, [join(ROOT, 'scripts/charter/main.ts'), 'check', 'notes:v2.txt', 'notes:v3.txt'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('notes:v2.txt');
    expect(result.stdout.split('\n')[1]).not.toContain('FAILED');
    // One that does not exist is still read as the URL it looks like.
    expect(result.stdout).toContain('notes:v3.txt\n  FAILED: only https:// URLs are read, not notes:');
    expect(result.stdout).toContain('2 inputs checked, 1 failed');
  }, 30_000);

  // npm runs the script from the package's root and says where the command was typed in INIT_CWD,
  // naming the package in npm_package_json: `cd docs && npm run --silent charter -- check mine.txt`.
  const typedIn = (folder: string, ...args: string[]) =>
    spawnSync(TSX, ['scripts/charter/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, INIT_CWD: folder, npm_package_json: join(ROOT, 'package.json') },
    });

  it('reads a relative INPUT from the folder the command was typed in, as the audit reads --charter, naming it as typed', () => {
    const docs = join(scratch, 'typed-in');
    mkdirSync(docs);
    copyFileSync(REAL_CHARTER, join(docs, 'mine.txt'));
    copyFileSync(REAL_CHARTER, join(docs, 'notes:v2.txt'));
    const checked = typedIn(docs, 'check', 'mine.txt', 'notes:v2.txt', 'missing.txt');
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(/^mine\.txt\n {2}title: {4}Charte cookies\n/);
    expect(checked.stdout).toContain('\n\nnotes:v2.txt\n  title:    Charte cookies\n');
    expect(checked.stdout).toContain('\n\nmissing.txt\n  FAILED: no such file\n');
    expect(checked.stdout).toContain('3 inputs checked, 1 failed');
    const parsed = typedIn(docs, 'parse', 'mine.txt');
    expect([parsed.status, parsed.stderr]).toEqual([0, '']);
    expect((JSON.parse(parsed.stdout) as { portal: string }).portal).toBe('data.tco.re');
    expect(typedIn(docs, 'text', 'notes:v2.txt').stdout).toContain('sessionid');
    // Not found where it was typed: said of the path as typed, never of the package's root.
    const missing = typedIn(docs, 'parse', 'missing.txt');
    expect([missing.status, missing.stderr]).toEqual([1, 'charter: missing.txt: no such file\n']);
  }, 60_000);
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
        '2 inputs checked, 1 failed',
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('reports an input it cannot read as any other, in its place on stdout (README), and counts inputs, not files', async () => {
    const missing = join(scratch, 'missing.txt');
    const { status, stdout, stderr } = await runInProcess(['check', missing, 'http://data.tco.re/terms/cookies-policy/'], noNetwork);
    expect([status, stderr]).toEqual([1, '']);
    expect(stdout).toBe(
      [
        missing,
        '  FAILED: no such file',
        '',
        'http://data.tco.re/terms/cookies-policy/',
        '  FAILED: only https:// URLs are read: a charter fetched over plain http could be forged on the way',
        '',
        '2 inputs checked, 2 failed',
        '',
      ].join('\n'),
    );
  });

  it('lists unread rows with line numbers and exits 0 when every file gave entries', () => {
    const file = scratchFile('partial.txt', 'Provider\tCookie name\tPurpose\nGoogle\t_ga\tStats\nHotjar\t\tHeatmaps\n');
    const { status, stdout } = runCli('check', file);
    expect(status).toBe(0);
    expect(stdout).toContain('  unread rows: 1\n    line 3: empty cookie name cell\n');
    expect(stdout.endsWith('1 input checked, 0 failed\n')).toBe(true);
  }, 30_000);

  it('reports a row with an empty name cell in the new template’s pipe layout, never silently', () => {
    const file = scratchFile(
      'new-template.txt',
      [
        '**Strictly necessary cookies:** These cookies keep the portal working.',
        '| Supplier name | Cookie name | Duration | Function | ',
        '|---|---|---|---| ',
        '| Huwise | sessionid | 2 weeks by default | Keeps you signed in | ',
        '| Huwise |  | 6 months | Something | ',
      ].join('\n'),
    );
    const { status, stdout } = runCli('check', file);
    expect(status).toBe(0);
    expect(stdout).toContain('  entries:  1 (necessary 1)\n  unread rows: 1\n    line 5: empty cookie name cell\n');
  }, 30_000);
});

/** The CLI in-process, with a fake network: what it prints and returns. */
/** A fetch for inputs that are files: never called. */
const noNetwork: FetchLike = async () => {
  throw new Error('no network in this test');
};

async function runInProcess(args: string[], fetch: FetchLike): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), fetch };
  const status = await runCharterCli(args, io);
  return { status, stdout, stderr };
}

describe('charter with its standard output closed (`charter text big.md | head -1`)', () => {
  /** A charter of 3,000 rows: its output far past what a pipe holds, so a write meets the closed pipe. */
  const bigCharter = () =>
    scratchFile(
      'big.md',
      [
        '# Charte cookies',
        '',
        '## Cookies strictement nécessaires',
        '',
        '| Fournisseur | Service | Cookie | Finalité |',
        '| --- | --- | --- | --- |',
        ...Array.from({ length: 3000 }, (_, row) => `| Opendatasoft | Plateforme | cookie${row} | Session |`),
        '',
      ].join('\n'),
    );

  it.each(['text', 'parse', 'check'])(
    '%s stops quietly with exit 2, no stack trace: never the 1 that says an input could not be read',
    async (command) => {
      expect(await runWithStdoutClosed(join(ROOT, 'scripts/charter/main.ts'), [command, bigCharter()], { cwd: ROOT })).toEqual({
        status: 2,
        stderr: '',
      });
    },
    30_000,
  );

  it('stops so when its standard error is closed as it says why (`charter bogus 2>&1 | true`): 2, never the 1 of an unread input', async () => {
    expect(await runWithStderrClosed(join(ROOT, 'scripts/charter/main.ts'), ['bogus'], { cwd: ROOT })).toBe(2);
  }, 30_000);

  it('stops so when a reader closes the pipe after its first line (`| head -1`)', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"$0" scripts/charter/main.ts text "$1" | head -1; echo "status \${PIPESTATUS[0]}"`, TSX, bigCharter()],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect([result.stdout, result.stderr]).toEqual(['# Charte cookies\nstatus 2\n', '']);
  }, 30_000);
});

describe('charter on a saved page in another encoding than UTF-8 (review of 2026-12-06)', () => {
  // The demo charter's page saved as windows-1252, as its <meta charset> says: its accented headings
  // and purposes ("Durée", "Finalité") one byte each; its dashes and curly apostrophes as ASCII.
  const page = charterPage('demo.opendatasoft.com', DEMO_CHARTER)
    .replace(/[—…’]/g, '-')
    .replace(/<head>/i, '<head><meta charset="windows-1252">');
  const bytes = Uint8Array.from(page, (char) => char.charCodeAt(0));

  it('reads a saved .html or .htm page in the encoding it declares, as the extension reads it live', async () => {
    const served: FetchLike = async () => new Response(bytes, { headers: { 'content-type': 'text/html' } });
    const live = await runInProcess(['parse', 'https://demo.opendatasoft.com/terms/cookies-policy/'], served);
    expect([live.status, live.stderr]).toEqual([0, '']);
    for (const name of ['charte-1252.html', 'charte-1252.htm']) {
      const saved = await runInProcess(['parse', scratchFile(name, bytes)], noNetwork);
      expect([saved.status, saved.stderr], name).toEqual([0, '']);
      expect(JSON.parse(saved.stdout), name).toEqual(JSON.parse(live.stdout));
      const checked = await runInProcess(['check', scratchFile(name, bytes)], noNetwork);
      expect(checked.stdout, name).not.toContain('FAILED');
      expect(checked.stdout, name).toMatch(/entries: +7 /);
    }
  });

  it('still reads a text charter file as UTF-8, whatever it holds', async () => {
    const text = 'Nom du prestataire\tNom du cookie\tDurée\tFinalité\nHuwise\tsessionid\t2 semaines\tSession « sécurisée »';
    const saved = await runInProcess(['parse', scratchFile('charte.txt', new TextEncoder().encode(text))], noNetwork);
    expect([saved.status, saved.stderr]).toEqual([0, '']);
    expect((JSON.parse(saved.stdout) as { entries: Array<{ purpose: string }> }).entries[0]?.purpose).toBe('Session « sécurisée »');
  });
});

describe('charter on a text charter saved as Latin-1 (review of 2026-12-06)', () => {
  /** A UTF-8 text as an editor saving in Latin-1 writes it: a byte a character. */
  const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

  it('says of each real charter that fails that it is not valid UTF-8, as --charter does, not that it has no cookie table', async () => {
    const charters = [
      'anglet-opendatapaysbasque.opendatasoft.com',
      'data.nantesmetropole.fr',
      'data.tco.re',
      'data.toulouse-metropole.fr',
      'itie.opendatasoft.com',
    ];
    for (const host of charters) {
      const file = scratchFile(`${host}-latin1.txt`, latin1(readFileSync(join(ROOT, 'charters', `${host}.txt`), 'utf8')));
      const check = await runInProcess(['check', file], noNetwork);
      expect(check.status, host).toBe(1);
      expect(check.stdout, host).toContain(
        'FAILED: not valid UTF-8 (as a charter saved as Latin-1 or Windows-1252 is): save the charter as UTF-8',
      );
      expect(check.stdout, host).not.toContain('no cookie table');
      const parse = await runInProcess(['parse', file], noNetwork);
      expect([parse.status, parse.stderr], host).toEqual([
        1,
        `charter: ${file}: not valid UTF-8 (as a charter saved as Latin-1 or Windows-1252 is): save the charter as UTF-8\n`,
      ]);
    }
  });

  it('warns on stderr when such a file reads all the same, its bad bytes read as U+FFFD', async () => {
    const file = scratchFile(
      'english-latin1.md',
      latin1(
        "| Supplier name | Cookie name | Duration | Function |\n|---|---|---|---|\n| Matomo | _pk_id.* | 13 mois | Mesure d'audience anonymisée |\n",
      ),
    );
    const warning = `charter: ${file}: warning: not valid UTF-8 (as a charter saved as Latin-1 or Windows-1252 is): save the charter as UTF-8; the characters that could not be decoded read as U+FFFD\n`;
    for (const command of ['parse', 'check', 'text']) {
      const run = await runInProcess([command, file], noNetwork);
      expect([run.status, run.stderr], command).toEqual([0, warning]);
    }
    expect((await runInProcess(['parse', file], noNetwork)).stdout).toContain('anonymis\uFFFDe');
  });
});

describe('charter on an https:// URL', () => {
  const URL = 'https://demo.opendatasoft.com/terms/cookies-policy/';
  const page = charterPage('demo.opendatasoft.com', DEMO_CHARTER);
  const serving = (
    body: string,
    init: ResponseInit = { status: 200, headers: { 'content-type': 'text/html' } },
    finalUrl?: string,
  ): FetchLike & { calls: RequestInit[] } => {
    const calls: RequestInit[] = [];
    const fetch = async (_url: string, request: RequestInit) => {
      calls.push(request);
      const response = new Response(body, init);
      if (finalUrl) Object.defineProperty(response, 'url', { value: finalUrl });
      return response;
    };
    return Object.assign(fetch, { calls });
  };

  it('says an empty page is empty, as the extension says it, never "the file is empty" (review of 2026-12-06)', async () => {
    for (const [body, type] of [
      ['   ', 'text/html'],
      ['', 'text/plain'],
      ['\uFEFF', 'text/html'],
    ] as const) {
      for (const command of ['check', 'parse', 'text']) {
        const { status, stdout, stderr } = await runInProcess(
          [command, URL],
          serving(body, { status: 200, headers: { 'content-type': type } }),
        );
        const said = `${command} ${JSON.stringify(body)}`;
        expect(status, said).toBe(1);
        expect(stdout + stderr, said).toContain('the page is empty');
        expect(stdout + stderr, said).not.toContain('the file is empty');
      }
    }
  });

  it('says a page of markup alone has no cookie table, as the extension says it, not that it has no text (re-review of 2026-12-06)', async () => {
    for (const body of ['<html><body></body></html>', '<html><body><div id="app"></div><script>boot()</script></body></html>']) {
      const live = await fetchLiveCharter('demo.opendatasoft.com', async (url) =>
        url === URL ? new Response(body, { headers: { 'content-type': 'text/html' } }) : new Response('', { status: 404 }),
      );
      expect(live.problem, body).toEqual({ kind: 'no-table', path: '/terms/cookies-policy/' });
      const checked = await runInProcess(['check', URL], serving(body));
      expect(checked.status, body).toBe(1);
      expect(checked.stdout, body).toContain(`  FAILED: ${pageFailureText({ kind: 'no-table' })}\n`);
      const parsed = await runInProcess(['parse', URL], serving(body));
      expect(parsed.stderr, body).toBe(`charter: ${URL}: ${pageFailureText({ kind: 'no-table' })}\n`);
      // A saved page is read as the same page live.
      const saved = await runInProcess(['check', scratchFile('markup-only.html', body)], noNetwork);
      expect(saved.stdout, body).toContain(`  FAILED: ${pageFailureText({ kind: 'no-table' })}\n`);
    }
    // A saved page with nothing in it is not said to hold no table.
    const empty = await runInProcess(['check', scratchFile('empty.html', ' \n')], noNetwork);
    expect(empty.stdout).toContain('FAILED: the file is empty\n');
  });

  it('fetches the live page anonymously and reads it', async () => {
    const fetch = serving(page);
    const { status, stdout, stderr } = await runInProcess(['parse', URL], fetch);
    expect([status, stderr]).toEqual([0, '']);
    expect((JSON.parse(stdout) as { portal: string }).portal).toBe('demo.opendatasoft.com');
    expect(fetch.calls[0]).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'follow' });
  });

  it('refuses a URL with a user name or password, naming it without them, before anything is fetched', async () => {
    // Review: `check https://user:S3CRET@…` said "network error" (fetch refuses such a URL) and printed the password.
    const CREDENTIALS_REFUSED =
      'a user name or password in the URL is never sent (a charter page is read anonymously): give the URL without them';
    for (const withCredentials of [
      'https://user:S3CRET@demo.opendatasoft.com/terms/cookies-policy/',
      'https://:S3CRET@demo.opendatasoft.com/terms/cookies-policy/',
      'https://S3CRET@demo.opendatasoft.com/terms/cookies-policy/',
    ]) {
      const fetch = serving(page);
      const parsed = await runInProcess(['parse', withCredentials], fetch);
      expect([parsed.status, parsed.stdout, parsed.stderr]).toEqual([1, '', `charter: ${URL}: ${CREDENTIALS_REFUSED}\n`]);
      const text = await runInProcess(['text', withCredentials], fetch);
      expect([text.status, text.stdout, text.stderr]).toEqual([1, '', `charter: ${URL}: ${CREDENTIALS_REFUSED}\n`]);
      const checked = await runInProcess(['check', withCredentials], fetch);
      expect([checked.status, checked.stderr]).toEqual([1, '']);
      expect(checked.stdout).toBe(`${URL}\n  FAILED: ${CREDENTIALS_REFUSED}\n\n1 input checked, 1 failed\n`);
      expect(fetch.calls).toEqual([]);
    }
    // One the URL parser cannot read is not named at all: what it holds cannot be told apart.
    const broken = await runInProcess(['parse', 'https://user:S3CRET@exa mple.org/'], serving(page));
    expect(broken.stderr).toBe('charter: (a URL with "@", not shown: it may hold a user name or password): not a valid URL\n');
    // Re-review: an `@` after a `#` or `?` the password holds unencoded, and a URL given with no command.
    for (const input of ['https://bob:abc#123@data.example.org/charter', 'https://bob:pa?ss@data.example.org/charter']) {
      const unread = await runInProcess(['parse', input], serving(page));
      expect(unread.stderr).toBe('charter: (a URL with "@", not shown: it may hold a user name or password): not a valid URL\n');
    }
    // One the parser reads as host "bob" and port 123 (the rest a fragment): refused, never fetched nor named.
    const fetch = serving(page);
    const read = await runInProcess(['check', 'https://bob:123#45@data.example.org/c'], fetch);
    expect(read.stdout).not.toContain('bob');
    expect(read.stdout).toContain(`FAILED: ${CREDENTIALS_REFUSED}`);
    expect(fetch.calls).toEqual([]);
    const noCommand = await runInProcess(['https://bob:S3CRET@data.example.org/charter'], serving(page));
    expect(noCommand.stderr).toContain('charter: unknown command "https://data.example.org/charter" (parse, check or text)\n');
    expect(noCommand.stderr).not.toContain('S3CRET');
    // Read as a file name (no scheme), and no such file: not named either.
    const asFile = await runInProcess(['check', '//bob:s3cret@data.example.org/c'], serving(page));
    expect(asFile.stdout).not.toContain('s3cret');
    for (const input of ['b:pw@host.org', '1bob:pw@host.org']) {
      const noScheme = await runInProcess(['check', input], serving(page));
      expect(noScheme.stdout).not.toContain('pw');
    }
    // A file name with an `@`, no address: named.
    const missing = await runInProcess(['check', 'site@2024.md'], serving(page));
    expect(missing.stdout.split('\n')[0]).toBe('site@2024.md');
  });

  it('checks it, naming the page it was read from', async () => {
    const { status, stdout } = await runInProcess(
      ['check', URL],
      serving(page, undefined, 'https://demo.opendatasoft.com/fr/terms/cookies-policy/'),
    );
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `${URL} (read from https://demo.opendatasoft.com/fr/terms/cookies-policy/): HTML page, line numbers count the lines of its text (see \`charter text\`)`,
    );
  });

  it('does not call a text/plain charter an HTML page', async () => {
    const { status, stdout } = await runInProcess(
      ['check', URL],
      serving(readFileSync(REAL_CHARTER, 'utf8'), { status: 200, headers: { 'content-type': 'text/plain' } }),
    );
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(URL);
  });

  it.each([
    ['a 404', serving('Not found', { status: 404 }), 'HTTP 404'],
    [
      'a redirect to plain http',
      serving(page, undefined, 'http://demo.opendatasoft.com/terms/cookies-policy/'),
      'redirected to http://demo.opendatasoft.com, not https',
    ],
    ['a page over 2 MB', serving('x'.repeat(2_000_001)), 'page larger than 2,000,000 bytes'],
    [
      'no connection',
      async () => {
        throw new TypeError('fetch failed');
      },
      'network error (offline, or the site cannot be reached)',
    ],
    ['a page without a charter', serving('<p>Bienvenue</p>'), 'no cookie table: expected a header row'],
  ])('fails on %s with one line', async (_case, fetch, reason) => {
    const { status, stdout, stderr } = await runInProcess(['parse', URL], fetch);
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith(`charter: ${URL}: ${reason}`)).toBe(true);
  });

  it('refuses an unknown option as wrong usage', async () => {
    const { status, stderr } = await runInProcess(['parse', '--strict', URL], serving(page));
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^charter: Unknown option '--strict'/);
  });
});

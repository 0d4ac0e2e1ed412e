/**
 * The audit command itself, run as a user runs it (`npm start --` = `tsx scripts/audit/main.ts`),
 * in both browsers against the demo portal, and with the bad inputs it must refuse.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report.ts';
import { errorRow, type CensusDocument, type CensusRow } from '../../scripts/census/census-report.ts';
import { censusHtml } from '../../scripts/census/census-output.ts';
import { checkCensus } from '../../scripts/census/census-check.ts';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';
import type { BrowserUnderTest } from '../../scripts/browsers/browser-under-test.ts';
import { launchChromium } from '../../scripts/browsers/chromium.ts';
import { launchFirefox } from '../../scripts/browsers/firefox.ts';
import { parseCharter, readCharterPage } from '../../src/core/charter/index.ts';
import { draftCharter, draftHtml, draftMarkdown } from '../../src/core/draft/index.ts';
import { startPortalServer } from '../../scripts/demo-portal/server.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cci-audit-'));
const aFile = join(scratch, 'a-file');
writeFileSync(aFile, '');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Outcome = { code: number | null; stdout: string; stderr: string };

function audit(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return command('scripts/audit/main.ts', args, env);
}

/** Runs a command of scripts/ as npm runs it (tsx), and resolves to its exit code and output. */
function command(script: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `server` on a free loopback port; resolves to the port. */
const listening = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;
const findingKeys = (report: Report) => report.findings.map((f) => `${f.kind} ${f.cookie}`);
/** The demo's draft as README shows it: made from the demo's audit kept in test/support/demo-audit. */
const fixtureDraft = (language?: 'fr' | 'en') =>
  draftCharter(
    (['accept', 'refuse'] as const).map((choice) => readReport(`test/support/demo-audit/${choice}.report.json`)),
    language ? { language } : {},
  );
/** What a charter cannot fix: the cookies the charter forgets, lifetimes longer than it states. */
const charterFindings = (report: Report) => findingKeys(report).filter((key) => /^(undeclared|lifetime) /.test(key));

describe('audit command', () => {
  it('audits the demo portal in Chromium after "accept", writes its files, and exits 1 with --strict', async () => {
    const out = join(scratch, 'chromium');
    const { code, stdout, stderr } = await audit(['--browser', 'chromium', '--consent', 'accept', '--out', out, '--strict']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    for (const step of [
      'demo portal demo.opendatasoft.com',
      'launching chromium',
      'visiting http://demo.opendatasoft.com/',
      'consent: clicked "tout accepter"',
      'collecting the report',
    ]) {
      expect(stdout).toContain(step);
    }
    expect(stdout).toMatch(/done: [1-9]\d* finding\(s\) \(--strict: exit 1\)\n/);
    expect(stdout).toMatch(/Cookie\s+Provider\s+Service\s+Purpose\s+Status\s+Phase/);
    expect(stdout).toMatch(/_pk_id\.1\.a1b2\s+Matomo\s+.*declared\s+after-accept/);

    const report = readReport(join(out, 'report.json'));
    expect(report).toMatchObject({ version: 1, host: 'demo.opendatasoft.com', consent: { state: 'accepted' }, charter: { kind: 'live' } });
    expect(findingKeys(report)).toEqual(
      expect.arrayContaining(['before-consent _hjSessionUser_1234', 'undeclared _hjSessionUser_1234', 'lifetime _pk_id.1.a1b2']),
    );
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('# Cookie report: demo\\.opendatasoft\\.com');
    expect(readFileSync(join(out, 'popup.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toMatch(/fixture-session-|fixture-csrf-/);
  });

  it('runs accept and refuse in two fresh Firefox profiles, compares them, and exits 1 with --strict', async () => {
    const out = join(scratch, 'firefox');
    const { code, stdout, stderr } = await audit(['--browser', 'firefox', '--consent', 'both', '--out', out, '--strict']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/done: [1-9]\d* finding\(s\) \(--strict: exit 1\)\n/);
    const accept = readReport(join(out, 'accept', 'report.json'));
    const refuse = readReport(join(out, 'refuse', 'report.json'));
    expect(accept.consent.state).toBe('accepted');
    expect(refuse.consent.state).toBe('refused');
    // A fresh profile: the refuse run never saw Matomo, so it is not carried over from the accept run.
    expect(refuse.cookies.map((c) => c.name)).not.toContain('_pk_id.1.a1b2');
    // The widget answers to no switch of the banner, but it is a statistics tool (Hotjar): set before
    // the choice, and kept while every switch is off, against that refusal.
    expect(findingKeys(refuse)).toContain('before-consent _hjSessionUser_1234');
    expect(findingKeys(refuse)).toContain('after-refusal _hjSessionUser_1234');
    expect(existsSync(join(out, 'refuse', 'popup.png'))).toBe(true);
    const comparison = readFileSync(join(out, 'comparison.md'), 'utf8');
    expect(comparison).toContain('Cookies only after accepting: \\_ga, \\_pk\\_id\\.1\\.a1b2, \\_pk\\_ses\\.1\\.a1b2');
    expect(comparison).toContain('Cookies set or kept against the refusal: \\_hjSessionUser\\_1234');
    expect(stdout).toContain('# Accept and refuse compared');
  }, 120_000);

  // Each browser drafts in one language and is served one of the draft's two files (Firefox's HTML
  // case is the English page below): the language and the file's format are handled by Node and by
  // the core's pure code, the same whatever the browser.
  it.each([
    { browser: 'chromium', lang: [], language: 'fr', served: 'charter-draft.html' },
    { browser: 'firefox', lang: ['--lang', 'en'], language: 'en', served: 'charter-draft.md' },
  ] as const)(
    'drafts a corrected charter ($language) from both runs in $browser; served as $served, the demo has nothing undeclared and no lifetime too long',
    async ({ browser, lang, language, served }) => {
      const first = join(scratch, `draft-${browser}`);
      const drafted = await audit(['--browser', browser, '--consent', 'both', '--draft', ...lang, '--out', first]);
      expect(drafted.stderr).toBe('');
      // Findings, but no --strict: exit 0.
      expect(drafted.code).toBe(0);
      expect(drafted.stdout).toMatch(/done: [1-9]\d* finding\(s\)\n/);
      expect(drafted.stdout).toContain(`launching ${browser} with the extension (consent: refuse`);
      expect(drafted.stdout).toContain(
        `wrote ${first}/charter-draft.md and ${first}/charter-draft.html: charter draft (${language}): 8 entries`,
      );
      const comparison = readFileSync(join(first, 'comparison.md'), 'utf8');
      expect(comparison).toContain('Cookies only after accepting: \\_ga, \\_pk\\_id\\.1\\.a1b2, \\_pk\\_ses\\.1\\.a1b2');
      expect(comparison).toContain('Cookies set or kept against the refusal: \\_hjSessionUser\\_1234');
      // The demo's two-year `_ga` lives 400 days (both browsers' cap): more than its charter's "13 mois" can hold (397 days).
      expect(charterFindings(readReport(join(first, 'accept', 'report.json')))).toEqual([
        'undeclared _hjSessionUser_1234',
        'lifetime _ga',
        'lifetime _pk_id.1.a1b2',
      ]);
      const markdown = readFileSync(join(first, 'charter-draft.md'), 'utf8');
      const entries = parseCharter(markdown).entries;
      expect(readCharterPage(readFileSync(join(first, 'charter-draft.html'), 'utf8'), 'text/html').entries).toEqual(entries);
      // A fresh audit of the demo drafts what README shows (made from the audit kept in test/support/demo-audit).
      expect(entries).toEqual(fixtureDraft(language).rows.map((row) => row.entry));
      expect(markdown).not.toMatch(/fixture-session-|fixture-csrf-|GA1\.2\./);

      const second = join(scratch, `redrafted-${browser}`);
      const again = await audit(['--browser', browser, '--consent', 'both', '--charter', join(first, served), '--out', second]);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`launching ${browser} with the extension (consent: accept`);
      expect(again.stdout).toContain(`demo portal's charter page serves ${first}/${served}`);
      const accept = readReport(join(second, 'accept', 'report.json'));
      const refuse = readReport(join(second, 'refuse', 'report.json'));
      expect(accept.charter).toMatchObject({ kind: 'live', language, entries: entries.length });
      expect([...charterFindings(accept), ...charterFindings(refuse)]).toEqual([]);
      // A charter cannot fix consent: the widget still sets its cookie before the choice.
      expect(findingKeys(accept)).toContain('before-consent _hjSessionUser_1234');
      expect(findingKeys(refuse)).toContain('before-consent _hjSessionUser_1234');
    },
    240_000,
  );

  it('audits the demo in Firefox against the HTML draft README shows, in English: nothing undeclared, no lifetime too long', async () => {
    const page = join(scratch, 'charter-draft-en.html');
    writeFileSync(page, draftHtml(fixtureDraft('en')));
    const out = join(scratch, 'firefox-redrafted');
    const { code, stderr } = await audit(['--browser', 'firefox', '--consent', 'accept', '--charter', page, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = readReport(join(out, 'report.json'));
    expect(report.charter).toMatchObject({ kind: 'live', language: 'en', entries: 8 });
    expect(charterFindings(report)).toEqual([]);
    expect(findingKeys(report)).toContain('before-consent _hjSessionUser_1234');
  }, 120_000);

  it('audits the demo in Chromium against the Markdown draft README shows, in French: nothing undeclared, no lifetime too long', async () => {
    const file = join(scratch, 'charter-draft-fr.md');
    writeFileSync(file, draftMarkdown(fixtureDraft('fr')));
    // The file given, as the extension's parser reads it: the draft's entries, every one.
    const entries = parseCharter(readFileSync(file, 'utf8')).entries;
    expect(entries).toEqual(fixtureDraft('fr').rows.map((row) => row.entry));
    const out = join(scratch, 'chromium-redrafted-md');
    const { code, stdout, stderr } = await audit(['--browser', 'chromium', '--consent', 'accept', '--charter', file, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`demo portal's charter page serves ${file}`);
    const report = readReport(join(out, 'report.json'));
    expect(report.charter).toMatchObject({ kind: 'live', language: 'fr', entries: entries.length });
    expect(charterFindings(report)).toEqual([]);
    expect(findingKeys(report)).toContain('before-consent _hjSessionUser_1234');
  }, 120_000);

  // One choice: one run, its files straight in DIR (no folder per choice, no comparison), and only
  // --pages pages, the catalogue second (README, "Pages visited").
  it.each([
    { browser: 'chromium', consent: 'none', pages: 1, state: 'none', visited: '/' },
    { browser: 'firefox', consent: 'refuse', pages: 2, state: 'refused', visited: '/ /explore/' },
  ] as const)(
    'makes one run with --consent $consent in $browser, visiting --pages $pages page(s)',
    async (row) => {
      const out = join(scratch, `one-choice-${row.consent}`);
      const { code, stdout, stderr } = await audit([
        '--browser',
        row.browser,
        '--consent',
        row.consent,
        '--pages',
        `${row.pages}`,
        '--out',
        out,
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`launching ${row.browser} with the extension (consent: ${row.consent},`);
      expect(stdout.match(/launching /g)).toHaveLength(1);
      expect(stdout).toContain(`visited ${row.pages} page(s): ${row.visited}\n`);
      for (const file of ['report.json', 'report.md', 'popup.png']) expect(existsSync(join(out, file)), file).toBe(true);
      for (const other of ['accept', 'refuse', 'comparison.md']) expect(existsSync(join(out, other)), other).toBe(false);
      const report = readReport(join(out, 'report.json'));
      expect(report.consent.state).toBe(row.state);
      for (const cookie of report.cookies) expect(row.visited.split(' '), cookie.name).toContain(cookie.firstPage);
      if (row.consent === 'none') {
        // No click: every cookie is set before a choice, and the consent cookie, which only a choice writes, is no "not seen".
        expect(stdout).not.toContain('consent: choosing');
        expect(report.cookies.map((c) => c.firstPhase)).toEqual(report.cookies.map(() => 'before-choice'));
        expect(findingKeys(report)).toContain('before-consent _hjSessionUser_1234');
        expect(findingKeys(report)).not.toContain('not-seen cookies_preferences');
      } else {
        expect(stdout).toContain('consent: clicked "tout refuser"');
        expect(findingKeys(report)).toContain('after-refusal _hjSessionUser_1234');
      }
    },
    120_000,
  );

  it.each([
    [['--charter', aFile], /^audit: --charter ".*a-file": the file is empty\n$/],
    [['ht!tp://x'], /^audit: malformed URL: "ht!tp:\/\/x" \(no valid host name\)\n$/],
    [['https://exa mple.org/'], /^audit: malformed URL: "https:\/\/exa mple.org\/" \(no valid host name\)\n$/],
    [['ftp://data.tco.re/'], /^audit: malformed URL: .*only http and https/],
    [['--colour', 'red'], /^audit: unknown option --colour \(see --help\)\n$/],
    [['--consent', 'maybe'], /^audit: --consent must be one of accept, refuse, none, both, not "maybe"\n$/],
    [['--browser'], /^audit: --browser needs a value: chromium, firefox\n$/],
    [['--strict=false'], /^audit: --strict takes no value \(got "--strict=false"\): give --strict, or leave it out\n$/],
    // Checked before any build or browser: the run would only fail at its very end.
    [['--out', aFile], /^audit: --out ".*a-file": .*a-file is a file, not a folder\n$/],
    [['--consent', 'none', '--out', join(aFile, 'sub')], /^audit: --out ".*sub": .*a-file is a file, not a folder\n$/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const { code, stderr, stdout } = await audit(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('says when a host cannot be reached, after a bounded wait', async () => {
    // Firefox grants the extension access to the site first; `.invalid` never resolves, anywhere.
    const { code, stderr } = await audit([
      'https://unreachable.invalid/',
      '--browser',
      'firefox',
      '--consent',
      'none',
      '--out',
      join(scratch, 'unreachable'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^audit: cannot reach https:\/\/unreachable\.invalid\/: \S/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says when a page shows no consent banner button, without failing --strict on that alone (Firefox)', async () => {
    // A page with no consent banner: the demo server's not-found page, on a loopback address
    // (the audit reaches any site; no demo portal is started for a URL given). A portal whose
    // cookies need no consent shows none: said, and judged by its findings alone.
    const server = await startPortalServer(0);
    try {
      const out = join(scratch, 'no-banner');
      const url = `http://127.0.0.1:${server.port}/terms/cookies-information`;
      const { code, stdout, stderr } = await audit([
        url,
        '--browser',
        'firefox',
        '--consent',
        'refuse',
        '--pages',
        '1',
        '--strict',
        '--out',
        out,
      ]);
      expect(stderr).toBe('');
      expect(stdout).toContain('consent: no consent banner button found on the page');
      expect(stdout).toMatch(/warning: the refuse run found no consent banner button \(consent "\w+"\): nothing was refused; /);
      expect(readReport(join(out, 'report.json')).findings).toEqual([]);
      expect(stdout).toMatch(/done: 0 finding\(s\), 1 run\(s\) without the choice asked\n/);
      expect(code).toBe(0);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('fails, with one line and exit 2, a start URL that redirects to another host (Chromium)', async () => {
    // The review's case: localhost redirects to 127.0.0.1, which sets trackers; the report of the
    // host typed held nothing, and --strict passed with 0 cookies.
    const landing = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['_ga=GA1.1.1.1; Max-Age=3600; Path=/'] });
      response.end(
        '<!doctype html><title>Portail</title><p>Bonjour</p><div id="cookie-banner"><p>Nous utilisons des cookies.</p><button>Tout refuser</button></div>',
      );
    });
    const landingPort = await listening(landing);
    // At once (302), or 2 s after loading (a meta refresh, within the banner wait: the re-review's case).
    const old = createServer((request, response) =>
      request.url === '/meta'
        ? response
            .writeHead(200, { 'content-type': 'text/html' })
            .end(`<!doctype html><meta http-equiv="refresh" content="2;url=http://127.0.0.1:${landingPort}/"><p>Ce portail a déménagé.</p>`)
        : response.writeHead(302, { location: `http://127.0.0.1:${landingPort}/` }).end(),
    );
    const oldPort = await listening(old);
    try {
      for (const path of ['/', '/meta']) {
        const args = [
          `localhost:${oldPort}${path}`,
          '--consent',
          'refuse',
          '--pages',
          '1',
          '--strict',
          '--out',
          join(scratch, 'redirected'),
        ];
        const { code, stdout, stderr } = await audit(args);
        expect(stderr, path).toBe(
          `audit: http://localhost:${oldPort}${path} redirected to http://127.0.0.1:${landingPort}/, another host: audit 127.0.0.1 instead\n`,
        );
        expect(stdout, path).not.toContain('consent: clicked');
        expect(code, path).toBe(2);
      }
    } finally {
      landing.close();
      old.close();
    }
  }, 120_000);

  it('refuses in a banner drawn 1.5 s after the page loaded, and finds the tracker that ignores it (Chromium)', async () => {
    // The review's case: the banner came after the cookie events settled, no button was found, and
    // a tracker started against the refusal made no finding (Matomo here, ?ignore=matomo: on a
    // loopback address the demo's Google Analytics writes no cookie).
    const server = await startPortalServer(0);
    try {
      const url = `http://127.0.0.1:${server.port}/?ignore=matomo&banner-after=1500`;
      const out = join(scratch, 'late-banner');
      const { code, stdout, stderr } = await audit([url, '--consent', 'refuse', '--pages', '1', '--strict', '--out', out]);
      expect(stderr).toBe('');
      expect(stdout).toContain('consent: clicked "tout refuser"');
      const report = readReport(join(out, 'report.json'));
      expect(report.consent.state).toBe('refused');
      expect(findingKeys(report)).toContain('after-refusal _pk_id.1.a1b2');
      expect(code).toBe(1);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('fails --strict on a site that records "accept all" itself, no banner shown, in a refuse run (Chromium)', async () => {
    // The review's case: consent read "accepted", the trackers ran, and only a warning was said.
    const server = await startPortalServer(0);
    try {
      const url = `http://127.0.0.1:${server.port}/?accept-on-load`;
      const { code, stdout, stderr } = await audit([
        url,
        '--consent',
        'refuse',
        '--pages',
        '1',
        '--strict',
        '--out',
        join(scratch, 'own-choice'),
      ]);
      expect(stderr).toBe('');
      expect(stdout).toContain(
        'warning: the refuse run found no consent banner button, yet the site recorded consent "accepted", not "refused": a choice the visitor never made',
      );
      expect(stdout).toMatch(/done: \d+ finding\(s\), 1 run\(s\) without the choice asked \(--strict: exit 1\)\n/);
      expect(code).toBe(1);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('audits any site in headless Chromium too: its audit build has access to every site', async () => {
    // Before issue 15, Chromium stopped here: it cannot answer the prompt that grants access to a site.
    const { code, stderr } = await audit(['https://unreachable.invalid/', '--consent', 'none', '--out', join(scratch, 'no-access')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^audit: cannot reach https:\/\/unreachable\.invalid\/: \S/);
  });

  it.each([
    ['chromium', 'CHROMIUM_PATH', '/nonexistent/chromium', 'Chromium', 'chromium'],
    ['firefox', 'FIREFOX_PATH', '/nonexistent/firefox-esr', 'Firefox ESR', 'firefox-esr'],
  ])('says how to install a missing browser: %s', async (browser, variable, path, name, apt) => {
    const out = join(scratch, `missing-${browser}`);
    const { code, stderr } = await audit(['--browser', browser, '--out', out], { [variable]: path });
    expect(code).toBe(2);
    expect(stderr).toBe(`audit: ${name} not found at ${path}: install it with \`apt-get install -y ${apt}\`\n`);
  });
});

/** A portal's rows as the census compares them: which portal, and what was found. */
const portalsAndFindings = (census: CensusDocument) =>
  census.portals.map(({ position, host, error, cookies, findings }) => ({ position, host, error, cookies, findings }));

/** The demo census's portals, in list order. */
const DEMO_CENSUS = [
  'data.propre.opendatasoft.com',
  'data.pistage.opendatasoft.com',
  'data.formulaire.opendatasoft.com',
  'data.commentaires.opendatasoft.com',
  'data.carte.opendatasoft.com',
  'data.tco.re',
];

/** census.html's header, left to right (census-output.ts): the buttons that sort its table. */
const CENSUS_HTML_HEADER = [
  '#',
  'Portal',
  'Charter',
  'Lines not read',
  'Consent',
  'Cookies',
  'Findings',
  'High',
  'Medium',
  'Low',
  'Report',
  'Error',
];
const headerButton = (title: string) => `th:nth-child(${CENSUS_HTML_HEADER.indexOf(title) + 1}) button`;

/** The hosts of census rows, ordered by a count, descending with -1; ties stay in the order given (the page's sort is stable). */
const hostsBy = (rows: readonly CensusRow[], count: (row: CensusRow) => number, direction: 1 | -1) =>
  [...rows].sort((a, b) => direction * (count(a) - count(b))).map((row) => row.host);

/**
 * Opens census.html in a real browser (no extension page: a file, as a person opens it) and sorts it
 * as a person does, by click and by keyboard: the rows' order, and aria-sort on the sorted header only.
 * Then the same page made from the census with two rows more: a portal with two-digit counts (sorted
 * as numbers, not as text) and one whose audit failed (errorRow: its empty cells last, either way).
 */
async function checkCensusSorting(launch: () => Promise<BrowserUnderTest>, dir: string): Promise<void> {
  const census = JSON.parse(readFileSync(join(dir, 'census.json'), 'utf8')) as CensusDocument;
  const withEdges: CensusDocument = {
    ...census,
    portals: [
      errorRow(0, new URL('https://unreachable.invalid/'), new Error('cannot reach https://unreachable.invalid/'), null),
      ...census.portals.map((row) => ({ ...row, position: row.position + 1 })),
      {
        ...census.portals[0]!,
        position: census.portals.length + 1,
        url: 'https://data.example.org/',
        host: 'data.example.org',
        cookies: 12,
      },
    ],
  };
  const edgesFile = join(scratch, `census-edges-${census.run.browser}.html`);
  writeFileSync(edgesFile, censusHtml(withEdges));

  const browser = await launch();
  try {
    const page = await browser.newPage();
    const hosts = () => page.texts('tbody td:nth-child(2)');
    const sortedBy = (title: string | null, direction: 'ascending' | 'descending' = 'ascending') =>
      CENSUS_HTML_HEADER.map((other) => (other === title ? direction : ''));
    const cookies = (row: CensusRow) => row.cookies!;
    await page.goto(pathToFileURL(join(dir, 'census.html')).href);
    expect(await page.texts('th')).toEqual(CENSUS_HTML_HEADER);
    expect(await hosts()).toEqual(census.portals.map((row) => row.host));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy(null));
    // Not the list's order already: the click must move rows.
    expect(hostsBy(census.portals, cookies, 1)).not.toEqual(census.portals.map((row) => row.host));

    await page.click(headerButton('Cookies'));
    expect(await hosts()).toEqual(hostsBy(census.portals, cookies, 1));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy('Cookies'));
    await page.click(headerButton('Cookies'));
    expect(await hosts()).toEqual(hostsBy(census.portals, cookies, -1));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy('Cookies', 'descending'));

    await page.click(headerButton('Portal'));
    const byHost = [...census.portals].sort((a, b) => (a.host < b.host ? -1 : 1));
    expect(await hosts()).toEqual(byHost.map((row) => row.host));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy('Portal'));

    // By keyboard, on the header's button: Enter sorts, Space sorts the other way (ties: by host, as shown before).
    const findings = (row: CensusRow) => row.findings!.total;
    await page.press(headerButton('Findings'), 'Enter');
    expect(await hosts()).toEqual(hostsBy(byHost, findings, 1));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy('Findings'));
    await page.press(headerButton('Findings'), ' ');
    expect(await hosts()).toEqual(hostsBy(byHost, findings, -1));
    expect(await page.attributes('th', 'aria-sort')).toEqual(sortedBy('Findings', 'descending'));

    // 12 after 6 (as text, "12" comes before "4"); the failed portal's empty counts last, ascending and descending.
    await page.goto(pathToFileURL(edgesFile).href);
    const audited = withEdges.portals.filter((row) => row.error === null);
    await page.click(headerButton('Cookies'));
    expect(await hosts()).toEqual([...hostsBy(audited, cookies, 1), 'unreachable.invalid']);
    expect((await hosts()).at(-2)).toBe('data.example.org');
    await page.click(headerButton('Cookies'));
    expect(await hosts()).toEqual([...hostsBy(audited, cookies, -1), 'unreachable.invalid']);
    // A text column too: the failed portal has no charter.
    await page.click(headerButton('Charter'));
    expect((await hosts()).at(-1)).toBe('unreachable.invalid');
    await page.close();
  } finally {
    await browser.close();
  }
}

describe('census', () => {
  // Lean: one choice, three pages (start, catalogue, a dataset's map tab), six demo portals.
  const lean = ['--portals', 'demo', '--consent', 'refuse', '--pages', '3'];

  it('audits the demo portals two at once (exit 1 with --strict), and the same list in two shards merged gives the same census', async () => {
    const whole = join(scratch, 'census');
    const run = await audit([...lean, '--jobs', '2', '--strict', '--out', whole]);
    expect(run.stderr).toBe('');
    // Portals have findings: 1 with --strict (the shards below, without it, exit 0).
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/, [1-9] with findings \(--strict: exit 1\)\n/);
    // Not a terminal: one plain line per portal (in the singular for one: whichever portal ends last may have one finding).
    expect(run.stdout).toMatch(/ 6\/6 \S+: \d+ cookies?, \d+ findings?/);
    const census = JSON.parse(readFileSync(join(whole, 'census.json'), 'utf8')) as CensusDocument;
    expect(census.portals.map((row) => row.host)).toEqual(DEMO_CENSUS);
    expect(census.portals.every((row) => row.error === null)).toBe(true);
    // data.propre's banner has switches and "Sauvegarder mes choix" alone (the guide's): the refusal is made there too.
    expect(census.portals.map((row) => row.consent)).toEqual(census.portals.map(() => ({ refuse: 'refused' })));
    const findings = Object.fromEntries(census.portals.map((row) => [row.host, row.findings!.bySeverity.high]));
    // Disqus's cookies come after the refusal, which no switch of the banner speaks for: no high finding.
    expect(findings).toMatchObject({ 'data.pistage.opendatasoft.com': 2, 'data.commentaires.opendatasoft.com': 0 });
    // Every demo charter is read whole: 0 lines not read (null would say no live charter was read).
    expect(census.portals.find((row) => row.host === 'data.tco.re')!.charter).toEqual({ kind: 'live', changed: true, unread: 0 });
    expect(census.portals.map((row) => row.charter.unread)).toEqual(DEMO_CENSUS.map(() => 0));
    for (const file of ['census.md', 'census.csv', 'census.html']) expect(existsSync(join(whole, file)), file).toBe(true);
    await checkCensusSorting(() => launchChromium(), whole);

    // The map-only cookie: found by the multi-page visit, on the dataset's map tab.
    const carte = readReport(join(whole, 'data.carte.opendatasoft.com', 'report.json'));
    expect(carte.cookies.find((c) => c.name === 'AWSALBCORS')).toMatchObject({
      domain: 'tiles.example.net',
      firstPage: '/explore/dataset/stations-velos/map/',
      thirdParty: { via: 'response' },
    });
    // The embed's third-party cookie: attributed to its portal, and not taken as refused by the banner's switches.
    const comments = readReport(join(whole, 'data.commentaires.opendatasoft.com', 'report.json'));
    expect(comments.cookies.find((c) => c.name === 'disqus_unique')).toMatchObject({
      domain: '.disqus.com',
      thirdParty: { via: 'response' },
    });
    expect(findingKeys(comments)).toContain('undeclared testCookie');
    expect(findingKeys(comments)).not.toContain('after-refusal disqus_unique');

    const [first, second] = await Promise.all(
      [1, 2].map((index) => audit([...lean, '--jobs', '1', '--shard', `${index}/2`, '--out', join(scratch, `shard-${index}`)])),
    );
    expect([first!.code, second!.code]).toEqual([0, 0]);
    const merged = join(scratch, 'merged');
    const merge = await command('scripts/census/main.ts', ['--out', merged, join(scratch, 'shard-2'), join(scratch, 'shard-1')]);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    const mergedCensus = JSON.parse(readFileSync(join(merged, 'census.json'), 'utf8')) as CensusDocument;
    expect(portalsAndFindings(mergedCensus)).toEqual(portalsAndFindings(census));
    expect(existsSync(join(merged, 'data.carte.opendatasoft.com', 'report.json'))).toBe(true);
  }, 240_000);

  it('runs in Firefox too, at its smallest: the demo census in two shards at once, one page each, merged as one census', async () => {
    // The two shards start at once: built first, or each would build into the same dist/.
    buildIfNeeded('firefox', () => {});
    const smallest = ['--portals', 'demo', '--browser', 'firefox', '--consent', 'refuse', '--pages', '1', '--jobs', '1'];
    const shards = [1, 2].map((index) => join(scratch, `firefox-shard-${index}`));
    const runs = await Promise.all(shards.map((out, i) => audit([...smallest, '--shard', `${i + 1}/2`, '--out', out])));
    for (const [i, run] of runs.entries()) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`census of 3 portal(s) (shard ${i + 1}/2) from demo, 1 at once, firefox Mozilla Firefox`);
      expect(run.stdout).toMatch(/ 3\/3 \S+: \d+ cookies?, \d+ findings?/);
    }
    const merged = join(scratch, 'census-firefox');
    // Given out of order: the merge puts the rows back in list order.
    const merge = await command('scripts/census/main.ts', ['--out', merged, shards[1]!, shards[0]!]);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain(`merged 2 shard(s), 6 portal(s), into ${merged}/census.json`);
    // Every field checked, as census:merge checks a shard.
    const census = checkCensus(JSON.parse(readFileSync(join(merged, 'census.json'), 'utf8')), 'census.json');
    expect(census.run).toMatchObject({ browser: 'firefox', consent: 'refuse', pages: 1 });
    expect(census.shard).toBeNull();
    expect(census.list.size).toBe(6);
    expect(census.portals.map(({ position, host, error, consent }) => ({ position, host, error, consent }))).toEqual(
      DEMO_CENSUS.map((host, position) => ({ position, host, error: null, consent: { refuse: 'refused' } })),
    );
    // High findings on the start page: Google Analytics (data.pistage) and the widget (data.tco.re), each set before
    // the choice and kept after the refusal; Disqus and the basemap are on dataset pages, which one page does not reach.
    expect(census.portals.map((row) => row.findings!.bySeverity.high)).toEqual([0, 2, 0, 0, 0, 2]);
    expect(census.portals[5]!.charter).toEqual({ kind: 'live', changed: true, unread: 0 });
    for (const file of ['census.md', 'census.html', ...DEMO_CENSUS.map((host) => `${host}/report.json`)]) {
      expect(existsSync(join(merged, file)), file).toBe(true);
    }
    await checkCensusSorting(() => launchFirefox(), merged);
    const csvHosts = readFileSync(join(merged, 'census.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[2]);
    expect(csvHosts).toEqual(DEMO_CENSUS);
  }, 180_000);

  it('refuses a list with a bad line, and a shard given twice, with one line and exit 2', async () => {
    const list = join(scratch, 'portals.txt');
    writeFileSync(list, '# two portals\ndata.tco.re\nnot a host!\n');
    const bad = await audit(['--portals', list, '--out', join(scratch, 'bad-list')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`audit: ${list}:3: malformed URL: "not a host!" (no valid host name)\n`);
    const shard = join(scratch, 'a-shard');
    mkdirSync(shard, { recursive: true });
    const tool = { version: '0.1.0', registry: 'c'.repeat(64) };
    const run = { tool, browser: 'chromium', browserVersion: 'Chromium', cookiePolicy: 'x', consent: 'refuse', pages: 1 };
    const document = {
      version: 1,
      generatedAt: '',
      run,
      list: { sha256: 'a'.repeat(64), size: 2 },
      shard: { index: 1, count: 2 },
      portals: [],
    };
    writeFileSync(join(shard, 'census.json'), JSON.stringify(document));
    const twice = await command('scripts/census/main.ts', ['--out', join(scratch, 'twice'), shard, shard]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^census:merge: shard 1\/2 given twice: /);
  });
});

import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingBrowserError, scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import { parseAuditArgs, UsageError } from '../../../scripts/audit/options.ts';
import { AuditError, type RunOptions } from '../../../scripts/audit/run.ts';
import { censusTool, MAX_LIST_BYTES, readPortalList, runCensus, type CensusDeps } from '../../../scripts/census/run-census.ts';
import { censusExitCode, type CensusDocument, type CensusRow } from '../../../scripts/census/census-report.ts';
import { checkCensus } from '../../../scripts/census/census-check.ts';
import type { ConsentState } from '../../../src/core/consent/index.ts';
import { report, reportCookie } from '../../support/reports.ts';
import { finding } from './census-fixtures.ts';

const scratch = scratchDir('run-census');
afterAll(() => scratch.remove());

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A census run with a fake audit: each host's run takes the time, and ends as, `behaviour` says;
 * with `choose`, each run makes its choice and cannot load the pages `choose` names for it; with
 * `records`, it clicks a button (none with `unclicked`) and records that consent state, whatever the choice.
 */
function setup(
  behaviour: Record<
    string,
    {
      ms?: number;
      fail?: Error;
      hang?: boolean;
      choose?: { accept: string[]; refuse: string[] };
      records?: ConsentState;
      unclicked?: boolean;
    }
  > = {},
) {
  const calls: RunOptions[] = [];
  const printed: string[] = [];
  const done: CensusRow[] = [];
  let demoClosed = false;
  const deps: CensusDeps = {
    audit: async (options) => {
      calls.push(options);
      const host = options.url.hostname;
      const plan = behaviour[host] ?? {};
      if (plan.hang) {
        await new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error)));
      }
      await tick(plan.ms ?? 1);
      if (plan.fail) throw plan.fail;
      options.log(`visited ${host}`);
      if (plan.records) {
        // A banner button clicked, and another choice than the one asked recorded.
        const consent = { state: plan.records, changedAt: 2, trackers: {} };
        return { report: report([], { host, consent }), pages: ['/'], notLoaded: [], clicked: plan.unclicked ? null : 'Tout accepter' };
      }
      const findings = options.consent === 'refuse' ? [finding('after-refusal', '_ga', 'high', host)] : [];
      const cookies = [reportCookie({ name: 'sessionid', domain: host })];
      if (!plan.choose) return { report: report(cookies, { host, findings }), pages: ['/', '/explore/'], notLoaded: [], clicked: null };
      const state = options.consent === 'accept' ? 'accepted' : 'refused';
      const notLoaded = options.consent === 'accept' ? plan.choose.accept : plan.choose.refuse;
      // What the catalogue sets, when it loads.
      if (!notLoaded.includes('/explore/'))
        cookies.push(
          reportCookie({
            name: 'catalogue_pref',
            domain: host,
            firstPage: '/explore/',
            // Set after the choice: the catalogue is visited after the banner is clicked.
            firstPhase: options.consent === 'accept' ? 'after-accept' : 'after-refuse',
          }),
        );
      const consent = { state, changedAt: 2, trackers: {} } as const;
      return { report: report(cookies, { host, findings, consent }), pages: ['/', '/explore/'], notLoaded, clicked: 'tout refuser' };
    },
    launch: async () => {
      throw new Error('the fake audit launches nothing');
    },
    browser: () => ({ version: 'Chromium 156', cookiePolicy: 'third-party cookies allowed' }),
    startDemo: async () => ({ port: 1, hosts: [], close: async () => void (demoClosed = true) }),
    progress: () => ({ done: (row) => void done.push(row), stop: () => undefined }),
    print: (text) => void printed.push(text),
  };
  return { deps, calls, printed, done, demoClosed: () => demoClosed };
}

const options = (args: string[], out: string) => {
  const parsed = parseAuditArgs([...args, '--out', join(scratch.path, out)], 2);
  return { ...parsed, portals: parsed.portals! };
};
/** The demo census's list, as the fake audit knows it. */
const DEMO_LIST = 'data.tco.re\nitie.opendatasoft.com\ndata.nantesmetropole.fr';
/** A census of the list `args` name (`--portals demo`: DEMO_LIST), read as main.ts reads it, then run. */
const runOn = (args: string[], out: string, deps: CensusDeps) => {
  const parsed = options(args, out);
  return runCensus(parsed, readPortalList(parsed.portals, DEMO_LIST), deps);
};
const census = (out: string) => JSON.parse(readFileSync(join(scratch.path, out, 'census.json'), 'utf8')) as CensusDocument;
const withoutTime = (document: CensusDocument) => ({ ...document, generatedAt: '' });

describe('a census run', () => {
  it('audits every portal in fresh runs, `jobs` at once, and writes rows in list order whatever finished first', async () => {
    const { deps, calls, done, demoClosed } = setup({ 'data.tco.re': { ms: 30 } });
    expect(await runOn(['--portals', 'demo', '--consent', 'both', '--jobs', '2'], 'both', deps)).toBe(0);
    expect(calls.map((c) => `${c.url.hostname} ${c.consent}`)).toEqual(
      expect.arrayContaining([
        'data.tco.re accept',
        'data.tco.re refuse',
        'itie.opendatasoft.com accept',
        'data.nantesmetropole.fr refuse',
      ]),
    );
    expect(calls.every((c) => c.pages === 5 && c.target === 'chrome' && c.signal instanceof AbortSignal)).toBe(true);
    expect(done[0]!.host).not.toBe('data.tco.re');
    const document = census('both');
    expect(document.portals.map((row) => row.host)).toEqual(['data.tco.re', 'itie.opendatasoft.com', 'data.nantesmetropole.fr']);
    expect(document.portals[0]).toMatchObject({ consent: { accept: 'none', refuse: 'none' }, cookies: 1, findings: { total: 1 } });
    expect(document.run).toEqual({
      tool: censusTool(),
      browser: 'chromium',
      browserVersion: 'Chromium 156',
      cookiePolicy: 'third-party cookies allowed',
      consent: 'both',
      pages: 5,
    });
    expect(document.shard).toBeNull();
    // What audited: the package's version, and the registry its build bundles.
    expect(document.run.tool.version).toBe(
      (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    );
    expect(document.run.tool.registry).toMatch(/^[0-9a-f]{64}$/);
    for (const file of ['census.md', 'census.csv', 'census.html', 'data.tco.re/comparison.md'])
      expect(existsSync(join(scratch.path, 'both', file)), file).toBe(true);
    // The fake's runs made no choice: comparison.md says why they cannot be compared, as the panel would.
    const comparison = readFileSync(join(scratch.path, 'both', 'data.tco.re', 'comparison.md'), 'utf8');
    expect(comparison).toContain('# Accept and refuse not compared');
    expect(comparison).toContain('- The refuse run: none (no choice was recorded: no consent banner button was found');
    expect(readFileSync(join(scratch.path, 'both', 'data.tco.re', 'audit.log'), 'utf8')).toContain('visited data.tco.re');
    expect(calls.find((c) => c.consent === 'refuse')!.outDir).toMatch(/refuse$/);
    expect(demoClosed()).toBe(true);
  });

  it('compares the runs of a portal, saying which pages only one of them loaded', async () => {
    const { deps } = setup({ 'data.tco.re': { choose: { accept: [], refuse: ['/explore/'] } } });
    await runOn(['--portals', 'demo', '--consent', 'both'], 'pages', deps);
    const comparison = readFileSync(join(scratch.path, 'pages', 'data.tco.re', 'comparison.md'), 'utf8');
    expect(comparison).toContain('- Cookies only after accepting: catalogue\\_pref\n');
    expect(comparison).toContain('- Pages only the accept run loaded: /explore/\n');
    expect(comparison).toContain('- Cookies above that first appeared on one of those pages: catalogue\\_pref\n');
  });

  it('lists in a row only the pages a run loaded, and apart, in census.json and census.csv, those no run loaded', async () => {
    const { deps } = setup({
      'data.tco.re': { choose: { accept: ['/explore/'], refuse: ['/explore/'] } },
      'itie.opendatasoft.com': { choose: { accept: [], refuse: ['/explore/'] } },
    });
    await runOn(['--portals', 'demo', '--consent', 'both'], 'not-loaded', deps);
    const [tco, itie, nantes] = census('not-loaded').portals;
    // Failed to load in both runs: logged and skipped, not visited.
    expect(tco).toMatchObject({ pages: ['/'], notLoaded: ['/explore/'] });
    // Loaded by the accept run: a page of the row (comparison.md says only one run loaded it).
    expect(itie).toMatchObject({ pages: ['/', '/explore/'], notLoaded: [] });
    expect(nantes).toMatchObject({ pages: ['/', '/explore/'], notLoaded: [] });
    const [header, tcoLine] = readFileSync(join(scratch.path, 'not-loaded', 'census.csv'), 'utf8').split('\r\n');
    // The last columns, after the consent cell's quoted comma.
    expect(header!.split(',').slice(-4)).toEqual(['pages', 'notLoaded', 'report', 'error']);
    expect(tcoLine!.split(',').slice(-4)).toEqual(['/', '/explore/', 'data.tco.re', '']);
  });

  it('gives the same census with one job or two, and with the list in shards', async () => {
    const list = join(scratch.path, 'portals.txt');
    writeFileSync(list, '# test\ndata.tco.re\nitie.opendatasoft.com\ndata.nantesmetropole.fr\ndata.toulouse-metropole.fr\n');
    await runOn(['--portals', list, '--consent', 'refuse', '--jobs', '1'], 'one', setup({ 'itie.opendatasoft.com': { ms: 20 } }).deps);
    await runOn(['--portals', list, '--consent', 'refuse', '--jobs', '2'], 'two', setup({ 'data.tco.re': { ms: 20 } }).deps);
    expect(withoutTime(census('two'))).toEqual(withoutTime(census('one')));
    await runOn(['--portals', list, '--consent', 'refuse', '--shard', '2/2'], 'shard', setup().deps);
    expect(census('shard').portals.map((row) => row.position)).toEqual([1, 3]);
    expect(census('shard').shard).toEqual({ index: 2, count: 2 });
  });

  it('makes a row of a portal that fails, and of one that hangs (its run is aborted), and goes on', async () => {
    const { deps, printed } = setup({
      'data.tco.re': { fail: new AuditError('cannot reach https://data.tco.re/: net::ERR_NAME_NOT_RESOLVED') },
      'itie.opendatasoft.com': { hang: true },
    });
    deps.runTimeoutMs = () => 30;
    expect(await runOn(['--portals', 'demo', '--consent', 'refuse', '--strict'], 'fail', deps)).toBe(1);
    const [tco, itie, nantes] = census('fail').portals;
    expect(tco!.error).toBe('cannot reach https://data.tco.re/: net::ERR_NAME_NOT_RESOLVED');
    expect(tco!.report).toBe('data.tco.re');
    expect(readFileSync(join(scratch.path, 'fail', 'data.tco.re', 'audit.log'), 'utf8')).toContain('failed: cannot reach');
    expect(itie!.error).toBe('no result within 0 s: the browser was ended');
    expect(nantes!.error).toBeNull();
    expect(printed.at(-1)).toContain('3 portal(s), 2 failed');
  });

  it('writes an unexpected error to audit.log with the values of the addresses it names left out, as its row does', async () => {
    const { deps } = setup({
      'data.tco.re': { fail: new Error('page crashed at https://data.tco.re/explore/?sessionid=s3cr3t;jsessionid=j5ess') },
    });
    await runOn(['--portals', 'demo', '--consent', 'refuse'], 'unexpected', deps);
    const log = readFileSync(join(scratch.path, 'unexpected', 'data.tco.re', 'audit.log'), 'utf8');
    expect(log).toContain('failed: page crashed at https://data.tco.re/explore/');
    expect(log).not.toMatch(/s3cr3t|j5ess/);
    expect(census('unexpected').portals[0]!.error).not.toMatch(/s3cr3t|j5ess/);
  });

  it('warns of a run whose banner click recorded another choice, keeps it in census.json, and fails --strict on it as one portal does', async () => {
    const { deps, printed } = setup({ 'itie.opendatasoft.com': { records: 'refused' } });
    expect(await runOn(['--portals', 'demo', '--consent', 'accept', '--strict'], 'other-choice', deps)).toBe(1);
    const said =
      'the accept run clicked "Tout accepter" but recorded consent "refused", not "accepted": its findings say nothing of that choice';
    // The line census:merge says too, from the row (otherChoiceWarnings): the button is named in the portal's audit.log.
    expect(printed.filter((line) => line.startsWith('warning:'))).toEqual([
      'warning: itie.opendatasoft.com: the accept run recorded consent "refused", not "accepted": its findings say nothing of that choice (its audit.log says why: the button clicked, or none and the site\'s own choice)',
    ]);
    expect(printed.at(-1)).toContain('0 with findings, 1 with a run that recorded another choice than the one asked (--strict: exit 1)');
    expect(readFileSync(join(scratch.path, 'other-choice', 'itie.opendatasoft.com', 'audit.log'), 'utf8')).toContain(`warning: ${said}`);
    // The other portals found no banner button: said in their logs, but no failure.
    expect(readFileSync(join(scratch.path, 'other-choice', 'data.tco.re', 'audit.log'), 'utf8')).toContain(
      'found no consent banner button',
    );
    const document = census('other-choice');
    expect(document.portals.map((row) => row.otherChoice)).toEqual([[], ['accept'], []]);
    // census:merge reads it back, and gives the same exit code.
    expect(censusExitCode(checkCensus(document, 'census.json'), true)).toBe(1);
    expect(
      await runOn(
        ['--portals', 'demo', '--consent', 'accept'],
        'other-choice-lax',
        setup({ 'itie.opendatasoft.com': { records: 'refused' } }).deps,
      ),
    ).toBe(0);
  });

  it('fails --strict on a portal that recorded a choice of its own, no banner button clicked, other than the one asked', async () => {
    // The review's case: a portal recording "accept all" on load, with no banner, passed a refuse census.
    const { deps, printed } = setup({ 'itie.opendatasoft.com': { records: 'accepted', unclicked: true } });
    expect(await runOn(['--portals', 'demo', '--consent', 'refuse', '--strict'], 'own-choice', deps)).toBe(1);
    expect(census('own-choice').portals.map((row) => row.otherChoice)).toEqual([[], ['refuse'], []]);
    expect(printed.filter((line) => line.startsWith('warning:'))).toEqual([
      'warning: itie.opendatasoft.com: the refuse run recorded consent "accepted", not "refused": its findings say nothing of that choice (its audit.log says why: the button clicked, or none and the site\'s own choice)',
    ]);
  });

  it('stops when nothing can be audited: no browser', async () => {
    const { deps } = setup({ 'data.tco.re': { fail: new MissingBrowserError('Chromium not found') } });
    await expect(runOn(['--portals', 'demo', '--consent', 'none', '--jobs', '1'], 'missing', deps)).rejects.toThrow(MissingBrowserError);
  });

  it('exits 2 when every portal failed', async () => {
    const failing = Object.fromEntries(
      ['data.tco.re', 'itie.opendatasoft.com', 'data.nantesmetropole.fr'].map((host) => [host, { fail: new Error('offline') }]),
    );
    expect(await runOn(['--portals', 'demo', '--consent', 'none'], 'offline', setup(failing).deps)).toBe(2);
  });

  it('visits the URL listed, and keeps none of its values: no path parameter or query value in any file', async () => {
    const list = join(scratch.path, 'secret.txt');
    writeFileSync(list, 'https://a.example.org/login;jsessionid=9F1CSECRET?PHPSESSID=abc123\nb.example.org\n');
    const { deps, calls } = setup({
      'b.example.org': { fail: new AuditError('cannot reach https://b.example.org/: net::ERR_NAME_NOT_RESOLVED') },
    });
    await runOn(['--portals', list, '--consent', 'none'], 'secret', deps);
    expect(calls[0]!.url.href).toBe('https://a.example.org/login;jsessionid=9F1CSECRET?PHPSESSID=abc123');
    const [visited, failed] = census('secret').portals;
    expect(visited!.url).toBe('https://a.example.org/login?PHPSESSID=');
    expect(failed!.url).toBe('https://b.example.org/');
    for (const file of ['census.json', 'census.md', 'census.csv', 'census.html']) {
      expect(readFileSync(join(scratch.path, 'secret', file), 'utf8'), file).not.toMatch(/9F1CSECRET|abc123|jsessionid/);
    }
  });
});

describe('a census list with a host twice', () => {
  it('says which lines it skipped before it starts, ten at most, then how many more', async () => {
    const { deps, printed } = setup();
    const list = join(scratch.path, 'twice.txt');
    writeFileSync(
      list,
      ['data.tco.re', 'http://data.tco.re/explore/', ...Array.from({ length: 11 }, (_, i) => `data.tco.re/${i}`)].join('\n'),
    );
    expect(await runOn(['--portals', list, '--consent', 'accept'], 'twice', deps)).toBe(0);
    expect(printed[0]).toBe(
      `${list}:2: http://data.tco.re/explore/ skipped: its host data.tco.re is listed on line 1 (a host is audited once)`,
    );
    expect(printed.slice(0, 10).every((line) => line.includes(' skipped: its host data.tco.re is listed on line 1'))).toBe(true);
    expect(printed[10]).toBe('and 2 more line(s) skipped, their host already listed');
    expect(printed[11]).toMatch(/^census of 1 portal\(s\)/);
  });
});

describe('a census list read', () => {
  it('refuses, in one line, a list that is missing, a folder, or over its size limit', () => {
    const refused = (path: string, reason: string) =>
      expect(() => readPortalList(path, DEMO_LIST)).toThrow(new UsageError(`--portals ${JSON.stringify(path)}: ${reason}`));
    refused(join(scratch.path, 'nope.txt'), 'cannot read the list (ENOENT)');
    refused(scratch.path, 'a folder, not a list');
    // A FIFO (which a read would wait on for ever) is refused too: test/scripts/audit/main.test.ts, in a process of its own.
    const huge = join(scratch.path, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_LIST_BYTES + 1);
    refused(huge, `${(MAX_LIST_BYTES + 1).toLocaleString('en')} bytes, over the limit of ${MAX_LIST_BYTES.toLocaleString('en')}: not read`);
  });

  it('never quotes a --portals value with a user name or password', () => {
    expect(() => readPortalList('https://user:s3cret@data.example.org', DEMO_LIST)).toThrow(
      new UsageError('--portals (a text with "@", not shown: it may hold a user name or password): cannot read the list (ENOENT)'),
    );
  });

  it('reads the demo list, and a file naming its lines in errors', () => {
    expect(readPortalList('demo', DEMO_LIST).urls.map((url) => url.hostname)).toEqual([
      'data.tco.re',
      'itie.opendatasoft.com',
      'data.nantesmetropole.fr',
    ]);
    const list = join(scratch.path, 'bad.txt');
    writeFileSync(list, 'data.tco.re\nnot a host!\n');
    expect(() => readPortalList(list, DEMO_LIST)).toThrow(new UsageError(`${list}:2: malformed URL: "not a host!" (no valid host name)`));
  });

  it('never passes over a file named demo where the command was typed: `--portals demo` then asks for ./demo', () => {
    // The review's case: the demo census ran, silently, instead of the list the file holds.
    const here = join(scratch.path, 'typed-here');
    mkdirSync(here, { recursive: true });
    writeFileSync(join(here, 'demo'), 'data.propre.opendatasoft.com\n');
    expect(() => readPortalList('demo', DEMO_LIST, join(here, 'demo'))).toThrow(
      new UsageError(
        '--portals demo: a file named demo is here: give ./demo to read it as the list, or run the demo census from another folder',
      ),
    );
    // Named as a path, it is the file; a folder named demo is no list, and leaves the demo census alone.
    expect(readPortalList('./demo', DEMO_LIST, join(here, 'demo')).urls.map((url) => url.hostname)).toEqual([
      'data.propre.opendatasoft.com',
    ]);
    const folder = join(scratch.path, 'folder-here', 'demo');
    mkdirSync(folder, { recursive: true });
    expect(readPortalList('demo', DEMO_LIST, folder).urls).toHaveLength(3);
  });

  it('names the encoding of a list saved as UTF-16, as `charter check` does for a charter, not a malformed URL', () => {
    const list = join(scratch.path, 'utf16.txt');
    writeFileSync(list, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('data.tco.re\r\n', 'utf16le')]));
    expect(() => readPortalList(list, DEMO_LIST)).toThrow(
      new UsageError(`${list}: binary data: 13 NUL bytes, it looks like UTF-16 text; save the list as UTF-8`),
    );
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/audit/options.ts';
import {
  copyPortalFolders,
  mergeShards,
  portalCopies,
  readShard,
  refuseOutInShards,
  refuseOutputsInTheWay,
} from '../../../scripts/census/merge.ts';
import { parseMergeArgs } from '../../../scripts/census/main.ts';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import {
  censusDocument,
  errorRow,
  isPortalFolder,
  otherChoiceWarnings,
  portalRow,
  type CensusDocument,
  type CensusRow,
  type CensusRun,
  type Choice,
} from '../../../scripts/census/census-report.ts';
import { finding, RUN, sampleCensus } from './census-fixtures.ts';
import { parseAuditArgs } from '../../../scripts/audit/options.ts';
import { runCensus, type CensusDeps } from '../../../scripts/census/run-census.ts';
import { parsePortalList } from '../../../scripts/census/portal-list.ts';
import { censusCsv } from '../../../scripts/census/census-output.ts';
import { report, reportCookie } from '../../support/reports.ts';
import { runWithStdoutClosed } from '../../support/closed-output.ts';

const scratch = scratchDir('merge');
afterAll(() => scratch.remove());

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The sample census cut in two shards, as `--shard 1/2` and `--shard 2/2` would have run it. */
function shards(): Array<{ dir: string; document: CensusDocument }> {
  const whole = sampleCensus();
  return [1, 2].map((index) => ({
    dir: `shard-${index}`,
    document: { ...whole, shard: { index, count: 2 }, portals: whole.portals.filter((row) => row.position % 2 === index - 1) },
  }));
}

describe('census:merge', () => {
  it('merges the shards of one list into the census the whole list gives, times apart', () => {
    const { document, warnings } = mergeShards(shards().reverse());
    const whole = sampleCensus();
    expect({ ...document, generatedAt: '' }).toEqual({ ...whole, generatedAt: '' });
    expect(warnings).toEqual([]);
  });

  it('refuses shards of another list or settings, a shard twice, a missing one, a whole census', () => {
    const [one, two] = shards();
    const other = { ...two!, document: { ...two!.document, list: { sha256: 'b'.repeat(64), size: 3 } } };
    expect(() => mergeShards([one!, other])).toThrow(
      new UsageError(
        `shard-2: a shard of another census than shard-1 (its list is 3 portal(s), SHA-256 ${'b'.repeat(64)}, not 3 portal(s), SHA-256 ${one!.document.list.sha256}): run every shard with one list and the same options`,
      ),
    );
    const pages = { ...two!, document: { ...two!.document, run: { ...two!.document.run, pages: 5 } } };
    expect(() => mergeShards([one!, pages])).toThrow(
      new UsageError(
        `shard-2: a shard of another census than shard-1 (its pages is 5, not ${one!.document.run.pages}): run every shard with one list and the same options`,
      ),
    );
    expect(() => mergeShards([one!, { ...one!, dir: 'again' }])).toThrow(new UsageError('shard 1/2 given twice: shard-1 and again'));
    expect(() => mergeShards([one!])).toThrow(new UsageError('missing shard(s) 2 of 2: every part of the list is needed'));
    expect(() => mergeShards([{ dir: 'whole', document: sampleCensus() }])).toThrow(/whole census, not a shard/);
    expect(() => mergeShards([])).toThrow(/give the shard folders/);
    const overlap = { ...two!, document: { ...two!.document, portals: [...two!.document.portals, one!.document.portals[0]!] } };
    expect(() => mergeShards([one!, overlap])).toThrow(
      new UsageError(`${join('shard-2', 'census.json')}: portals[1].position: 0 is in shard 1/2, not 2/2`),
    );
  });

  it('keeps each portal’s live charter lines not read, as the whole census counts them', () => {
    const { document } = mergeShards(shards());
    expect(document.portals.map((row) => row.charter.unread)).toEqual([null, null, 42]);
  });

  it('reads a shard written before the census counted the lines not read: its rows’ count is null (not known), never 0', () => {
    const [one, two] = shards();
    const older = (document: CensusDocument) =>
      ({
        ...document,
        portals: document.portals.map(({ charter: { kind, changed }, ...row }) => ({ ...row, charter: { kind, changed } })),
      }) as unknown as CensusDocument;
    const [dir] = onDisk(join(scratch.path, 'before-unread'), [older(one!.document)]);
    const read = readShard(dir!);
    expect(read.portals.map((row) => row.charter)).toEqual([
      { kind: 'bundled', changed: null, unread: null },
      { kind: 'live', changed: null, unread: null },
    ]);
    // Beside a shard that counts them: each row as its shard says.
    const { document } = mergeShards([{ dir: 'shard-1', document: older(one!.document) }, two!]);
    expect(document.portals.map((row) => row.charter.unread)).toEqual([null, null, null]);
    const { document: newer } = mergeShards([one!, { dir: 'shard-2', document: older(two!.document) }]);
    expect(newer.portals.map((row) => row.charter.unread)).toEqual([null, null, 42]);
    // The value read is left as it was.
    const input = older(one!.document);
    mergeShards([{ dir: 'shard-1', document: input }, two!]);
    expect(input.portals[0]!.charter).toEqual({ kind: 'bundled', changed: null });
  });

  it('reads a shard written before the census recorded the pages not loaded: its rows’ notLoaded is null (not known), never []', () => {
    const [one, two] = shards();
    const older = (document: CensusDocument) =>
      ({ ...document, portals: document.portals.map(({ notLoaded: _, ...row }) => row) }) as unknown as CensusDocument;
    const [dir] = onDisk(join(scratch.path, 'before-not-loaded'), [older(one!.document)]);
    expect(readShard(dir!).portals.map((row) => row.notLoaded)).toEqual([null, null]);
    const { document } = mergeShards([{ dir: 'shard-1', document: older(one!.document) }, two!]);
    expect(document.portals.map((row) => row.notLoaded)).toEqual([null, [], null]);
    // census.csv: an empty cell, as for none.
    expect(censusCsv(document).split('\r\n')[1]!.split(',').slice(-4)).toEqual(['/ /explore/', '', 'data.tco.re', '']);
  });

  it('refuses a Firefox shard beside a Chromium one, whichever comes first: one census runs one browser', () => {
    const [one, two] = shards();
    const inFirefox = (run: Partial<CensusDocument['run']>) => ({
      ...two!,
      document: { ...two!.document, run: { ...two!.document.run, ...run } },
    });
    const firefox = inFirefox({
      browser: 'firefox',
      browserVersion: 'Mozilla Firefox 140.12.0esr',
      cookiePolicy: 'Total Cookie Protection (network.cookie.cookieBehavior 5)',
    });
    const refused = new UsageError(
      'shard-2: a shard of another census than shard-1 (its browser is firefox, not chromium): run every shard with one list and the same options',
    );
    expect(() => mergeShards([one!, firefox])).toThrow(refused);
    expect(() => mergeShards([firefox, one!])).toThrow(
      new UsageError(
        'shard-1: a shard of another census than shard-2 (its browser is chromium, not firefox): run every shard with one list and the same options',
      ),
    );
    // The browser alone: a cookie policy that happened to read the same does not make them one census.
    expect(() => mergeShards([one!, inFirefox({ browser: 'firefox' })])).toThrow(refused);
    // A shard's own words are cut, as every value the checks quote: a file is outside text.
    const long = inFirefox({ browser: 'chromium', cookiePolicy: 'x'.repeat(100_000) });
    expect(() => mergeShards([one!, long])).toThrow(
      new UsageError(
        `shard-2: a shard of another census than shard-1 (its cookie policy is ${'x'.repeat(200)}…, not ${one!.document.run.cookiePolicy}): run every shard with one list and the same options`,
      ),
    );
  });

  it('refuses shards run by different versions of the audit, or with different registries, and says which', () => {
    const [one, two] = shards();
    const withTool = (tool: Partial<CensusDocument['run']['tool']>) => ({
      ...two!,
      document: { ...two!.document, run: { ...two!.document.run, tool: { ...two!.document.run.tool, ...tool } } },
    });
    expect(() => mergeShards([one!, withTool({ version: '0.2.0' })])).toThrow(
      new UsageError(
        'shard-2: run by another version of the audit than shard-1 (0.2.0, registry cccccccccccc…, not 0.1.0, registry cccccccccccc…): re-run the shards with one version',
      ),
    );
    expect(() => mergeShards([one!, withTool({ registry: 'd'.repeat(64) })])).toThrow(/shard-2: run by another version of the audit/);
  });

  it('refuses a shard an older audit wrote, which does not say what audited it, asking to re-run it', () => {
    const [one, two] = shards();
    const { tool: _tool, ...older } = two!.document.run;
    const document = { ...two!.document, run: older } as CensusDocument;
    expect(() => mergeShards([one!, { ...two!, document }])).toThrow(
      new UsageError(
        `${join('shard-2', 'census.json')}: run.tool: missing (an older version of the audit wrote it, which did not record its version): re-run it`,
      ),
    );
  });

  it('refuses a shard that lost a row, holds another shard’s, or holds one twice: a partial census would pass for a whole one', () => {
    const [one, two] = shards();
    const rows = (shard: typeof one, portals: CensusRow[]) => ({ ...shard!, document: { ...shard!.document, portals } });
    const source = (dir: string) => join(dir, 'census.json');
    const [first, last] = one!.document.portals;
    expect(() => mergeShards([rows(one, [first!]), two!])).toThrow(
      new UsageError(`${source('shard-1')}: no row for position(s) 2 of shard 1/2: every portal of its part is needed`),
    );
    expect(() => mergeShards([one!, rows(two, [])])).toThrow(/shard-2\/census\.json: no row for position\(s\) 1 of shard 2\/2/);
    // Each shard holding the other's rows: every portal once, in the wrong part.
    expect(() => mergeShards([rows(one, two!.document.portals), rows(two, one!.document.portals)])).toThrow(
      new UsageError(`${source('shard-1')}: portals[0].position: 1 is in shard 2/2, not 1/2`),
    );
    expect(() => mergeShards([rows(one, [first!, first!, last!]), two!])).toThrow(
      new UsageError(`${source('shard-1')}: portals[1].position: 0 is in two rows`),
    );
  });

  it.each<[string, unknown, string]>([
    ['a count that is no number', { index: 1, count: 'abc' }, 'shard.count: "abc" is not a number of shards from 1 to 1000'],
    ['no shard at all', { index: 0, count: 0 }, 'shard.count: 0 is not a number of shards from 1 to 1000'],
    ['a negative count', { index: 1, count: -1 }, 'shard.count: -1 is not a number of shards from 1 to 1000'],
    ['more shards than --shard allows', { index: 1, count: 2 ** 32 }, 'shard.count: 4294967296 is not a number of shards from 1 to 1000'],
    ['a shard after the last', { index: 3, count: 2 }, 'shard.index: 3 is not a shard from 1 to 2'],
    ['a fraction', { index: 1.5, count: 2 }, 'shard.index: 1.5 is not a shard from 1 to 2'],
    ['a shard that is no I/N', [1, 1], 'shard: [1,1] is not a shard I/N'],
  ])('refuses a shard’s I/N that --shard could not have given (%s), before counting its parts', (_, shard, message) => {
    const [one] = shards();
    const document = { ...one!.document, shard } as CensusDocument;
    expect(() => mergeShards([{ dir: 'shard-1', document }])).toThrow(new UsageError(`${join('shard-1', 'census.json')}: ${message}`));
    const [dir] = onDisk(join(scratch.path, `bad-shard-${JSON.stringify(shard).replace(/[^a-z0-9]/gi, '_')}`), [document]);
    expect(() => readShard(dir!)).toThrow(new UsageError(`${join(dir!, 'census.json')}: ${message}`));
  });

  it('merges a census run as one shard of one (1/1)', () => {
    const whole = sampleCensus();
    const { document } = mergeShards([{ dir: 'only', document: { ...whole, shard: { index: 1, count: 1 } } }]);
    expect({ ...document, generatedAt: '' }).toEqual({ ...whole, generatedAt: '' });
  });

  it('takes what the census writes: a list run whole, and in three shards merged, give the same census', async () => {
    // A fake audit: one portal fails, the others find a cookie, and after a refusal a finding.
    const deps: CensusDeps = {
      audit: async ({ url, consent }) => {
        if (url.hostname === 'down.example.org') throw new Error('net::ERR_NAME_NOT_RESOLVED');
        const findings = consent === 'refuse' ? [finding('after-refusal', '_ga', 'high', url.hostname)] : [];
        return {
          report: report([reportCookie({ name: 'sessionid', domain: url.hostname })], { host: url.hostname, findings }),
          pages: ['/'],
          notLoaded: [],
          clicked: null,
        };
      },
      launch: async () => {
        throw new Error('the fake audit launches nothing');
      },
      browser: () => ({ version: 'Chromium 156', cookiePolicy: 'third-party cookies allowed' }),
      startDemo: async () => ({ port: 1, hosts: [], close: async () => undefined }),
      progress: () => ({ done: () => undefined, stop: () => undefined }),
      print: () => undefined,
    };
    const list = parsePortalList('data.tco.re\ndown.example.org\nitie.opendatasoft.com\nlocalhost:8080\ndata.nantesmetropole.fr', 'demo');
    const root = join(scratch.path, 'as-written');
    const run = async (out: string, shard: string[]) => {
      const options = parseAuditArgs(['--portals', 'demo', '--jobs', '2', ...shard, '--out', join(root, out)], 2);
      await runCensus({ ...options, portals: 'demo' }, list, deps);
      return join(root, out);
    };
    const whole = readShard(await run('whole', []));
    const dirs = [
      await run('shard-3', ['--shard', '3/3']),
      await run('shard-1', ['--shard', '1/3']),
      await run('shard-2', ['--shard', '2/3']),
    ];
    const { document } = mergeShards(dirs.map((dir) => ({ dir, document: readShard(dir) })));
    expect({ ...document, generatedAt: '' }).toEqual({ ...whole, generatedAt: '' });
    expect(document.portals.map((row) => [row.host, row.error === null])).toEqual([
      ['data.tco.re', true],
      ['down.example.org', false],
      ['itie.opendatasoft.com', true],
      ['localhost', true],
      ['data.nantesmetropole.fr', true],
    ]);
  });

  it('merges a list in many shards as in one: the same census, whatever the number of shards', () => {
    // Each shard's positions are counted from its index (shardPositions), not filtered from the whole list.
    const size = 10_000;
    const merged = (count: number) => {
      const parts = Array.from({ length: count }, (_, i) => {
        const rows: CensusRow[] = [];
        for (let position = i; position < size; position += count)
          rows.push(errorRow(position, new URL(`https://h${position}.org/`), new Error('cannot reach it'), null));
        return { dir: `s${i + 1}`, document: censusDocument(RUN, { sha256: 'a'.repeat(64), size }, { index: i + 1, count }, rows) };
      });
      return { ...mergeShards(parts).document, generatedAt: '' };
    };
    const whole = merged(1);
    expect(whole.portals.map((row) => row.position)).toEqual(Array.from({ length: size }, (_, position) => position));
    expect(merged(100)).toEqual(whole);
    expect(merged(1000)).toEqual(whole);
  });

  it('says when the shards ran different browser versions', () => {
    const [one, two] = shards();
    const newer = { ...two!, document: { ...two!.document, run: { ...two!.document.run, browserVersion: 'Chromium 157' } } };
    expect(mergeShards([one!, newer]).warnings).toEqual([
      'the shards ran different browser versions: Chromium 156.0.8078.108; Chromium 157',
    ]);
  });

  it('reads a shard’s census.json, and copies each portal’s folder into the merged census', () => {
    const [one] = shards();
    const dir = join(scratch.path, 'shard-1');
    mkdirSync(join(dir, 'data.tco.re', 'accept'), { recursive: true });
    writeFileSync(join(dir, 'data.tco.re', 'accept', 'report.md'), '# report');
    mkdirSync(join(dir, 'itie.opendatasoft.com'));
    writeFileSync(join(dir, 'census.json'), JSON.stringify(one!.document));
    expect(readShard(dir)).toEqual(one!.document);
    const out = join(scratch.path, 'merged');
    copyPortalFolders(portalCopies([{ dir, document: one!.document }]), out);
    expect(readFileSync(join(out, 'data.tco.re', 'accept', 'report.md'), 'utf8')).toBe('# report');
    expect(() => readShard(join(scratch.path, 'none'))).toThrow(/cannot read a census \(ENOENT\)/);
    writeFileSync(join(scratch.path, 'census.json'), '{"version":2}');
    expect(() => readShard(scratch.path)).toThrow(/not a census of version 1/);
  });

  it('refuses a portal folder that is, or holds, a symbolic link, before copying anything', () => {
    const [one] = shards();
    const secret = join(scratch.path, 'secret.txt');
    writeFileSync(secret, 'not for the census');
    for (const [name, plant] of [
      ['inside', (dir: string) => symlinkSync(secret, join(dir, 'data.tco.re', 'accept', 'report.md'))],
      ['the folder', (dir: string) => symlinkSync(scratch.path, join(dir, 'data.tco.re'))],
    ] as const) {
      const dir = join(scratch.path, `linked-${name.replace(' ', '-')}`);
      mkdirSync(dir, { recursive: true });
      if (name === 'inside') mkdirSync(join(dir, 'data.tco.re', 'accept'), { recursive: true });
      plant(dir);
      const out = join(scratch.path, `merged-${name.replace(' ', '-')}`);
      expect(() => copyPortalFolders(portalCopies([{ dir, document: one!.document }]), out), name).toThrow(
        /a symbolic link, which the census never writes/,
      );
      expect(existsSync(out), name).toBe(false);
    }
  });

  it('reads its arguments strictly', () => {
    expect(parseMergeArgs(['--out', 'census', 'a', 'b', '--strict'])).toEqual({
      out: 'census',
      strict: true,
      shards: ['a', 'b'],
      help: false,
    });
    expect(parseMergeArgs(['--out=c', 'a']).out).toBe('c');
    for (const [argv, message] of [
      [
        ['--strict=https://user:s3cret@x', 'a'],
        '--strict takes no value (got (a text with "@", not shown: it may hold a user name or password)): give --strict, or leave it out',
      ],
      [
        ['--help=https://user:s3cret@x'],
        '--help takes no value (got (a text with "@", not shown: it may hold a user name or password)): give --help, or leave it out',
      ],
      [
        ['--out=--https://user:s3cret@x', 'a'],
        '--out=(a text with "@", not shown: it may hold a user name or password): a value starting with "--" reads as an option',
      ],
      [['--user:s3cret@x', 'a'], 'unknown option (a text with "@", not shown: it may hold a user name or password) (see --help)'],
    ] as const) {
      expect(() => parseMergeArgs(argv), argv[0]).not.toThrow(/s3cret/);
      expect(() => parseMergeArgs(argv), argv[0]).toThrow(message);
    }
    expect(parseMergeArgs(['--help']).help).toBe(true);
    expect(() => parseMergeArgs(['a'])).toThrow(new UsageError('--out DIR is needed: the folder of the merged census'));
    expect(() => parseMergeArgs(['--out', 'c'])).toThrow(new UsageError('give the shard folders to merge'));
    expect(() => parseMergeArgs(['--out'])).toThrow(new UsageError('--out needs a folder'));
    expect(() => parseMergeArgs(['--out', 'c', '--jobs', 'a'])).toThrow(new UsageError('unknown option --jobs (see --help)'));
    expect(() => parseMergeArgs(['--out', 'c', 'a', '--out', 'd'])).toThrow(new UsageError('--out given twice: give it once'));
    expect(() => parseMergeArgs(['--out=c', '--out', 'd', 'a'])).toThrow(new UsageError('--out given twice: give it once'));
    expect(() => parseMergeArgs(['--strict', '--out', 'c', 'a', '--strict'])).toThrow(new UsageError('--strict given twice: give it once'));
    // As the audit reads them: a flag given a value is refused, and `--out=` takes no option for a folder.
    expect(() => parseMergeArgs(['--out', 'c', 'a', '--strict=false'])).toThrow(
      new UsageError('--strict takes no value (got "--strict=false"): give --strict, or leave it out'),
    );
    expect(() => parseMergeArgs(['--help=1'])).toThrow(
      new UsageError('--help takes no value (got "--help=1"): give --help, or leave it out'),
    );
    expect(() => parseMergeArgs(['--out=--strict', 'a'])).toThrow(
      new UsageError('--out="--strict": a value starting with "--" reads as an option; for a folder or file so named, give ./--strict'),
    );
    // `-h` after --out is the help option, as the audit reads it, never a folder.
    expect(() => parseMergeArgs(['--out', '-h', 'a'])).toThrow(new UsageError('--out needs a folder'));
    expect(() => parseMergeArgs(['--out=', 'a'])).toThrow(new UsageError('--out needs a folder'));
    expect(() => parseMergeArgs(['--out', 'c', 'a', '--jobs=3'])).toThrow(new UsageError('unknown option --jobs (see --help)'));
    expect(() => parseMergeArgs(['--out', 'c', 'a', `--${'x'.repeat(300)}`])).toThrow(
      new UsageError(`unknown option --${'x'.repeat(198)}… (see --help)`),
    );
  });
});

/** The error for a first row's folder that is not one. */
const notFolder = (value: string) =>
  `portals[0].report: ${JSON.stringify(value)} is not a portal's folder (a host name, as the census names them)`;

/** Shard 1 with its first row's `field` set to `value`. */
function hostileShard(field: string, value: unknown): { dir: string; document: CensusDocument } {
  const [one] = shards();
  const [first, ...rest] = one!.document.portals;
  return { ...one!, document: { ...one!.document, portals: [{ ...first!, [field]: value }, ...rest] } };
}

/** Writes each shard's census.json in a folder of `parent`; returns the folders. */
function onDisk(parent: string, documents: readonly CensusDocument[]): string[] {
  return documents.map((document, index) => {
    const dir = join(parent, `shard-${index + 1}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'census.json'), JSON.stringify(document));
    // Each portal's folder, as the census writes it (never one it could not have named).
    for (const { report } of document.portals) {
      if (!isPortalFolder(report)) continue;
      mkdirSync(join(dir, report), { recursive: true });
      writeFileSync(join(dir, report, 'audit.log'), '');
    }
    return dir;
  });
}

/** `npm run census:merge -- ARGS`, from the repository's root. */
function mergeCommand(args: readonly string[]) {
  return spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/census/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const NOT_OTHER_CHOICE = 'a choice made (accept or refuse) whose run recorded another consent state';

describe('census:merge reads a shard as outside input', () => {
  it.each<[string, unknown, string]>([
    [
      'url',
      'javascript:alert(document.domain)',
      'portals[0].url: "javascript:alert(document.domain)" is not an http(s) URL the census could audit',
    ],
    [
      'url',
      'data:text/html,<script>alert(1)</script>',
      'portals[0].url: "data:text/html,<script>alert(1)</script>" is not an http(s) URL the census could audit',
    ],
    ['url', 'https://a..b/', 'portals[0].url: "https://a..b/" is not an http(s) URL the census could audit'],
    ['url', 42, 'portals[0].url: 42 is not an http(s) URL the census could audit'],
    ['url', 'data.tco.re', 'portals[0].url: "data.tco.re" is not a URL as the census writes it (https://data.tco.re/)'],
    // Never echoed, never merged: a user name or password, a query value, a path parameter.
    [
      'pages',
      ['/', '/login;jsessionid=S3CRET'],
      'portals[0].pages[1]: "/login…" is not a path as the census writes it (no ;parameters, query or fragment)',
    ],
    // A terminal, or a spreadsheet reading census.csv, would obey a control character.
    [
      'pages',
      ['/', '/\nx\u001b[2J'],
      'portals[0].pages[1]: "/\\nx\\u001b[2J" is not a path as a URL holds it (from /, no space or control)',
    ],
    ['pages', ['explore/'], 'portals[0].pages[0]: "explore/" is not a path as a URL holds it (from /, no space or control)'],
    [
      'url',
      'https://user:s3cret@data.tco.re/',
      'portals[0].url: (an address with a user name or password, not shown) is not an http(s) URL the census could audit',
    ],
    [
      'url',
      'https:\t//user:s3cret@data.tco.re/',
      'portals[0].url: (an address with a user name or password, not shown) is not an http(s) URL the census could audit',
    ],
    [
      'url',
      ' https://user:s3cret@data.tco.re/',
      'portals[0].url: (an address with a user name or password, not shown) is not an http(s) URL the census could audit',
    ],
    [
      'url',
      '"x" https://user:s3cret@data.tco.re/',
      'portals[0].url: (a text with "@", not shown: it may hold a user name or password) is not an http(s) URL the census could audit',
    ],
    [
      'url',
      'https://data.tco.re/login;jsessionid=S3CRET?token=S3CRET',
      'portals[0].url: "https://data.tco.re/login…" is not a URL as the census writes it (https://data.tco.re/login?token=)',
    ],
    ['report', 'javascript:alert(1)//', notFolder('javascript:alert(1)//')],
    ['report', '../../x', notFolder('../../x')],
    ['report', '..', notFolder('..')],
    ['report', '.', notFolder('.')],
    ['report', '/etc', notFolder('/etc')],
    ['report', 'data.tco.re/../..', notFolder('data.tco.re/../..')],
    ['report', 'Data.tco.re', notFolder('Data.tco.re')],
    ['report', '', notFolder('')],
    ['position', -1, 'portals[0].position: -1 is not a place in a list of 3'],
    ['position', 3, 'portals[0].position: 3 is not a place in a list of 3'],
    ['position', '0', 'portals[0].position: "0" is not a place in a list of 3'],
    ['host', 'trusted-bank.example', `portals[0].host: "trusted-bank.example" is not the URL's host (data.tco.re)`],
    ['report', 'itie.opendatasoft.com', `portals[0].report: "itie.opendatasoft.com" is not the portal's folder (its host, data.tco.re)`],
    [
      'findings',
      { total: 2 },
      'portals[0].findings.byKind: undefined is not counts by before-consent, after-refusal, undeclared, lifetime, not-seen',
    ],
    [
      'findings',
      { total: '<b>9</b>', byKind: {}, bySeverity: { high: '<i>x</i>' } },
      'portals[0].findings.total: "<b>9</b>" is not a count',
    ],
    ['findings', { ...sampleCensus().portals[0]!.findings, total: 3 }, 'portals[0].findings.total: 3 is not the sum of byKind (2)'],
    [
      'findings',
      { ...sampleCensus().portals[0]!.findings, bySeverity: { high: 1, medium: '1', low: 0 } },
      'portals[0].findings.bySeverity.medium: "1" is not a count',
    ],
    ['findings', null, 'portals[0].findings: null is not findings counted, as for a portal audited (it has no error)'],
    ['cookies', null, 'portals[0].cookies: null is not a count, as for a portal audited (it has no error)'],
    ['cookies', 1.5, 'portals[0].cookies: 1.5 is not null or a count'],
    ['error', 123, 'portals[0].error: 123 is not null or a line of text'],
    [
      'error',
      'cannot reach https://user:pw@data.tco.re/?token=S3CRET: net::ERR_NAME_NOT_RESOLVED',
      'portals[0].error: names a URL with a user name, password or values (the census writes none)',
    ],
    ['error', 'it failed', 'portals[0].charter.kind: "bundled" is not null, as for a portal that failed (it has an error)'],
    ['pages', 'x', 'portals[0].pages: "x" is not a list of paths'],
    ['pages', ['/', 7], 'portals[0].pages[1]: 7 is not a path'],
    ['notLoaded', 'x', 'portals[0].notLoaded: "x" is not a list of paths'],
    ['notLoaded', ['/a b'], 'portals[0].notLoaded[0]: "/a b" is not a path as a URL holds it (from /, no space or control)'],
    ['notLoaded', ['/explore/'], 'portals[0].notLoaded[0]: "/explore/" is not a page no run loaded (it is in pages)'],
    ['consent', null, 'portals[0].consent: null is not consent states by choice'],
    ['consent', { both: 'accepted' }, 'portals[0].consent: "both" is not a field the census writes'],
    [
      'consent',
      { accept: '<b>yes</b>' },
      'portals[0].consent.accept: "<b>yes</b>" is not a consent state (none, accepted, refused, choice, unknown)',
    ],
    [
      'charter',
      { kind: '<script>alert(1)</script>', changed: true },
      'portals[0].charter.kind: "<script>alert(1)</script>" is not null or bundled, live, platform-default, none',
    ],
    ['charter', { kind: 'live', changed: 'yes' }, 'portals[0].charter.changed: "yes" is not null, true or false'],
    ['charter', null, 'portals[0].charter: null is not a charter kind and whether it changed'],
    ['charter', { kind: 'live', changed: null, unread: -1 }, 'portals[0].charter.unread: -1 is not null or a count of lines'],
    ['charter', { kind: 'live', changed: null, unread: 1.5 }, 'portals[0].charter.unread: 1.5 is not null or a count of lines'],
    ['charter', { kind: 'live', changed: null, unread: '3' }, 'portals[0].charter.unread: "3" is not null or a count of lines'],
    [
      'charter',
      { kind: 'live', changed: null, unread: '<img src=x onerror=alert(1)>' },
      'portals[0].charter.unread: "<img src=x onerror=alert(1)>" is not null or a count of lines',
    ],
    [
      'charter',
      { kind: 'live', changed: null, unread: 2 ** 53 },
      'portals[0].charter.unread: 9007199254740992 is not null or a count of lines',
    ],
    ['charter', { kind: 'live', changed: null, unreadRows: [] }, 'portals[0].charter: "unreadRows" is not a field the census writes'],
    ['otherChoice', undefined, 'portals[0].otherChoice: undefined is not a list of choices'],
    ['otherChoice', 'accept', 'portals[0].otherChoice: "accept" is not a list of choices'],
    ['otherChoice', ['none'], `portals[0].otherChoice[0]: "none" is not ${NOT_OTHER_CHOICE}`],
    // Its refuse run recorded "refused": the choice asked.
    ['otherChoice', ['refuse'], `portals[0].otherChoice[0]: "refuse" is not ${NOT_OTHER_CHOICE}`],
    ['otherChoice', ['accept', 'accept'], 'portals[0].otherChoice[1]: "accept" is not a choice listed once'],
    ['extra', 1, 'portals[0]: "extra" is not a field the census writes'],
  ])('refuses a row whose %s is %j, naming the file, the row and the field', (field, value, message) => {
    const hostile = hostileShard(field, value);
    const [dir] = onDisk(join(scratch.path, `hostile-${field}-${String(value).replace(/[^a-z0-9]/gi, '_')}`), [hostile.document]);
    expect(() => readShard(dir!)).toThrow(new UsageError(`${join(dir!, 'census.json')}: ${message}`));
    const [, two] = shards();
    expect(() => mergeShards([hostile, two!])).toThrow(new UsageError(`${join('shard-1', 'census.json')}: ${message}`));
  });

  it.each<[CensusRun['consent'], CensusRow['consent'], string]>([
    // The review's hand-edited shard: a refuse run in a census that made none.
    ['accept', { refuse: 'accepted' }, 'portals[0].consent: {"refuse":"accepted"} is not a state for each choice the census made (accept)'],
    [
      'accept',
      { accept: 'accepted', refuse: 'refused' },
      'portals[0].consent: {"accept":"accepted","refuse":"refused"} is not a state for each choice the census made (accept)',
    ],
    ['none', {}, 'portals[0].consent: {} is not a state for each choice the census made (none)'],
    // A census of both choices makes a row only when both runs ended (a run that failed fails the portal: errorRow).
    [
      'both',
      { accept: 'accepted' },
      'portals[0].consent: {"accept":"accepted"} is not a state for each choice the census made (accept, refuse)',
    ],
  ])(
    'refuses, in a census of %s, an audited row whose consent is %j: the census records a state for each of its choices, no other',
    (consent, states, message) => {
      const [one] = shards();
      const [first, ...rest] = one!.document.portals;
      const row = { ...first!, consent: states, otherChoice: Object.keys(states).filter((choice) => choice === 'refuse') as Choice[] };
      const document = { ...one!.document, run: { ...one!.document.run, consent }, portals: [row, ...rest] };
      expect(() => mergeShards([{ ...one!, document }])).toThrow(new UsageError(`${join('shard-1', 'census.json')}: ${message}`));
    },
  );

  it.each<[string, Partial<CensusRow>, string]>([
    ['cookies counted', { cookies: 3 }, 'portals[0].cookies: 3 is not null, as for a portal that failed (it has an error)'],
    [
      'live charter lines not read',
      { charter: { kind: null, changed: null, unread: 0 } },
      'portals[0].charter.unread: 0 is not null, as for a portal that failed (it has an error)',
    ],
    [
      'a consent state',
      { consent: { accept: 'accepted' } },
      'portals[0].consent: {"accept":"accepted"} is not {}, as for a portal that failed (it has an error)',
    ],
    ['an empty error', { error: '' }, 'portals[0].error: "" is not null or a line of text'],
    [
      'a control character in its error',
      { error: 'down\u001b[2J\r\nnext' },
      'portals[0].error: not a line of plain text (it holds a control character), as the census writes it',
    ],
    [
      'a bidi control in its error',
      { error: 'down \u202egnp.exe' },
      'portals[0].error: not a line of plain text (it holds a control character), as the census writes it',
    ],
  ])('refuses a failed portal’s row with %s', (_, fields, message) => {
    const [one, two] = shards();
    const [failed] = two!.document.portals;
    const hostile = { ...two!, document: { ...two!.document, portals: [{ ...failed!, ...fields }] } };
    expect(() => mergeShards([one!, hostile])).toThrow(new UsageError(`${join('shard-2', 'census.json')}: ${message}`));
  });

  it.each<[string, (document: CensusDocument) => unknown, string]>([
    ['list.sha256', (document) => ({ ...document, list: { ...document.list, sha256: 5 } }), 'list.sha256: 5 is not a SHA-256'],
    [
      'list.size',
      (document) => ({ ...document, list: { ...document.list, size: 1e9 } }),
      "list.size: 1000000000 is not a list's size, from 1 to 100000",
    ],
    [
      'run.browser',
      (document) => ({ ...document, run: { ...document.run, browser: 'lynx' } }),
      'run.browser: "lynx" is not chromium or firefox',
    ],
    [
      'run.pages',
      (document) => ({ ...document, run: { ...document.run, pages: '3' } }),
      'run.pages: "3" is not a number of pages from 1 to 20',
    ],
    [
      'run.consent',
      (document) => ({ ...document, run: { ...document.run, consent: null } }),
      'run.consent: null is not one of accept, refuse, none, both',
    ],
    [
      'run.tool.registry',
      (document) => ({ ...document, run: { ...document.run, tool: { version: '0.1.0', registry: 'x' } } }),
      'run.tool.registry: "x" is not a SHA-256',
    ],
    [
      'run.tool.version',
      (document) => ({ ...document, run: { ...document.run, tool: { version: '', registry: 'c'.repeat(64) } } }),
      'run.tool.version: "" is not a version',
    ],
    ['generatedAt', (document) => ({ ...document, generatedAt: 5 }), 'generatedAt: 5 is not a date'],
    ['portals', (document) => ({ ...document, portals: {} }), 'portals: {} is not a list of rows'],
    ['a field', (document) => ({ ...document, extra: true }), '"extra" is not a field the census writes'],
  ])('refuses a shard whose %s is not as the census writes it', (_, change, message) => {
    const [one, two] = shards();
    const hostile = { ...one!, document: change(one!.document) as CensusDocument };
    expect(() => mergeShards([hostile, two!])).toThrow(new UsageError(`${join('shard-1', 'census.json')}: ${message}`));
  });

  it('refuses a row that is no object', () => {
    const [one, two] = shards();
    const document = { ...one!.document, portals: [null as unknown as CensusRow] };
    expect(() => mergeShards([{ ...one!, document }, two!])).toThrow(
      new UsageError(`${join('shard-1', 'census.json')}: portals[0]: not a portal's row`),
    );
  });

  it('copies nothing from outside a shard, nor anywhere outside the merged census', () => {
    const root = join(scratch.path, 'escape');
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'outside', 'secret.txt'), 'secret');
    // shards/shard-1/../../outside is root/outside; out/../../outside is root/a/outside.
    const hostile = hostileShard('report', '../../outside').document;
    const [dir] = onDisk(join(root, 'shards'), [hostile]);
    expect(() => readShard(dir!)).toThrow(/portals\[0\]\.report: "\.\.\/\.\.\/outside" is not a portal's folder/);
    const out = join(root, 'a', 'b', 'merged');
    expect(() => copyPortalFolders(portalCopies([{ dir: dir!, document: hostile }]), out)).toThrow(UsageError);
    expect(existsSync(join(root, 'a'))).toBe(false);
  });

  it('as a command: one line naming the shard, the row and the field, exit 2, nothing written', () => {
    const root = join(scratch.path, 'cli');
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'outside', 'secret.txt'), 'secret');
    const [, two] = shards();
    const dirs = onDisk(join(root, 'shards'), [hostileShard('report', '../../outside').document, two!.document]);
    const out = join(root, 'a', 'b', 'merged');
    const result = mergeCommand(['--out', out, ...dirs]);
    expect(result.stderr).toBe(`census:merge: ${join(dirs[0]!, 'census.json')}: ${notFolder('../../outside')}\n`);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(existsSync(join(root, 'a'))).toBe(false);
  }, 30_000);

  it('as a command: a malformed row is one line and exit 2, with no folder copied and no file written', () => {
    const root = join(scratch.path, 'cli-findings');
    const [, two] = shards();
    const dirs = onDisk(join(root, 'shards'), [hostileShard('findings', { total: 2 }).document, two!.document]);
    mkdirSync(join(dirs[0]!, 'data.tco.re', 'accept'), { recursive: true });
    writeFileSync(join(dirs[0]!, 'data.tco.re', 'accept', 'report.md'), '# report');
    const out = join(root, 'merged');
    const result = mergeCommand(['--out', out, ...dirs]);
    expect(result.stderr).toBe(
      `census:merge: ${join(dirs[0]!, 'census.json')}: portals[0].findings.byKind: undefined is not counts by before-consent, after-refusal, undeclared, lifetime, not-seen\n`,
    );
    expect([result.status, result.stdout, existsSync(out)]).toEqual([2, '', false]);
  }, 30_000);
});

describe('census:merge refuses hand-made shards the census could not have written', () => {
  it('refuses a value nested 100,000 deep with one line naming the file and the field, quoting 200 characters of it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const [one, two] = shards();
    const dirs = onDisk(join(scratch.path, 'deep'), [one!.document, two!.document]);
    const path = join(dirs[0]!, 'census.json');
    const written = readFileSync(path, 'utf8');
    writeFileSync(path, written.replace('"browser":"chromium"', `"browser":${deep}`));
    expect(() => readShard(dirs[0]!)).toThrow(new UsageError(`${path}: run.browser: ${'['.repeat(200)}… is not chromium or firefox`));
    writeFileSync(path, written.replace(/"cookies":\d+/, `"cookies":{"a":${deep}}`));
    expect(() => readShard(dirs[0]!)).toThrow(
      new UsageError(`${path}: portals[0].cookies: {"a":${'['.repeat(195)}… is not null or a count`),
    );
    const result = mergeCommand(['--out', join(scratch.path, 'deep-merged'), ...dirs]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `census:merge: ${path}: portals[0].cookies: {"a":${'['.repeat(195)}… is not null or a count\n`,
    ]);
    expect(existsSync(join(scratch.path, 'deep-merged'))).toBe(false);
  }, 30_000);

  it('quotes a value as its JSON: nested arrays and objects, numbers, strings, null', () => {
    const [one] = shards();
    const value = { a: [1, 'x', null, true, { b: [] }], c: {}, d: -1.5e-7 };
    const hostile = hostileShard('cookies', value);
    expect(() => mergeShards([hostile, { ...one!, dir: 'shard-2' }])).toThrow(
      `portals[0].cookies: ${JSON.stringify(value)} is not null or a count`,
    );
  });

  it('refuses one host in two rows, of two shards: its folder would be copied over', () => {
    const [one, two] = shards();
    const [row] = two!.document.portals;
    const again = { ...row!, url: 'https://data.tco.re/', host: 'data.tco.re', report: 'data.tco.re' };
    const hostile = { ...two!, document: { ...two!.document, portals: [again] } };
    expect(() => mergeShards([one!, hostile])).toThrow(
      new UsageError(
        `${join('shard-2', 'census.json')}: portals[0].host: "data.tco.re" is also in ${join('shard-1', 'census.json')}: portals[0].host: the census audits a host once`,
      ),
    );
  });

  it('refuses a row whose folder is not in its shard: the merged census would link to nothing', () => {
    const root = join(scratch.path, 'folder-missing');
    const dirs = onDisk(
      root,
      shards().map(({ document }) => document),
    );
    rmSync(join(dirs[1]!, 'down.example.org'), { recursive: true });
    const out = join(root, 'merged');
    const result = mergeCommand(['--out', out, ...dirs]);
    expect(result.stderr).toBe(
      `census:merge: ${join(dirs[1]!, 'down.example.org')}: missing, though census.json names it as the portal's folder: copy the shard whole\n`,
    );
    expect([result.status, result.stdout, existsSync(out)]).toEqual([2, '', false]);
  }, 30_000);

  it('refuses a FIFO in a portal’s folder, or a portal’s folder that is a file, before copying anything', () => {
    const root = join(scratch.path, 'fifo-in-folder');
    const documents = shards().map(({ document }) => document);
    const dirs = onDisk(root, documents);
    execFileSync('mkfifo', [join(dirs[1]!, 'down.example.org', 'pipe')]);
    const out = join(root, 'merged');
    const copies = () => portalCopies(dirs.map((dir, index) => ({ dir, document: documents[index]! })));
    expect(copies).toThrow(
      new UsageError(
        `${join(dirs[1]!, 'down.example.org', 'pipe')}: not a file or folder (a FIFO, a socket or a device), which the census never writes: not copied`,
      ),
    );
    rmSync(join(dirs[1]!, 'down.example.org'), { recursive: true });
    writeFileSync(join(dirs[1]!, 'down.example.org'), '');
    expect(copies).toThrow(/down\.example\.org: a file, not a folder, which the census never writes: not copied$/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a census.json that is a FIFO rather than wait on it for ever', () => {
    const dir = join(scratch.path, 'fifo-census');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'census.json')]);
    // As a command, which its time-out ends if it waits: a read in this process would hold the tests.
    const result = mergeCommand(['--out', join(scratch.path, 'fifo-merged'), dir]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `census:merge: ${join(dir, 'census.json')}: not a regular file, as the census writes it: not read\n`,
    ]);
  }, 30_000);
});

describe('census:merge writes nowhere it reads', () => {
  it('refuses an --out that is a shard folder or inside one, however named (a link, ..)', () => {
    const root = join(scratch.path, 'out-in-shard');
    const [one, two] = onDisk(
      join(root, 'shards'),
      shards().map(({ document }) => document),
    );
    symlinkSync(one!, join(root, 'link-to-shard-1'));
    const refused = (out: string, what: string, dir: string) =>
      new UsageError(`--out ${JSON.stringify(out)} is ${what} ${dir}: the merge would write over its input`);
    for (const [out, what, dir] of [
      [two!, 'the shard folder', two!],
      [`${one!}/`, 'the shard folder', one!],
      [join(one!, 'merged'), 'inside the shard folder', one!],
      [join(one!, 'not', 'yet', 'made'), 'inside the shard folder', one!],
      [join(root, 'link-to-shard-1'), 'the shard folder', one!],
      [join(root, 'link-to-shard-1', 'merged'), 'inside the shard folder', one!],
      [join(two!, '..', 'shard-1', 'x'), 'inside the shard folder', one!],
    ] as const) {
      expect(() => refuseOutInShards(out, [one!, two!]), out).toThrow(refused(out, what, dir));
    }
    for (const out of [join(root, 'merged'), root, join(root, 'shards'), `${one!}-merged`, join(root, 'shards', '..merged')]) {
      expect(() => refuseOutInShards(out, [one!, two!]), out).not.toThrow();
    }
  });

  it('as a command: an --out in a shard is one line and exit 2, the shard untouched', () => {
    const root = join(scratch.path, 'cli-out-in-shard');
    const dirs = onDisk(
      root,
      shards().map(({ document }) => document),
    );
    const before = dirs.map((dir) => readFileSync(join(dir, 'census.json'), 'utf8'));
    for (const out of [dirs[1]!, join(dirs[0]!, 'merged')]) {
      const result = mergeCommand(['--out', out, ...dirs]);
      expect(result.stderr, out).toMatch(
        /^census:merge: --out ".*" is (the|inside the) shard folder .*: the merge would write over its input\n$/,
      );
      expect([result.status, result.stdout], out).toEqual([2, '']);
    }
    expect(dirs.map((dir) => readFileSync(join(dir, 'census.json'), 'utf8'))).toEqual(before);
    expect(existsSync(join(dirs[0]!, 'merged'))).toBe(false);
  }, 30_000);
});

describe('census:merge writes nothing when a path it writes is taken', () => {
  it('as a command: a folder where census.md goes is one line and exit 2, nothing written', () => {
    const root = join(scratch.path, 'taken-census-md');
    const dirs = onDisk(
      join(root, 'shards'),
      shards().map(({ document }) => document),
    );
    const out = join(root, 'merged');
    mkdirSync(join(out, 'census.md'), { recursive: true });
    const result = mergeCommand(['--out', out, ...dirs]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `census:merge: --out ${JSON.stringify(out)}: ${join(out, 'census.md')} is a folder, where the merge writes a file: move it away, or give another --out (nothing written)\n`,
    ]);
    expect(readdirSync(out)).toEqual(['census.md']);
  }, 30_000);

  /** The sample shards on disk under a folder of their own, what the merge copies of them, and where it would write. */
  const mergeOutputs = (name: string) => {
    const root = join(scratch.path, name);
    const all = shards();
    const dirs = onDisk(
      join(root, 'shards'),
      all.map(({ document }) => document),
    );
    const copies = portalCopies(all.map(({ document }, index) => ({ dir: dirs[index]!, document })));
    return {
      root,
      dirs,
      copies,
      folder: copies[0]!.folder,
      files: ['census.json', 'census.md', 'census.csv', 'census.html'],
      out: join(root, 'merged'),
    };
  };

  it('refuses a file where a portal’s folder goes, or a folder where a file of it goes, and takes what the merge would write over', () => {
    const { root, copies, folder, files, out } = mergeOutputs('taken-portal');
    mkdirSync(out);
    writeFileSync(join(out, folder), '');
    expect(() => refuseOutputsInTheWay(out, files, copies)).toThrow(
      new UsageError(
        `--out ${JSON.stringify(out)}: ${join(out, folder)} is a file, where the merge writes a folder: move it away, or give another --out (nothing written)`,
      ),
    );
    rmSync(join(out, folder));
    mkdirSync(join(out, folder, 'audit.log'), { recursive: true });
    expect(() => refuseOutputsInTheWay(out, files, copies)).toThrow(
      `${join(out, folder, 'audit.log')} is a folder, where the merge writes a file`,
    );
    // A census merged before: its files and folders are written over, as before.
    rmSync(out, { recursive: true });
    mkdirSync(join(out, folder), { recursive: true });
    for (const name of [...files, join(folder, 'audit.log')]) writeFileSync(join(out, name), 'old');
    expect(() => refuseOutputsInTheWay(out, files, copies)).not.toThrow();
    expect(() => refuseOutputsInTheWay(join(root, 'none'), files, copies)).not.toThrow();
  });

  it('refuses a named pipe (FIFO) where the merge writes a file, in --out or in a portal’s folder: a write there would wait for a reader for ever', () => {
    const { copies, folder, files, out } = mergeOutputs('taken-by-fifo');
    mkdirSync(out, { recursive: true });
    execFileSync('mkfifo', [join(out, 'census.md')]);
    expect(() => refuseOutputsInTheWay(out, files, copies)).toThrow(
      new UsageError(
        `--out ${JSON.stringify(out)}: ${join(out, 'census.md')} is a named pipe (FIFO), where the merge writes a file: move it away, or give another --out (nothing written)`,
      ),
    );
    rmSync(join(out, 'census.md'));
    mkdirSync(join(out, folder));
    execFileSync('mkfifo', [join(out, folder, 'audit.log')]);
    expect(() => refuseOutputsInTheWay(out, files, copies)).toThrow(/audit\.log is a named pipe \(FIFO\), where the merge writes a file/);
  });

  it('refuses a symbolic link where the merge writes a folder or a file, broken or not, at any depth', () => {
    const { root, copies, folder, files, out } = mergeOutputs('taken-by-link');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(join(elsewhere, 'audit.log'), { recursive: true });
    writeFileSync(join(elsewhere, 'file'), 'not the merge’s');
    const refused = (path: string, expected: string) =>
      new UsageError(
        `--out ${JSON.stringify(out)}: ${path} is a symbolic link, where the merge writes a ${expected}: move it away, or give another --out (nothing written)`,
      );
    for (const [link, target, expected] of [
      [folder, elsewhere, 'folder'],
      [folder, join(root, 'nowhere'), 'folder'],
      [join(folder, 'audit.log'), join(elsewhere, 'file'), 'file'],
      [join(folder, 'audit.log'), join(root, 'nowhere'), 'file'],
      ['census.md', join(elsewhere, 'file'), 'file'],
    ] as const) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(join(out, folder), { recursive: true });
      rmSync(join(out, link), { recursive: true, force: true });
      symlinkSync(target, join(out, link));
      expect(() => refuseOutputsInTheWay(out, files, copies), link).toThrow(refused(join(out, link), expected));
    }
  });

  it('names a path in an --out cut as the --out is: before its "?", never whole', () => {
    const { root, copies } = mergeOutputs('out-with-query');
    const out = join(root, 'x?token=S3CRET');
    mkdirSync(join(out, 'census.md'), { recursive: true });
    const shown = `${join(root, 'x')}…`;
    expect(() => refuseOutputsInTheWay(out, ['census.md'], copies)).toThrow(
      new UsageError(
        `--out ${JSON.stringify(shown)}: ${shown} is a folder, where the merge writes a file: move it away, or give another --out (nothing written)`,
      ),
    );
  });

  it('never quotes or names an --out with a user name or password', () => {
    const { root, dirs, copies } = mergeOutputs('out-with-at');
    const out = join(root, 'https:', 'user:s3cret@x');
    mkdirSync(join(out, 'census.md'), { recursive: true });
    expect(() => refuseOutputsInTheWay(out, ['census.md'], copies)).toThrow(
      new UsageError(
        `--out (a text with "@", not shown: it may hold a user name or password): (a text with "@", not shown: it may hold a user name or password) is a folder, where the merge writes a file: move it away, or give another --out (nothing written)`,
      ),
    );
    const named = join(root, 'user:s3cret@shard');
    mkdirSync(named);
    writeFileSync(join(named, 'census.json'), '{}');
    expect(() => readShard(named)).toThrow(
      new UsageError('(a text with "@", not shown: it may hold a user name or password): not a census of version 1'),
    );
    const inShard = join(dirs[0]!, 'user:s3cret@x');
    expect(() => refuseOutInShards(inShard, dirs)).toThrow(
      new UsageError(
        `--out (a text with "@", not shown: it may hold a user name or password) is inside the shard folder ${dirs[0]!}: the merge would write over its input`,
      ),
    );
  });

  it('as a command: a link where a portal’s folder goes, or one in it, is one line and exit 2, nothing written', () => {
    const { root, dirs, copies, out } = mergeOutputs('cli-taken-by-link');
    const [first, second] = copies;
    expect(first!.folder).not.toBe(second!.folder);
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    mkdirSync(out, { recursive: true });
    symlinkSync(elsewhere, join(out, second!.folder));
    for (const args of [
      ['--out', out, ...dirs],
      ['--out', out, ...[...dirs].reverse()],
    ]) {
      const result = mergeCommand(args);
      expect([result.status, result.stdout, result.stderr]).toEqual([
        2,
        '',
        `census:merge: --out ${JSON.stringify(out)}: ${join(out, second!.folder)} is a symbolic link, where the merge writes a folder: move it away, or give another --out (nothing written)\n`,
      ]);
    }
    expect(readdirSync(out)).toEqual([second!.folder]);
    expect(readdirSync(elsewhere)).toEqual([]);
    // One level down: a link where a folder of a portal's folder goes.
    rmSync(join(out, second!.folder));
    mkdirSync(join(out, first!.folder), { recursive: true });
    symlinkSync(elsewhere, join(out, first!.folder, 'audit.log'));
    const result = mergeCommand(['--out', out, ...dirs]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `census:merge: --out ${JSON.stringify(out)}: ${join(out, first!.folder, 'audit.log')} is a symbolic link, where the merge writes a file: move it away, or give another --out (nothing written)\n`,
    ]);
    expect(readdirSync(out)).toEqual([first!.folder]);
    expect(readdirSync(elsewhere)).toEqual([]);
  }, 60_000);
});

describe('census:merge says why it exits 2', () => {
  it('when no portal of the merged census could be audited, as the census does', () => {
    const root = join(scratch.path, 'cli-all-failed');
    const whole = sampleCensus();
    const failed = { ...whole.portals.find((row) => row.error !== null)!, position: 0 };
    const [dir] = onDisk(root, [{ ...whole, list: { ...whole.list, size: 1 }, shard: { index: 1, count: 1 }, portals: [failed] }]);
    const out = join(root, 'merged');
    const result = mergeCommand(['--out', out, dir!]);
    expect([result.status, result.stderr]).toEqual([2, '']);
    expect(result.stdout).toBe(
      `merged 1 shard(s), 1 portal(s), into ${out}/census.json, census.md, census.csv, census.html (no portal could be audited: exit 2)\n`,
    );
  }, 30_000);
});

describe('census:merge says why it exits 1', () => {
  it('names, with --strict, each portal and run that recorded another choice, as the census does', () => {
    // One portal, no finding: its refuse run clicked a button but recorded "accepted" (review: exit 1, nothing said).
    const accepted = report([], { consent: { state: 'accepted', changedAt: 1, trackers: {} }, findings: [] });
    const row = portalRow(
      0,
      new URL('https://data.tco.re/'),
      [
        { choice: 'accept', report: accepted, pages: ['/'], notLoaded: [] },
        { choice: 'refuse', report: accepted, pages: ['/'], notLoaded: [] },
      ],
      'data.tco.re',
      ['refuse'],
    );
    const root = join(scratch.path, 'cli-other-choice');
    const [dir] = onDisk(root, [censusDocument(RUN, { sha256: 'a'.repeat(64), size: 1 }, { index: 1, count: 1 }, [row])]);
    const out = join(root, 'merged');
    const result = mergeCommand(['--strict', '--out', out, dir!]);
    const warning = otherChoiceWarnings([row]);
    expect(warning).toEqual([
      'warning: data.tco.re: the refuse run recorded consent "accepted", not "refused": its findings say nothing of that choice (its audit.log says why: the button clicked, or none and the site\'s own choice)',
    ]);
    expect([result.status, result.stderr]).toEqual([1, '']);
    expect(result.stdout).toBe(
      `${warning[0]}\nmerged 1 shard(s), 1 portal(s), into ${out}/census.json, census.md, census.csv, census.html (--strict: exit 1)\n`,
    );
    // Said without --strict too, as the census says it: the row's findings say nothing of that choice.
    const again = mergeCommand(['--out', join(root, 'merged-again'), dir!]);
    expect([again.status, again.stdout.split('\n')[0]]).toEqual([0, warning[0]]);
  }, 60_000);
});

describe('census:merge with its standard output closed (`npm run census:merge -- … | head -1`)', () => {
  it('exits 2 when its last line cannot be written, never the 0 or 1 of a merge whose output was read, no stack trace', async () => {
    const root = join(scratch.path, 'cli-closed-output');
    const whole = sampleCensus();
    const [dir] = onDisk(root, [{ ...whole, shard: { index: 1, count: 1 } }]);
    const ended = await runWithStdoutClosed('scripts/census/main.ts', ['--out', join(root, 'merged'), dir!], { cwd: ROOT });
    expect(ended).toEqual({ status: 2, stderr: '' });
  }, 30_000);
});

describe('census:merge run by npm from a subfolder (`cd shards && npm run census:merge -- --out merged s1`)', () => {
  it('reads the shards and makes --out from the folder it was typed in (INIT_CWD, npm running its script), naming them as typed', () => {
    const typedIn = join(scratch.path, 'typed-in');
    mkdirSync(join(typedIn, 's1'), { recursive: true });
    writeFileSync(join(typedIn, 's1', 'census.json'), 'not JSON');
    // Run from the folder above, as npm runs a script from the package's root above where it was typed.
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/census/main.ts'), '--out', 'merged', 's1'], {
      cwd: scratch.path,
      encoding: 'utf8',
      timeout: 30_000,
      // As npm runs a script of the package whose root it runs from.
      env: { ...process.env, INIT_CWD: typedIn, npm_package_json: join(scratch.path, 'package.json') },
    });
    expect([result.status, result.stderr]).toEqual([2, 'census:merge: s1/census.json: cannot read a census (not JSON)\n']);
  }, 30_000);
});

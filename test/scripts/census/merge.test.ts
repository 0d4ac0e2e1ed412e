import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/audit/options.ts';
import { copyPortalFolders, mergeShards, readShard } from '../../../scripts/census/merge.ts';
import { parseMergeArgs } from '../../../scripts/census/main.ts';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import type { CensusDocument, CensusRow } from '../../../scripts/census/census-report.ts';
import { sampleCensus } from './census-fixtures.ts';

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
      new UsageError('shard-2: a shard of another census than shard-1 (its list or its settings differ)'),
    );
    const pages = { ...two!, document: { ...two!.document, run: { ...two!.document.run, pages: 5 } } };
    expect(() => mergeShards([one!, pages])).toThrow(/another census/);
    expect(() => mergeShards([one!, { ...one!, dir: 'again' }])).toThrow(new UsageError('shard 1/2 given twice: shard-1 and again'));
    expect(() => mergeShards([one!])).toThrow(new UsageError('missing shard(s) 2 of 2: every part of the list is needed'));
    expect(() => mergeShards([{ dir: 'whole', document: sampleCensus() }])).toThrow(/whole census, not a shard/);
    expect(() => mergeShards([])).toThrow(/give the shard folders/);
    const overlap = { ...two!, document: { ...two!.document, portals: [...two!.document.portals, one!.document.portals[0]!] } };
    expect(() => mergeShards([one!, overlap])).toThrow(/is in two shards/);
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
    writeFileSync(join(dir, 'census.json'), JSON.stringify(one!.document));
    expect(readShard(dir)).toEqual(one!.document);
    const out = join(scratch.path, 'merged');
    copyPortalFolders([{ dir, document: one!.document }], out);
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
      expect(() => copyPortalFolders([{ dir, document: one!.document }], out), name).toThrow(
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
    expect(parseMergeArgs(['--help']).help).toBe(true);
    expect(() => parseMergeArgs(['a'])).toThrow(new UsageError('--out DIR is needed: the folder of the merged census'));
    expect(() => parseMergeArgs(['--out', 'c'])).toThrow(new UsageError('give the shard folders to merge'));
    expect(() => parseMergeArgs(['--out'])).toThrow(new UsageError('--out needs a folder'));
    expect(() => parseMergeArgs(['--out', 'c', '--jobs', 'a'])).toThrow(new UsageError('unknown option --jobs (see --help)'));
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
    return dir;
  });
}

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
  ])('refuses a row whose %s is %j, naming the file, the row and the field', (field, value, message) => {
    const hostile = hostileShard(field, value);
    const [dir] = onDisk(join(scratch.path, `hostile-${field}-${String(value).replace(/[^a-z0-9]/gi, '_')}`), [hostile.document]);
    expect(() => readShard(dir!)).toThrow(new UsageError(`${join(dir!, 'census.json')}: ${message}`));
    const [, two] = shards();
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
    expect(() => copyPortalFolders([{ dir: dir!, document: hostile }], out)).toThrow(UsageError);
    expect(existsSync(join(root, 'a'))).toBe(false);
  });

  it('as a command: one line naming the shard, the row and the field, exit 2, nothing written', () => {
    const root = join(scratch.path, 'cli');
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'outside', 'secret.txt'), 'secret');
    const [, two] = shards();
    const dirs = onDisk(join(root, 'shards'), [hostileShard('report', '../../outside').document, two!.document]);
    const out = join(root, 'a', 'b', 'merged');
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/census/main.ts', '--out', out, ...dirs], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe(`census:merge: ${join(dirs[0]!, 'census.json')}: ${notFolder('../../outside')}\n`);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(existsSync(join(root, 'a'))).toBe(false);
  }, 30_000);
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/audit/options.ts';
import { copyPortalFolders, mergeShards, readShard } from '../../../scripts/census/merge.ts';
import { parseMergeArgs } from '../../../scripts/census/main.ts';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';
import type { CensusDocument } from '../../../scripts/census/census-report.ts';
import { sampleCensus } from './census-fixtures.ts';

const scratch = scratchDir('merge');
afterAll(() => scratch.remove());

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

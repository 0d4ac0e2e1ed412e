/** README's benchmark tables are generated from bench/results.json, committed with it: they cannot drift from it in anything. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockOf, readmeBlocks, README_BLOCKS, updateReadme, type BenchResults } from '../../../scripts/bench/readme.ts';
import { figure, ratioFigure } from '../../../scripts/bench/stats.ts';

const readme = readFileSync('README.md', 'utf8');
const results = JSON.parse(readFileSync('bench/results.json', 'utf8')) as BenchResults;

const tiny: BenchResults = {
  date: '2026-11-30T09:00:00.000Z',
  machine: { cpu: 'AMD EPYC', cores: 2, memoryGiB: 24, os: 'linux 6', node: 'v20.20.2', loadAverage: { start: 2.26, end: 4 } },
  browsers: { chromium: 'Chromium 156', firefox: 'Mozilla Firefox 153.8.0esr' },
  figures: [
    figure('popup size', 'JS loaded by the popup, gzip', 'bytes', [14_673], { kind: 'max', value: 15_000 }),
    ratioFigure('popup', 'report painted, 500 cookies', [66, 70], [55, 50], "the floor's first paint", { kind: 'max', value: 1.3 }),
    figure('hostile input', 'charter HTML: x @ 10 KB', 'ms', [1]),
  ],
  hostile: [{ reader: 'charter HTML', shape: "'<a' repeated", times: [0.5, 1.1, 10.6, 16.7], growth: 4.9 }],
};

/** Each of `text`'s blocks is, byte for byte, what the script makes of `from`. */
function expectGeneratedFrom(text: string, from: BenchResults): void {
  const generated = readmeBlocks(from);
  for (const block of README_BLOCKS) expect(blockOf(text, block), `${block} (npm run bench:readme writes it)`).toBe(generated[block]);
}

describe('README benchmark tables', () => {
  it('are exactly what the script makes from bench/results.json: numbers and verdicts too', () => {
    expectGeneratedFrom(readme, results);
  });

  it('state the machine and the date of the figures', () => {
    expect(blockOf(readme, 'bench-table').split('\n')[0]).toBe(readmeBlocks(results)['bench-table'].split('\n')[0]);
    expect(blockOf(readme, 'bench-table')).toMatch(/^Measured on \d{4}-\d\d-\d\d \(\d\d:\d\d UTC\): .+, \d+ cores, /);
  });

  it('print ratios with their budget, verdict and milliseconds beside, and leave hostile input to its own table', () => {
    const { 'bench-table': table, 'bench-hostile': hostile } = readmeBlocks(tiny);
    expect(table.split('\n')).toEqual([
      'Measured on 2026-11-30 (09:00 UTC): AMD EPYC, 2 cores, 24 GiB, linux 6, Node v20.20.2; Chromium 156; Mozilla Firefox 153.8.0esr; load average 2.3 at the start, 4.0 at the end.',
      '',
      '| group | figure | median | p25 – p75 | budget | absolute (ours / reference) |',
      '| --- | --- | --- | --- | --- | --- |',
      '| popup size | JS loaded by the popup, gzip | 14,673 bytes |  | ≤ 15,000 bytes met |  |',
      "| popup | report painted, 500 cookies | 1.30× | 1.25 – 1.35 | ≤ 1.30× met | 68.0 ms / 52.5 ms (the floor's first paint) |",
    ]);
    expect(hostile.split('\n')[2]).toBe("| charter HTML | '<a' repeated | 0.50 ms | 1.10 ms | 10.6 ms | 16.7 ms | 4.9× | met |");
  });

  it('fail on new numbers, a verdict edited by hand, a renamed figure or a changed budget', () => {
    const written = updateReadme(readme, tiny);
    expectGeneratedFrom(written, tiny);
    const slower = { ...tiny, figures: tiny.figures.map((f) => ({ ...f, median: f.median * 2, meets: false })) };
    expect(() => expectGeneratedFrom(written, slower)).toThrow();
    const saidMissed = written.replace('| ≤ 1.30× met |', '| ≤ 1.30× **missed** |');
    expect(saidMissed).not.toBe(written);
    expect(() => expectGeneratedFrom(saidMissed, tiny)).toThrow();
    const renamed = { ...tiny, figures: tiny.figures.map((f, i) => (i === 0 ? { ...f, name: 'JS at open' } : f)) };
    expect(() => expectGeneratedFrom(written, renamed)).toThrow();
    const tighter = {
      ...tiny,
      figures: tiny.figures.map((f, i) => (i === 1 ? { ...f, budget: { kind: 'max' as const, value: 1.2 } } : f)),
    };
    expect(() => expectGeneratedFrom(written, tighter)).toThrow();
  });

  it('say which markers are missing rather than write nowhere', () => {
    expect(() => updateReadme('# no markers\n', tiny)).toThrow(/README.md has no bench-table markers/);
  });
});

/** Every Node benchmark runs once on a tiny input, so the benchmark code cannot rot; no time is asserted. */
import { describe, expect, it } from 'vitest';
import { background, charterDraft, charterParsing, registry, reportBuild, syntheticCharter } from '../../../scripts/bench/node-benches.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { MAX_DOMAIN_CELL_LENGTH } from '../../../src/core/registry/open-cookie-database-domain.ts';
import { formatHostileTable, growthPerTenfold, HOSTILE_CASES, hostileInput } from '../../../scripts/bench/hostile.ts';

describe('benchmarks (tiny runs)', () => {
  it('parse every bundled charter and a synthetic one', () => {
    const figures = charterParsing('tiny');
    expect(figures.map((f) => f.name)).toContain('synthetic 20-row charter');
    expect(figures).toHaveLength(6);
    for (const f of figures) expect(Number.isFinite(f.median)).toBe(true);
  });

  it('build the registry and look names up', () => {
    const figures = registry('tiny');
    expect(figures.map((f) => f.unit)).toEqual(['ms', 'lookups/s', 'lookups/s', 'lookups/s']);
    for (const f of figures.slice(1)) expect(f.budget).toEqual({ kind: 'min', value: 200_000 });
  });

  it('process cookie events and count storage writes', async () => {
    const [events, writes] = await background('tiny');
    expect(events!.unit).toBe('events/s');
    expect(writes!.median).toBeGreaterThanOrEqual(1);
  });

  it('decode a record and build its report from scratch', () => {
    const figures = reportBuild('tiny');
    expect(figures.map((f) => [f.group, f.name, f.unit])).toEqual([
      ['report', 'record decoded from its stored JSON, 20 cookies', 'ms'],
      ['report', 'report built from scratch and its first page cut, 20 cookies', 'ms'],
    ]);
    for (const f of figures) expect(Number.isFinite(f.median)).toBe(true);
  });

  it('draft a charter from a site of synthetic cookies', () => {
    const [draft] = charterDraft('tiny');
    expect(draft).toMatchObject({ group: 'charter draft', name: '20 cookies, Markdown and HTML', unit: 'ms' });
    expect(Number.isFinite(draft!.median)).toBe(true);
  });

  it('make a synthetic charter the parser reads row for row', () => {
    expect(parseCharter(syntheticCharter(50)).entries).toHaveLength(50);
  });
});

describe('hostile input (each case once, at 10 KB)', () => {
  it('runs every reader on every shape without an error but the documented one', () => {
    const { figures, results } = hostileInput('tiny');
    expect(figures).toEqual([]);
    expect(results).toEqual([]);
    const readers = new Set(HOSTILE_CASES.map((hostile) => hostile.reader));
    expect([...readers]).toEqual([
      'charter HTML',
      'charter text',
      'duration',
      'name cell',
      'segmenting',
      'CSV',
      'Domain cell',
      'name lookup',
      'consent cookie',
      'Set-Cookie',
    ]);
  });

  it('makes each input exactly the size it names', () => {
    for (const hostile of HOSTILE_CASES) expect(hostile.make(10_000), `${hostile.reader}: ${hostile.shape}`).toHaveLength(10_000);
  });

  it('gives the Domain cell reader cells it reads, never only cells its length limit refuses', () => {
    for (const hostile of HOSTILE_CASES.filter((each) => each.reader === 'Domain cell')) {
      const cells = hostile.make(10_000).split('\n');
      expect(cells.length, hostile.shape).toBeGreaterThan(5);
      for (const cell of cells) expect(cell.length, hostile.shape).toBeLessThanOrEqual(MAX_DOMAIN_CELL_LENGTH);
      // As long as a cell may be and still be read: the length limit refuses none of them.
      expect(
        cells.slice(0, -1).every((cell) => cell.length === MAX_DOMAIN_CELL_LENGTH),
        hostile.shape,
      ).toBe(true);
    }
  });

  it('fits the growth per 10× over every size, and has none when a size was not run', () => {
    const sizes = [10_000, 100_000, 1_000_000, 2_000_000];
    expect(growthPerTenfold(sizes, [0.1, 1, 10, 20])).toBeCloseTo(10, 5);
    expect(growthPerTenfold(sizes, [0.01, 1, 100, 400])).toBeCloseTo(100, 5);
    expect(growthPerTenfold(sizes, [0.1, 1.5, 10, 20])).toBeLessThan(12);
    expect(growthPerTenfold(sizes, [0.1, 10, null, null])).toBeNull();
  });

  it('prints one line per shape with its times, growth and verdict', () => {
    const table = formatHostileTable([
      { reader: 'duration', shape: 'digits', times: [0.05, 0.5, 5, 10], growth: 10 },
      { reader: 'name cell', shape: 'distinct names', times: [3, 300, null, null], growth: null },
    ]);
    const lines = table.split('\n');
    expect(lines[2]).toMatch(/^duration\s+digits\s+0\.05 ms\s+0\.50 ms\s+5\.00 ms\s+10\.0 ms\s+10\.0×\s+met$/);
    expect(lines[3]).toMatch(/^name cell\s+distinct names\s+3\.00 ms\s+300 ms\s+not run\s+not run\s+∞\s+MISSED$/);
  });
});

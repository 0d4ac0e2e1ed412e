/** Every Node benchmark runs once on a tiny input, so the benchmark code cannot rot; no time is asserted. */
import { describe, expect, it } from 'vitest';
import { background, charterParsing, registry, syntheticCharter } from '../../scripts/bench/node-benches.ts';
import { figure } from '../../scripts/bench/stats.ts';
import { formatTable } from '../../scripts/bench.ts';
import { parseCharter } from '../../src/core/charter/parse.ts';

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

  it('make a synthetic charter the parser reads row for row', () => {
    expect(parseCharter(syntheticCharter(50)).entries).toHaveLength(50);
  });
});

describe('bench figures', () => {
  it('summarise samples and check budgets', () => {
    const f = figure('g', 'n', 'ms', [5, 1, 3, 2, 4], { kind: 'max', value: 2.5 });
    expect(f).toMatchObject({ median: 3, spread: { min: 1, p25: 2, p75: 4, max: 5 }, meets: false });
    expect(figure('g', 'n', 'x/s', [10], { kind: 'min', value: 5 }).meets).toBe(true);
  });

  it('print each figure beside its budget', () => {
    const table = formatTable([figure('popup', 'report rendered', 'ms', [40, 41], { kind: 'max', value: 50 })]);
    expect(table.split('\n')[2]).toMatch(/^popup\s+report rendered\s+40\.50 ms\s+40\.25 – 40\.75\s+≤ 50\.00\s+ok$/);
  });
});

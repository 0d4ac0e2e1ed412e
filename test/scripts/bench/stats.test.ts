import { describe, expect, it } from 'vitest';
import { figure, formatTable, inTurn, ratioFigure } from '../../../scripts/bench/stats.ts';

describe('bench figures', () => {
  it('summarise samples and check budgets', () => {
    const f = figure('g', 'n', 'ms', [5, 1, 3, 2, 4], { kind: 'max', value: 2.5 });
    expect(f).toMatchObject({ median: 3, spread: { min: 1, p25: 2, p75: 4, max: 5 }, meets: false });
    expect(figure('g', 'n', 'x/s', [10], { kind: 'min', value: 5 }).meets).toBe(true);
  });

  it('refuse a sample that is not a measurement, naming the figure, rather than sort it wrong', () => {
    expect(() => figure('popup', 'report painted', 'ms', [5, 1, Number.NaN, 4])).toThrow(
      'popup, report painted: sample 3 of 4 is NaN, not a measurement',
    );
    expect(() => figure('g', 'n', 'ms', [1, Number.POSITIVE_INFINITY])).toThrow(/sample 2 of 2 is Infinity/);
    expect(() => figure('g', 'n', 'ms', [Number.NEGATIVE_INFINITY])).toThrow(/-Infinity/);
    expect(() => figure('g', 'n', 'ms', [])).toThrow('g, n: no samples');
    // A ratio to a reference of 0 is refused too.
    expect(() => ratioFigure('g', 'n', [1, 2], [1, 0], 'x')).toThrow(/sample 2 of 2 is Infinity/);
  });

  it('let +∞ through only where asked: a size never reached misses its budget, visibly', () => {
    const unreached = figure(
      'hostile input',
      'x @ 2 MB',
      'ms',
      [Number.POSITIVE_INFINITY],
      { kind: 'max', value: 200 },
      { allowInfinity: true },
    );
    expect(unreached).toMatchObject({ median: Number.POSITIVE_INFINITY, meets: false });
    expect(() => figure('g', 'n', 'ms', [Number.NaN], undefined, { allowInfinity: true })).toThrow(/NaN/);
  });

  it('print each figure beside its budget', () => {
    const table = formatTable([figure('popup', 'report rendered', 'ms', [40, 41], { kind: 'max', value: 50 })]);
    expect(table.split('\n')[2]).toMatch(/^popup\s+report rendered\s+40\.50 ms\s+40\.25 – 40\.75\s+≤ 50\.00 ms\s+ok$/);
  });

  it('make ratios of samples taken in turn, with both sides beside them', () => {
    const f = ratioFigure('popup', 'report rendered', [60, 66, 120], [50, 60, 100], "the floor's first paint", { kind: 'max', value: 1.1 });
    expect(f.samples).toEqual([1.2, 1.1, 1.2]);
    expect(f).toMatchObject({ unit: '×', median: 1.2, meets: false, beside: { ours: 66, reference: 60, unit: 'ms' } });
    expect(formatTable([f]).split('\n')[2]).toMatch(
      /1\.20×\s+1\.15 – 1\.20\s+≤ 1\.10×\s+MISSED\s+66\.0 ms \/ 60\.0 ms \(the floor's first paint\)$/,
    );
    expect(() => ratioFigure('g', 'n', [1, 2], [1], 'x')).toThrow(/2 samples against 1/);
  });

  it('take ours and the reference in turn, which goes first alternating from run to run', async () => {
    const order: string[] = [];
    const take = (name: string) => async () => {
      order.push(name);
      return name;
    };
    for (let run = 0; run < 4; run++) expect(await inTurn(run, take('ours'), take('floor'))).toEqual(['ours', 'floor']);
    expect(order).toEqual(['ours', 'floor', 'floor', 'ours', 'ours', 'floor', 'floor', 'ours']);
  });
});

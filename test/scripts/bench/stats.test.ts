import { describe, expect, it } from 'vitest';
import { figure, formatTable } from '../../../scripts/bench/stats.ts';

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

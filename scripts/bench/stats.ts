/** Repeated measurements and their summary (the median, and the spread as min, quartiles, max), and the table that prints them. */

/** One measured quantity. */
export type Figure = {
  /** Group in the table ("charter parsing", "popup"...). */
  group: string;
  /** What was measured. */
  name: string;
  /** Unit of the samples ("ms", "lookups/s", "bytes"...). */
  unit: string;
  /** Every sample, in the order taken. */
  samples: number[];
  /** Median of the samples. */
  median: number;
  /** Spread of the samples. */
  spread: { min: number; p25: number; p75: number; max: number };
  /** The budget, when there is one: at most (`max`) or at least (`min`) this value. */
  budget?: { kind: 'max' | 'min'; value: number };
  /** Whether the median meets the budget. */
  meets?: boolean;
};

/** The q-quantile of sorted numbers, interpolated. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** A figure from its samples, checked against its budget. */
export function figure(group: string, name: string, unit: string, samples: number[], budget?: Figure['budget']): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const result: Figure = {
    group,
    name,
    unit,
    samples,
    median,
    spread: { min: sorted[0] ?? Number.NaN, p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75), max: sorted.at(-1) ?? Number.NaN },
  };
  if (budget) {
    result.budget = budget;
    result.meets = budget.kind === 'max' ? median <= budget.value : median >= budget.value;
  }
  return result;
}

/** Milliseconds per call of `fn`, as `samples` samples of `iterations` calls each (after one warm-up sample). */
export function timePerCall(fn: () => void, samples: number, iterations: number): number[] {
  const results: number[] = [];
  for (let s = -1; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    const perCall = (performance.now() - start) / iterations;
    if (s >= 0) results.push(perCall);
  }
  return results;
}

const number = (value: number, unit: string) =>
  unit === 'ms' ? value.toFixed(2) : value >= 1000 ? Math.round(value).toLocaleString('en') : value.toFixed(value % 1 ? 1 : 0);

/** The results as a fixed-width table, each figure beside its budget. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    `${number(f.median, f.unit)} ${f.unit}`,
    f.samples.length > 1 ? `${number(f.spread.p25, f.unit)} – ${number(f.spread.p75, f.unit)}` : '',
    f.budget ? `${f.budget.kind === 'max' ? '≤' : '≥'} ${number(f.budget.value, f.unit)}` : '',
    f.meets === undefined ? '' : f.meets ? 'ok' : 'MISSED',
  ]);
  const header = ['group', 'figure', 'median', 'spread (p25 – p75)', 'budget', ''];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

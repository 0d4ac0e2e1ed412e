/** Repeated measurements and their summary (the median, and the spread as min, quartiles, max), and the table that prints them. */

/** One measured quantity. */
export type Figure = {
  /** Group in the table ("charter parsing", "popup"...). */
  group: string;
  /** What was measured. */
  name: string;
  /** Unit of the samples ("ms", "lookups/s", "bytes"...; "×" for a ratio to a reference measured in the same run). */
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
  /** A ratio's two sides in absolute terms (their medians), printed beside it: information, never a budget. */
  beside?: { ours: number; reference: number; unit: string; label: string };
};

/** The unit of a ratio figure. */
export const RATIO = '×';

/**
 * Our samples as ratios to a reference's, taken in the same run (sample i of each, measured one
 * after the other, alternating): what the machine's speed and load do to both divides out.
 * `label` names the reference ("the floor's first paint").
 */
export function ratioFigure(
  group: string,
  name: string,
  ours: number[],
  reference: number[],
  label: string,
  budget?: Figure['budget'],
): Figure {
  if (ours.length !== reference.length) throw new Error(`${name}: ${ours.length} samples against ${reference.length} of the reference`);
  const ratios = ours.map((value, i) => value / reference[i]!);
  const absolute = (samples: number[]) => figure(group, name, 'ms', samples).median;
  return {
    ...figure(group, name, RATIO, ratios, budget),
    beside: { ours: absolute(ours), reference: absolute(reference), unit: 'ms', label },
  };
}

/**
 * Takes one sample of ours and one of the reference in run `run`: ours first in even runs, the
 * reference first in odd ones, so that neither always follows the other (what the one before
 * left running, warm or busy, falls on both alike). Resolves to [ours, reference].
 */
export async function inTurn<O, R>(run: number, ours: () => Promise<O>, reference: () => Promise<R>): Promise<[O, R]> {
  if (run % 2 === 0) {
    const our = await ours();
    return [our, await reference()];
  }
  const theirs = await reference();
  return [await ours(), theirs];
}

/** The q-quantile of sorted numbers, interpolated. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  // On a sample itself, that sample: interpolating ∞ with itself would make NaN (∞ − ∞).
  if (low === high) return sorted[low]!;
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/**
 * A figure from its samples, checked against its budget. A sample that is not a finite number is
 * a measurement that went wrong (a mark that never came, a division by zero): refused, naming the
 * figure, rather than a median sorted wrong and written as null. Only `allowInfinity` lets +∞
 * through: the hostile-input figures' size a reader never reached (hostile.ts), a budget missed.
 */
export function figure(
  group: string,
  name: string,
  unit: string,
  samples: number[],
  budget?: Figure['budget'],
  { allowInfinity = false }: { allowInfinity?: boolean } = {},
): Figure {
  if (samples.length === 0) throw new Error(`${group}, ${name}: no samples`);
  const wrong = samples.findIndex((sample) => !Number.isFinite(sample) && !(allowInfinity && sample === Number.POSITIVE_INFINITY));
  if (wrong >= 0) throw new Error(`${group}, ${name}: sample ${wrong + 1} of ${samples.length} is ${samples[wrong]}, not a measurement`);
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

export const formatNumber = (value: number, unit: string): string =>
  unit === 'ms'
    ? value.toFixed(2)
    : unit === RATIO || unit === 'MiB'
      ? value.toFixed(2)
      : value >= 1000
        ? Math.round(value).toLocaleString('en')
        : value.toFixed(value % 1 ? 1 : 0);

/** A figure's value with its unit ("1.05×", "12.40 ms", "21,940 bytes"). */
export function withUnit(value: number, unit: string): string {
  return unit === RATIO ? `${formatNumber(value, unit)}×` : `${formatNumber(value, unit)} ${unit}`;
}

/** A ratio's two sides, as printed beside it ("62.0 ms / 58.0 ms, the floor's first paint"). */
export function besideText(f: Figure): string {
  if (!f.beside) return '';
  const ms = (value: number) => `${value.toFixed(f.beside!.unit === 'MiB' ? 2 : 1)} ${f.beside!.unit}`;
  return `${ms(f.beside.ours)} / ${ms(f.beside.reference)} (${f.beside.label})`;
}

/** The results as a fixed-width table, each figure beside its budget. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    withUnit(f.median, f.unit),
    f.samples.length > 1 ? `${formatNumber(f.spread.p25, f.unit)} – ${formatNumber(f.spread.p75, f.unit)}` : '',
    f.budget ? `${f.budget.kind === 'max' ? '≤' : '≥'} ${withUnit(f.budget.value, f.unit)}` : '',
    f.meets === undefined ? '' : f.meets ? 'ok' : 'MISSED',
    besideText(f),
  ]);
  const header = ['group', 'figure', 'median', 'spread (p25 – p75)', 'budget', '', 'absolute (ours / reference)'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

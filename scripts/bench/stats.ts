/** Repeated measurements and their summary: the median, and the spread as min, quartiles, max. */

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

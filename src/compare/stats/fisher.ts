import { at } from './at.js';
import type { Alternative } from './types.js';

/** 2x2 contingency table [[a, b], [c, d]] of non-negative integer counts. */
export type Table2x2 = readonly [readonly [number, number], readonly [number, number]];

export interface FisherResult {
  /** Sample odds ratio a·d / (b·c), as SciPy reports it (Infinity when b·c = 0, NaN for an empty margin). */
  oddsRatio: number;
  pValue: number;
}

// pmf values come from a ratio recurrence carrying some rounding, so "as likely as the observed table" uses
// R's relative tolerance rather than SciPy's 1e-14; it only matters for mathematically tied probabilities.
const SAME_PROBABILITY = 1 + 1e-7;

interface Hypergeometric {
  low: number;
  /** Unnormalised pmf over low..high, 1 at the mode; the normalised pmf is weights / total. */
  weights: Float64Array;
  total: number;
}

/**
 * Hypergeometric distribution of the top-left cell given the margins, built outward from the mode with
 * pmf(x+1)/pmf(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1)). Same pmf SciPy gets from log-gamma, with less
 * cancellation for large N and nothing that can overflow (weights only shrink away from the mode).
 */
function hypergeometric(population: number, successes: number, draws: number): Hypergeometric {
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(successes, draws);
  const ratio = (x: number): number =>
    ((successes - x) * (draws - x)) / ((x + 1) * (population - successes - draws + x + 1));
  const mode = Math.min(Math.max(Math.floor(((draws + 1) * (successes + 1)) / (population + 2)), low), high);
  const weights = new Float64Array(high - low + 1);
  weights[mode - low] = 1;
  for (let x = mode; x < high; x++) weights[x + 1 - low] = at(weights, x - low) * ratio(x);
  for (let x = mode; x > low; x--) weights[x - 1 - low] = at(weights, x - low) / ratio(x - 1);
  return { low, weights, total: weights.reduce((sum, w) => sum + w, 0) };
}

function sumWhere(dist: Hypergeometric, keep: (x: number, weight: number) => boolean): number {
  let sum = 0;
  dist.weights.forEach((w, i) => {
    if (keep(dist.low + i, w)) sum += w;
  });
  return sum / dist.total;
}

function oddsRatio(a: number, b: number, c: number, d: number): number {
  return b > 0 && c > 0 ? (a * d) / (b * c) : Number.POSITIVE_INFINITY;
}

function validateCount(value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`table counts must be integers >= 0, got ${value}`);
}

/**
 * Fisher's exact test on a 2x2 table, with scipy.stats.fisher_exact's alternatives: 'greater' means an
 * odds ratio above 1 (P(X >= a)), 'less' below 1, 'two-sided' sums the tables no more likely than the observed.
 */
export function fisherExact(table: Table2x2, alternative: Alternative = 'two-sided'): FisherResult {
  const [[a, b], [c, d]] = table;
  [a, b, c, d].forEach(validateCount);
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { oddsRatio: Number.NaN, pValue: 1 };
  const dist = hypergeometric(a + b + c + d, a + b, a + c);
  const observed = at(dist.weights, a - dist.low);
  const pValue =
    alternative === 'less'
      ? sumWhere(dist, (x) => x <= a)
      : alternative === 'greater'
        ? sumWhere(dist, (x) => x >= a)
        : sumWhere(dist, (_, w) => w <= observed * SAME_PROBABILITY);
  return { oddsRatio: oddsRatio(a, b, c, d), pValue: Math.min(1, pValue) };
}

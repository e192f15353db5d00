import { finiteValues } from './describe.js';
import { normalPpf } from './normal.js';
import { pairwiseDifferenceSelector, type DifferenceSelector } from './pairwise-differences.js';

export interface ShiftEstimate {
  /** Median of all pairwise differences candidate_j - baseline_i. */
  shift: number;
  lower: number;
  upper: number;
}

function medianOf(select: DifferenceSelector, pairs: number): number {
  const half = Math.floor(pairs / 2);
  return pairs % 2 === 1 ? select(half + 1) : (select(half) + select(half + 1)) / 2;
}

/**
 * Rank of the lower confidence limit among the sorted differences (Moses / Hollander & Wolfe):
 * C = round(n1·n2/2 - z·√(n1·n2·(n1+n2+1)/12)), with z the two-sided normal critical value and no tie
 * correction. Clamped to 1 so tiny samples get the full range of differences rather than no interval.
 */
function lowerLimitRank(n1: number, n2: number, confidence: number): number {
  const pairs = n1 * n2;
  const z = normalPpf(1 - (1 - confidence) / 2);
  const rank = Math.round(pairs / 2 - z * Math.sqrt((pairs * (n1 + n2 + 1)) / 12));
  return Math.min(Math.max(rank, 1), Math.ceil(pairs / 2));
}

/**
 * Hodges-Lehmann shift of candidate over baseline with a distribution-free confidence interval.
 * Non-finite values are dropped. Beyond MATERIALIZE_LIMIT pairs the order statistics are selected without
 * materialising the pairs (exact, O((n1+n2)·log) per statistic), so large samples stay fast.
 */
export function hodgesLehmann(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence = 0.95,
): ShiftEstimate {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const x = finiteValues(baseline);
  const y = finiteValues(candidate);
  if (x.length === 0 || y.length === 0)
    throw new RangeError('hodgesLehmann needs a finite value in each sample');
  const select = pairwiseDifferenceSelector(x, y);
  const pairs = x.length * y.length;
  const rank = lowerLimitRank(x.length, y.length, confidence);
  return { shift: medianOf(select, pairs), lower: select(rank), upper: select(pairs + 1 - rank) };
}

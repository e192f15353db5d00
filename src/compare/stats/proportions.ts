import { fisherExact } from './fisher.js';
import { normalCdf, normalSf } from './normal.js';
import type { Alternative } from './types.js';

export interface Counts {
  errors: number;
  total: number;
}

export interface ProportionComparison {
  baselineRatio: number;
  candidateRatio: number;
  /** candidateRatio - baselineRatio. */
  difference: number;
  /** candidateRatio / baselineRatio; null when the baseline ratio is 0. */
  relative: number | null;
  pValue: number;
  /** 'degenerate': no errors at all, only errors, or an empty side; nothing to test, p = 1. */
  method: 'z-test' | 'fisher-exact' | 'degenerate';
}

// Usual rule of thumb for the normal approximation of a 2x2 table.
const MIN_EXPECTED_COUNT = 5;

function validate(counts: Counts, side: string): void {
  const { errors, total } = counts;
  if (!Number.isInteger(errors) || !Number.isInteger(total) || errors < 0 || errors > total) {
    throw new RangeError(`${side} counts must be integers with 0 <= errors <= total, got ${errors}/${total}`);
  }
}

function ratio(counts: Counts): number {
  return counts.total === 0 ? 0 : counts.errors / counts.total;
}

function isDegenerate(baseline: Counts, candidate: Counts): boolean {
  const errors = baseline.errors + candidate.errors;
  const total = baseline.total + candidate.total;
  return baseline.total === 0 || candidate.total === 0 || errors === 0 || errors === total;
}

/** Every expected cell count (row total · column total / N) of the 2x2 table is at least 5. */
function normalApproximationFits(baseline: Counts, candidate: Counts): boolean {
  const n = baseline.total + candidate.total;
  const errors = baseline.errors + candidate.errors;
  const rows = [baseline.total, candidate.total];
  const columns = [errors, n - errors];
  return rows.every((row) => columns.every((column) => (row * column) / n >= MIN_EXPECTED_COUNT));
}

/** Pooled two-proportion z-test without continuity correction; z > 0 when the candidate ratio is higher. */
export function twoProportionZ(baseline: Counts, candidate: Counts): number {
  const pooled = (baseline.errors + candidate.errors) / (baseline.total + candidate.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.total + 1 / candidate.total));
  return (ratio(candidate) - ratio(baseline)) / se;
}

function zTestPValue(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalSf(z);
  if (alternative === 'less') return normalCdf(z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/**
 * Compares error ratios; `alternative` is about the candidate ('greater': candidate ratio higher).
 * Pooled z-test when every expected count is >= 5, otherwise Fisher's exact test on
 * [[candidate errors, candidate ok], [baseline errors, baseline ok]], where 'greater' is odds ratio > 1.
 */
export function compareProportions(
  baseline: Counts,
  candidate: Counts,
  alternative: Alternative = 'two-sided',
): ProportionComparison {
  validate(baseline, 'baseline');
  validate(candidate, 'candidate');
  const baselineRatio = ratio(baseline);
  const candidateRatio = ratio(candidate);
  const shared = {
    baselineRatio,
    candidateRatio,
    difference: candidateRatio - baselineRatio,
    relative: baselineRatio === 0 ? null : candidateRatio / baselineRatio,
  };
  if (isDegenerate(baseline, candidate)) return { ...shared, pValue: 1, method: 'degenerate' };
  if (normalApproximationFits(baseline, candidate)) {
    return {
      ...shared,
      pValue: zTestPValue(twoProportionZ(baseline, candidate), alternative),
      method: 'z-test',
    };
  }
  const table = [
    [candidate.errors, candidate.total - candidate.errors],
    [baseline.errors, baseline.total - baseline.errors],
  ] as const;
  return { ...shared, pValue: fisherExact(table, alternative).pValue, method: 'fisher-exact' };
}

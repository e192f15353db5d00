import { finiteValues } from './describe.js';
import { mannWhitneyExactSf } from './mwu-exact.js';
import { normalSf } from './normal.js';
import { averageRanks } from './ranks.js';
import type { Alternative } from './types.js';

export interface MannWhitneyResult {
  /** U statistic of x (SciPy's U1): pairs (x_i, y_j) with x_i > y_j, ties counting one half. */
  u: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
  n1: number;
  n2: number;
}

// SciPy's method='auto' (checked against SciPy 1.17): exact when either sample has at most 8 values
// and there are no ties anywhere, the tie-corrected normal approximation otherwise.
const EXACT_MAX_SIZE = 8;

function chooseMethod(n1: number, n2: number, hasTies: boolean): MannWhitneyResult['method'] {
  return (n1 <= EXACT_MAX_SIZE || n2 <= EXACT_MAX_SIZE) && !hasTies ? 'exact' : 'asymptotic';
}

/** Normal approximation with tie correction and SciPy's continuity correction (always -0.5 on the SF side). */
function asymptoticSf(u: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + t ** 3 - t, 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // All values tied gives sigma = 0 and z = -Infinity, hence p = 1, as in SciPy.
  return normalSf((u - (n1 * n2) / 2 - 0.5) / sigma);
}

/**
 * Mann-Whitney U test of x against y ('greater': x tends to be larger), matching scipy.stats.mannwhitneyu
 * with method='auto' and use_continuity=True. Non-finite values are dropped.
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative = 'two-sided',
): MannWhitneyResult {
  const xs = finiteValues(x);
  const ys = finiteValues(y);
  const n1 = xs.length;
  const n2 = ys.length;
  if (n1 === 0 || n2 === 0)
    throw new RangeError('mannWhitneyU needs at least one finite value in each sample');
  const { ranks, tieSizes } = averageRanks([...xs, ...ys]);
  const rankSumX = ranks.slice(0, n1).reduce((sum, r) => sum + r, 0);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // The SF of U1 (greater), of U2 (less, by symmetry) or of the larger one doubled (two-sided).
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  const method = chooseMethod(n1, n2, tieSizes.length > 0);
  const sf = method === 'exact' ? mannWhitneyExactSf(u, n1, n2) : asymptoticSf(u, n1, n2, tieSizes);
  return { u: u1, pValue: Math.min(1, Math.max(0, factor * sf)), method, n1, n2 };
}

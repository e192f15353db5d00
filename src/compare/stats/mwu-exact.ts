import { at } from './at.js';

/** C(n, k) as a float; exact below 2^53 and within a few ulps beyond. */
export function binomial(n: number, k: number): number {
  const small = Math.min(k, n - k);
  let result = 1;
  for (let i = 1; i <= small; i++) result = (result * (n - small + i)) / i;
  return result;
}

/**
 * Null-distribution CDF P(U <= t) of the Mann-Whitney U without ties.
 * The counts of U are the coefficients of the Gaussian binomial [n1+n2 choose k]_q, built as
 * Π (1 - q^(m+i)) / (1 - q^i); both factors only look at lower degrees, so truncating at t is exact.
 */
export function mannWhitneyExactCdf(t: number, n1: number, n2: number): number {
  const top = Math.floor(t);
  if (top < 0) return 0;
  if (top >= n1 * n2) return 1;
  const k = Math.min(n1, n2);
  const m = Math.max(n1, n2);
  const counts = new Float64Array(top + 1);
  counts[0] = 1;
  for (let i = 1; i <= k; i++) {
    const lift = m + i;
    for (let j = top; j >= lift; j--) counts[j] = at(counts, j) - at(counts, j - lift);
    for (let j = i; j <= top; j++) counts[j] = at(counts, j) + at(counts, j - i);
  }
  const ways = counts.reduce((sum, c) => sum + c, 0);
  return Math.min(1, ways / binomial(n1 + n2, k));
}

/** P(U >= u) under the null, by the symmetry U ~ n1·n2 - U. */
export function mannWhitneyExactSf(u: number, n1: number, n2: number): number {
  return mannWhitneyExactCdf(n1 * n2 - u, n1, n2);
}

import { logGamma } from './binomial.js';

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < TINY ? TINY : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / (Math.abs(1 + even * d) < TINY ? TINY : 1 + even * d);
    c = Math.abs(1 + even / c) < TINY ? TINY : 1 + even / c;
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / (Math.abs(1 + odd * d) < TINY ? TINY : 1 + odd * d);
    c = Math.abs(1 + odd / c) < TINY ? TINY : 1 + odd / c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast below the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) above it.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** P(T > t) for Student's t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTSf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

export interface WelchResult {
  /** mean(candidate) - mean(baseline) */
  difference: number;
  t: number;
  df: number;
  /** One-sided: the candidate's mean is greater. */
  pValue: number;
}

const meanOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const varianceOf = (xs: readonly number[], m: number): number =>
  xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1);

/** Welch's unequal-variances t-test, one-sided (candidate greater); needs 2+ values per side. */
export function welchTTest(baseline: readonly number[], candidate: readonly number[]): WelchResult {
  if (baseline.length < 2 || candidate.length < 2) throw new RangeError('welchTTest needs 2 values per side');
  const [mb, mc] = [meanOf(baseline), meanOf(candidate)];
  const [vb, vc] = [varianceOf(baseline, mb) / baseline.length, varianceOf(candidate, mc) / candidate.length];
  const difference = mc - mb;
  const se = Math.sqrt(vb + vc);
  if (se === 0)
    return { difference, t: difference > 0 ? Infinity : 0, df: Infinity, pValue: difference > 0 ? 0 : 1 };
  const df = (vb + vc) ** 2 / (vb ** 2 / (baseline.length - 1) + vc ** 2 / (candidate.length - 1));
  const t = difference / se;
  return { difference, t, df, pValue: studentTSf(t, df) };
}

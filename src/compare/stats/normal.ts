const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
// Below this the erf series loses no precision in 1 - erf; above it the continued fraction converges fast.
const SERIES_LIMIT = 2;

/** exp(-x²) without the rounding error of squaring a large x (Cody's split trick). */
function expMinusSquare(x: number): number {
  const hi = Math.round(x * 16) / 16;
  return Math.exp(-hi * hi) * Math.exp(-(x - hi) * (x + hi));
}

/** erf(x) for 0 <= x < 2 from the all-positive series 2/√π·e^(-x²)·Σ 2ⁿx^(2n+1)/(2n+1)!!, free of cancellation. */
function erfSeries(x: number): number {
  const twoX2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}

/** erfc(x) for x >= 2 from Laplace's continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))), modified Lentz. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    c = x + a / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return expMinusSquare(x) / (Math.sqrt(Math.PI) * f);
}

/** Complementary error function, relative accuracy ~1e-14 over the whole range. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Standard normal CDF P(Z <= z); the lower tail is computed directly so tiny values keep full precision. */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z * Math.SQRT1_2) : 1 - 0.5 * erfc(z * Math.SQRT1_2);
}

/** Standard normal survival function P(Z > z), precise in the upper tail. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step.
const A = [
  -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Horner evaluation of a polynomial with coefficients from the highest power down. */
function horner(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((acc, c) => acc * x + c, 0);
}

function acklamLower(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return horner(C, q) / (horner(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (horner(A, r) * q) / (horner(B, r) * r + 1);
}

/** Quantile for p <= 0.5, where the CDF is evaluated without cancellation. */
function lowerQuantile(p: number): number {
  const x = acklamLower(p);
  const density = normalPdf(x);
  if (density === 0) return x;
  const u = (normalCdf(x) - p) / density;
  return x - u / (1 + (x * u) / 2);
}

/** Inverse of the standard normal CDF. */
export function normalPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // 1 - p is exact for p >= 0.5, so the upper half mirrors the precise lower half.
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

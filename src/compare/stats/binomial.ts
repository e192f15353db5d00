/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Sum of pmf over k = from..to, walking away from the mode so terms only shrink (stops when negligible). */
function sumPmf(from: number, to: number, n: number, p: number): number {
  let sum = 0;
  const step = from <= to ? 1 : -1;
  for (let k = from; step > 0 ? k <= to : k >= to; k += step) {
    const term = Math.exp(logPmf(k, n, p));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * P(X >= k) for X ~ Binomial(n, p), exact. Summed over the tail on the far side of the mode (the smaller
 * sum), so it stays accurate for tiny p-values and costs O(terms until negligible).
 */
export function binomialSf(k: number, n: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0) throw new RangeError('k and n must be integers');
  if (k <= 0) return 1;
  if (k > n) return 0;
  const mode = Math.floor((n + 1) * p);
  if (k > mode) return Math.min(1, sumPmf(k, n, n, p));
  return Math.max(0, 1 - sumPmf(k - 1, 0, n, p));
}

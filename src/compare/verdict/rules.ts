import type { Tolerance, Verdict } from './types.js';

export const DEFAULT_ALPHA = 0.05;

/**
 * Largest acceptable change in the bad direction. A change is acceptable when it is within ANY given form
 * (with {absolute: 5, relative: 0.1}: <= 5 or <= 10% of |baseline level|), so the allowance is the larger
 * of the given forms; it is beyond tolerance only when it exceeds every form. No tolerance allows 0.
 */
export function allowedShift(tolerance: Tolerance | undefined, baselineLevel: number): number {
  const absolute = tolerance?.absolute ?? 0;
  const relative = (tolerance?.relative ?? 0) * Math.abs(baselineLevel);
  return Math.max(absolute, relative, 0);
}

/**
 * fail: significant (p < alpha) and beyond tolerance. marginal: significant but within tolerance, or beyond
 * tolerance with only weak evidence (p < 2·alpha). pass otherwise.
 */
export function classify(pValue: number, alpha: number, badShift: number, allowed: number): Verdict {
  const significant = pValue < alpha;
  const beyond = badShift > allowed;
  if (significant && beyond) return 'fail';
  if (significant || (beyond && pValue < 2 * alpha)) return 'marginal';
  return 'pass';
}

export function validateOptions(alpha: number, weight: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (!(weight >= 0 && Number.isFinite(weight))) throw new RangeError(`weight must be >= 0, got ${weight}`);
}

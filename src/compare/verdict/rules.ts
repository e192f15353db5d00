import type { Tolerance, Verdict } from './types.js';

export const DEFAULT_ALPHA = 0.05;
/** An error ratio this many times the baseline's is material even inside the absolute tolerance. */
export const MATERIAL_RATIO = 1.5;

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
 * Numeric signals. fail: significant (p < alpha) and beyond tolerance. marginal: beyond tolerance but not
 * significant (possibly worse, too few samples to tell). pass otherwise: a significant change inside the
 * tolerance is by definition acceptable.
 */
export function classify(pValue: number, alpha: number, badShift: number, allowed: number): Verdict {
  const beyond = badShift > allowed;
  if (!beyond) return 'pass';
  return pValue < alpha ? 'fail' : 'marginal';
}

/**
 * Error counts. fail: significant and beyond tolerance. marginal: a material rise that is not a fail —
 * beyond tolerance without significance, or at least MATERIAL_RATIO x the baseline ratio (a doubled error
 * ratio deserves a look even when small in percentage points). pass otherwise.
 */
export function classifyCounts(
  pValue: number,
  alpha: number,
  shift: number,
  allowed: number,
  relative: number | null,
): Verdict {
  const beyond = shift > allowed;
  if (beyond && pValue < alpha) return 'fail';
  const material = beyond || (shift > 0 && (relative === null || relative >= MATERIAL_RATIO));
  return material ? 'marginal' : 'pass';
}

export function validateOptions(alpha: number, weight: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (!(weight >= 0 && Number.isFinite(weight))) throw new RangeError(`weight must be >= 0, got ${weight}`);
}

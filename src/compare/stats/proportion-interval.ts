import { normalPpf } from './normal.js';
import type { Counts } from './proportions.js';

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for errors / total (total > 0). */
export function wilsonInterval(errors: number, total: number, confidence = 0.95): Interval {
  const z = normalPpf(1 - (1 - confidence) / 2);
  const p = errors / total;
  const z2n = (z * z) / total;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total));
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of ratios candidate - baseline;
 * unlike the Wald interval it behaves with zero counts.
 */
export function ratioDifferenceInterval(baseline: Counts, candidate: Counts, confidence = 0.95): Interval {
  const p1 = baseline.errors / baseline.total;
  const p2 = candidate.errors / candidate.total;
  const w1 = wilsonInterval(baseline.errors, baseline.total, confidence);
  const w2 = wilsonInterval(candidate.errors, candidate.total, confidence);
  const d = p2 - p1;
  return {
    lower: d - Math.hypot(p2 - w2.lower, w1.upper - p1),
    upper: d + Math.hypot(w2.upper - p2, p1 - w1.lower),
  };
}

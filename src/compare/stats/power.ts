import { normalPpf } from './normal.js';

const DEFAULT_POWER = 0.8;

/**
 * Requests per side a one-sided two-proportion test at `alpha` needs to detect p1 -> p2 with `power`
 * (Fleiss' formula without continuity correction). null when p2 <= p1.
 */
export function requestsToDetect(
  p1: number,
  p2: number,
  alpha: number,
  power = DEFAULT_POWER,
): number | null {
  if (!(p2 > p1)) return null;
  const za = normalPpf(1 - alpha);
  const zb = normalPpf(power);
  const mean = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)));
}

/**
 * Samples per side needed for an effect seen with one-sided p-value `p` on n per side to reach `alpha`
 * with `power`: the test statistic grows with sqrt(n), so n·((z_alpha + z_power) / z_observed)^2. null
 * when the observed effect points the other way (p >= 0.5).
 */
export function samplesToDetect(n: number, p: number, alpha: number, power = DEFAULT_POWER): number | null {
  if (!(p < 0.5) || n <= 0) return null;
  const z = normalPpf(1 - Math.max(p, 1e-300));
  const factor = (normalPpf(1 - alpha) + normalPpf(power)) / z;
  return Math.ceil(n * factor * factor);
}

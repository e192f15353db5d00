import { binomialSf } from './binomial.js';

/** Events seen over an exposure (log lines over requests). */
export interface RateCount {
  count: number;
  exposure: number;
}

export interface RateComparison {
  /** Candidate rate / baseline rate; Infinity when the baseline has no events, null without exposure. */
  ratio: number | null;
  /** One-sided p-value of H0: candidate rate <= `ratio0` x baseline rate. */
  pValue: number;
}

/**
 * Exact conditional test of two Poisson rates (the binomial test of Przyborowski & Wilenski): given
 * n = c + b events, under H0 (rate ratio = r0) the candidate's share is Binomial(n, r0·Ec / (r0·Ec + Eb)).
 * p = P(X >= c). Counts are rounded to integers; a side without exposure gives p = 1.
 */
export function compareRates(baseline: RateCount, candidate: RateCount, ratio0 = 1): RateComparison {
  if (!(ratio0 > 0)) throw new RangeError(`ratio0 must be > 0, got ${ratio0}`);
  const [b, c] = [Math.round(baseline.count), Math.round(candidate.count)];
  if (!(baseline.exposure > 0 && candidate.exposure > 0) || b < 0 || c < 0) return { ratio: null, pValue: 1 };
  const ratio = b === 0 ? (c === 0 ? 1 : Infinity) : c / candidate.exposure / (b / baseline.exposure);
  const share = (ratio0 * candidate.exposure) / (ratio0 * candidate.exposure + baseline.exposure);
  return { ratio, pValue: binomialSf(c, b + c, share) };
}

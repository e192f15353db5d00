import type { Counts } from '../stats/index.js';

export type Direction = 'increase_is_bad' | 'decrease_is_bad' | 'either';
export type Verdict = 'pass' | 'marginal' | 'fail' | 'no_data';

/** Acceptable change in the bad direction; see allowedShift for how the two forms combine. */
export interface Tolerance {
  /** Fraction of the baseline level: 0.1 = 10%. */
  relative?: number;
  /** Same unit as the values (for error counts: a ratio, 0.001 = 0.1 percentage points). */
  absolute?: number;
}

interface JudgeOptions {
  signal: string;
  tolerance?: Tolerance;
  minSamples?: number;
  critical?: boolean;
  weight?: number;
  alpha?: number;
}

export interface SeriesInput extends JudgeOptions {
  direction: Direction;
  baseline: readonly number[];
  candidate: readonly number[];
}

/** Error counts; increase is bad; minSamples is the minimum total requests per side. */
export interface CountsInput extends JudgeOptions {
  baseline: Counts;
  candidate: Counts;
}

/** Outcome for one signal; numbers are null when there was not enough data to compute them. */
export interface SignalVerdict {
  signal: string;
  verdict: Verdict;
  /** One human line. */
  reason: string;
  /** Median of the baseline values (for counts: the baseline error ratio). */
  baselineMedian: number | null;
  candidateMedian: number | null;
  /** Hodges-Lehmann shift candidate - baseline (for counts: difference of ratios). */
  shift: number | null;
  /** Confidence interval of the shift at level 1 - alpha. */
  shiftLower: number | null;
  shiftUpper: number | null;
  /** candidateMedian / baselineMedian; null when the baseline median is 0. */
  relativeEffect: number | null;
  pValue: number | null;
  /** Mean shift when a stall decided the verdict (Welch); absent otherwise. */
  stallShift?: number;
  nBaseline: number;
  nCandidate: number;
  critical: boolean;
  weight: number;
}

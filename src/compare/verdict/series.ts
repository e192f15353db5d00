import {
  finiteValues,
  hodgesLehmann,
  mannWhitneyU,
  median,
  samplesToDetect,
  welchTTest,
  type Alternative,
} from '../stats/index.js';
import { describeTolerance, formatNumber, formatP, signed, signedPercent } from './format.js';
import { allowedShift, classify, DEFAULT_ALPHA, validateOptions } from './rules.js';
import type { Direction, SeriesInput, SignalVerdict } from './types.js';

const DEFAULT_MIN_SAMPLES = 5;

/** Mann-Whitney alternative for candidate vs baseline: one-sided towards the bad direction. */
function alternativeFor(direction: Direction): Alternative {
  return direction === 'increase_is_bad' ? 'greater' : direction === 'decrease_is_bad' ? 'less' : 'two-sided';
}

/** The shift measured in the bad direction (positive = worse). */
function badShift(shift: number, direction: Direction): number {
  return direction === 'increase_is_bad' ? shift : direction === 'decrease_is_bad' ? -shift : Math.abs(shift);
}

function noData(
  input: SeriesInput,
  nBaseline: number,
  nCandidate: number,
  minSamples: number,
): SignalVerdict {
  return {
    signal: input.signal,
    verdict: 'no_data',
    reason: `${input.signal}: too few samples (baseline ${nBaseline}, candidate ${nCandidate}; need ${minSamples} each)`,
    baselineMedian: nBaseline > 0 ? median(input.baseline) : null,
    candidateMedian: nCandidate > 0 ? median(input.candidate) : null,
    shift: null,
    shiftLower: null,
    shiftUpper: null,
    relativeEffect: null,
    pValue: null,
    nBaseline,
    nCandidate,
    critical: input.critical ?? false,
    weight: input.weight ?? 1,
  };
}

interface Judged {
  shift: number;
  baselineMedian: number;
  beyond: boolean;
  p: number;
  /** Smaller side's sample count, for the power statement of an inconclusive change. */
  n: number;
  inconclusive: boolean;
  alpha: number;
}

function powerNote(j: Judged): string {
  const needed = samplesToDetect(j.n, j.p, j.alpha);
  const more = needed === null ? '' : `; about ${needed} per side would be needed to detect it`;
  return `; possibly worse, too few samples to tell (${j.n} on the smaller side${more})`;
}

function seriesReason(input: SeriesInput, j: Judged): string {
  const { shift, baselineMedian } = j;
  const percent = baselineMedian === 0 ? '' : ` (${signedPercent(shift / Math.abs(baselineMedian))})`;
  const tolerance = describeTolerance(input.tolerance, input.direction, j.beyond);
  const note = j.inconclusive ? powerNote(j) : '';
  return `${input.signal} ${signed(formatNumber(shift), shift)}${percent} in candidate, ${tolerance}; Mann-Whitney ${formatP(j.p)}${note}`;
}

/**
 * A stall (part of the window much slower, the rest unchanged) leaves the median shift near 0 but moves
 * the mean: Welch's t-test on the same points, against the same tolerance, catches it (Kayenta #780).
 */
function stallOf(
  input: SeriesInput,
  baseline: number[],
  candidate: number[],
  allowed: number,
  alpha: number,
) {
  if (input.direction !== 'increase_is_bad') return null;
  const welch = welchTTest(baseline, candidate);
  return welch.pValue < alpha && welch.difference > allowed ? welch : null;
}

function stallReason(input: SeriesInput, difference: number, p: number): string {
  return `${input.signal}: stalls in candidate, mean ${signed(formatNumber(difference), difference)} while the median barely moved, ${describeTolerance(input.tolerance, input.direction, true)}; Welch t-test ${formatP(p)}`;
}

/**
 * Judges a numeric signal: Mann-Whitney for significance (one-sided towards the bad direction, two-sided
 * for 'either'), Hodges-Lehmann shift against the tolerance; see classify for the verdict rule.
 */
export function judgeSeries(input: SeriesInput): SignalVerdict {
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const weight = input.weight ?? 1;
  validateOptions(alpha, weight);
  const baseline = finiteValues(input.baseline);
  const candidate = finiteValues(input.candidate);
  const minSamples = input.minSamples ?? DEFAULT_MIN_SAMPLES;
  if (
    baseline.length < minSamples ||
    candidate.length < minSamples ||
    baseline.length === 0 ||
    candidate.length === 0
  ) {
    return noData(input, baseline.length, candidate.length, minSamples);
  }
  const test = mannWhitneyU(candidate, baseline, alternativeFor(input.direction));
  const estimate = hodgesLehmann(baseline, candidate, 1 - alpha);
  const baselineMedian = median(baseline);
  const candidateMedian = median(candidate);
  const worse = badShift(estimate.shift, input.direction);
  const allowed = allowedShift(input.tolerance, baselineMedian);
  const medianVerdict = classify(test.pValue, alpha, worse, allowed);
  const stall = medianVerdict === 'fail' ? null : stallOf(input, baseline, candidate, allowed, alpha);
  const verdict = stall ? 'fail' : medianVerdict;
  const judged: Judged = {
    shift: estimate.shift,
    baselineMedian,
    beyond: worse > allowed,
    p: test.pValue,
    n: Math.min(baseline.length, candidate.length),
    inconclusive: verdict === 'marginal',
    alpha,
  };
  return {
    signal: input.signal,
    verdict,
    reason: stall ? stallReason(input, stall.difference, stall.pValue) : seriesReason(input, judged),
    ...(stall ? { stallShift: stall.difference } : {}),
    baselineMedian,
    candidateMedian,
    shift: estimate.shift,
    shiftLower: estimate.lower,
    shiftUpper: estimate.upper,
    relativeEffect: baselineMedian === 0 ? null : candidateMedian / baselineMedian,
    pValue: test.pValue,
    nBaseline: baseline.length,
    nCandidate: candidate.length,
    critical: input.critical ?? false,
    weight,
  };
}

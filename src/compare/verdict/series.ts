import { finiteValues, hodgesLehmann, mannWhitneyU, median, type Alternative } from '../stats/index.js';
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

function seriesReason(
  input: SeriesInput,
  shift: number,
  baselineMedian: number,
  beyond: boolean,
  p: number,
): string {
  const percent = baselineMedian === 0 ? '' : ` (${signedPercent(shift / Math.abs(baselineMedian))})`;
  const tolerance = describeTolerance(input.tolerance, input.direction, beyond);
  return `${input.signal} ${signed(formatNumber(shift), shift)}${percent} in candidate, ${tolerance}; Mann-Whitney ${formatP(p)}`;
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
  return {
    signal: input.signal,
    verdict: classify(test.pValue, alpha, worse, allowed),
    reason: seriesReason(input, estimate.shift, baselineMedian, worse > allowed, test.pValue),
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

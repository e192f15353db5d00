import {
  compareProportions,
  ratioDifferenceInterval,
  requestsToDetect,
  type ProportionComparison,
} from '../stats/index.js';
import { describeTolerance, formatNumber, formatP, formatRatio, signed } from './format.js';
import { allowedShift, classifyCounts, DEFAULT_ALPHA, validateOptions } from './rules.js';
import type { CountsInput, SignalVerdict } from './types.js';

const DEFAULT_MIN_REQUESTS = 100;

const METHOD_LABEL: Record<ProportionComparison['method'], string> = {
  'z-test': 'z-test',
  'fisher-exact': 'Fisher',
  degenerate: 'no test',
};

function percentagePoints(ratio: number): string {
  return `${formatNumber(ratio * 100)} pp`;
}

/** "possibly worse, too few requests to tell (...); about M per side would be needed to detect it". */
function powerNote(input: CountsInput, comparison: ProportionComparison, alpha: number): string {
  const needed = requestsToDetect(comparison.baselineRatio, comparison.candidateRatio, alpha);
  const have = Math.min(input.baseline.total, input.candidate.total);
  const more = needed === null ? '' : `; about ${needed} requests per side would be needed to detect it`;
  return `; possibly worse, too few requests to tell (${have} on the smaller side${more})`;
}

function countsReason(
  input: CountsInput,
  comparison: ProportionComparison,
  beyond: boolean,
  inconclusive: boolean,
  alpha: number,
): string {
  const { baselineRatio, candidateRatio, difference } = comparison;
  const change = signed(`${(difference * 100).toFixed(2)} pp`, difference);
  const tolerance = describeTolerance(input.tolerance, 'increase_is_bad', beyond, percentagePoints);
  const test = `${METHOD_LABEL[comparison.method]} ${formatP(comparison.pValue)}`;
  const note = inconclusive ? powerNote(input, comparison, alpha) : '';
  return `${input.signal} ${formatRatio(baselineRatio)} -> ${formatRatio(candidateRatio)} (${change}), ${tolerance}; ${test}${note}`;
}

function base(
  input: CountsInput,
  weight: number,
): Pick<SignalVerdict, 'signal' | 'nBaseline' | 'nCandidate' | 'critical' | 'weight'> {
  return {
    signal: input.signal,
    nBaseline: input.baseline.total,
    nCandidate: input.candidate.total,
    critical: input.critical ?? false,
    weight,
  };
}

/**
 * Judges error counts (an increase of the error ratio is bad): one-sided z-test or Fisher via
 * compareProportions, the difference of ratios against the tolerance (see classifyCounts), Newcombe
 * interval for the shift; an inconclusive rise says how many requests would settle it.
 */
export function judgeCounts(input: CountsInput): SignalVerdict {
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const weight = input.weight ?? 1;
  validateOptions(alpha, weight);
  const minSamples = input.minSamples ?? DEFAULT_MIN_REQUESTS;
  // Computed first so impossible counts are rejected even when there are too few requests.
  const comparison = compareProportions(input.baseline, input.candidate, 'greater');
  const { baseline, candidate } = input;
  if (
    baseline.total < minSamples ||
    candidate.total < minSamples ||
    baseline.total === 0 ||
    candidate.total === 0
  ) {
    const reason = `${input.signal}: too few requests (baseline ${baseline.total}, candidate ${candidate.total}; need ${minSamples} each)`;
    const nulls = { shift: null, shiftLower: null, shiftUpper: null, relativeEffect: null, pValue: null };
    return {
      ...base(input, weight),
      verdict: 'no_data',
      reason,
      baselineMedian: null,
      candidateMedian: null,
      ...nulls,
    };
  }
  const interval = ratioDifferenceInterval(baseline, candidate, 1 - alpha);
  const allowed = allowedShift(input.tolerance, comparison.baselineRatio);
  const { pValue, difference, relative } = comparison;
  const verdict = classifyCounts(pValue, alpha, difference, allowed, relative);
  const inconclusive = verdict === 'marginal' && pValue >= alpha;
  return {
    ...base(input, weight),
    verdict,
    reason: countsReason(input, comparison, difference > allowed, inconclusive, alpha),
    baselineMedian: comparison.baselineRatio,
    candidateMedian: comparison.candidateRatio,
    shift: comparison.difference,
    shiftLower: interval.lower,
    shiftUpper: interval.upper,
    relativeEffect: comparison.relative,
    pValue: comparison.pValue,
  };
}

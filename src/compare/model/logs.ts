import type { ErrorPatternCount, ErrorPatternCounts } from '../../logs/index.js';
import { compareRates, holmAdjust } from '../stats/index.js';
import { DEFAULT_ALPHA, formatP, type Verdict } from '../verdict/index.js';
import { percent } from './labels.js';
import type { LogPatternDiff, PatternChange, SignalComparison, WindowCounts } from './types.js';

/** The tolerance of a pattern's rate: it fails only with strong evidence of more than this many times... */
export const GROWTH_FACTOR = 2;
/** ...and at least this many candidate lines (read, not scaled): fewer is no pattern to name. */
export const MIN_PATTERN_LINES = 5;

type Samples = ErrorPatternCounts['samples'];
type Role = 'baseline' | 'candidate';
interface Requests {
  baseline: WindowCounts;
  candidate: WindowCounts;
}

const mine = (samples: Samples, role: Role) => samples.filter((s) => s.role === role);
const sum = (xs: readonly { sampleSize: number; total: number }[], pick: 'sampleSize' | 'total'): number =>
  xs.reduce((n, s) => n + s[pick], 0);

/** Lines in the window per line read: pattern counts come from the newest lines only when capped. */
function scaleOf(samples: Samples, role: Role): number {
  const read = sum(mine(samples, role), 'sampleSize');
  return read > 0 ? sum(mine(samples, role), 'total') / read : 1;
}

/**
 * The exposure a side's read lines stand for: its requests when both sides have request counts (rates
 * per request), else its error lines (a pattern's share of the errors), times the share of lines read.
 */
function exposures(samples: Samples, requests: Requests): { baseline: number; candidate: number } {
  const perRequest = requests.baseline.total > 0 && requests.candidate.total > 0;
  const of = (role: Role): number => {
    const read = sum(mine(samples, role), 'sampleSize');
    const total = sum(mine(samples, role), 'total');
    const base = perRequest ? requests[role].total : total;
    return total > 0 ? (base * read) / total : 0;
  };
  return { baseline: of('baseline'), candidate: of('candidate') };
}

interface Tested {
  p: ErrorPatternCount;
  ratio: number | null;
  pTolerance: number;
  pNull: number;
}

function test(p: ErrorPatternCount, exposure: { baseline: number; candidate: number }): Tested {
  const b = { count: p.baselineCount, exposure: exposure.baseline };
  const c = { count: p.count, exposure: exposure.candidate };
  const null1 = compareRates(b, c, 1);
  return { p, ratio: null1.ratio, pTolerance: compareRates(b, c, GROWTH_FACTOR).pValue, pNull: null1.pValue };
}

function verdictOf(t: Tested, adjTolerance: number, adjNull: number): Verdict {
  if (t.p.count < MIN_PATTERN_LINES) return 'pass';
  if (adjTolerance < DEFAULT_ALPHA) return 'fail';
  const grew = t.ratio !== null && t.ratio >= GROWTH_FACTOR;
  return grew && adjNull < DEFAULT_ALPHA ? 'marginal' : 'pass';
}

function toChange(
  t: Tested,
  verdict: Verdict,
  pValue: number,
  scale: Record<Role, number>,
  requests: Requests,
) {
  const p = t.p;
  const count = Math.round(p.count * scale.candidate);
  const baselineCount = Math.round(p.baselineCount * scale.baseline);
  const countByEnv = Object.fromEntries(
    Object.entries(p.countByEnv).map(([env, n]) => [env, Math.round(n * scale.candidate)]),
  );
  const per = (lines: number, counts: WindowCounts): number | null =>
    counts.total > 0 ? lines / counts.total : null;
  const change: PatternChange = {
    ...p,
    count,
    countByEnv,
    baselineCount,
    perRequest: per(count, requests.candidate),
    baselinePerRequest: per(baselineCount, requests.baseline),
    rateRatio: t.ratio,
    pValue,
    verdict,
  };
  return change;
}

/**
 * Every candidate error pattern tested against the baseline's rate of the same pattern (0 for a new one):
 * the exact Poisson-rate test of H0 "at most GROWTH_FACTOR x the baseline rate", Holm-corrected over the
 * patterns. Counts are scaled to the window for display; the tests use the lines actually read.
 */
export function logPatternDiff(logs: ErrorPatternCounts, requests: Requests): LogPatternDiff {
  const scale = {
    baseline: scaleOf(logs.samples, 'baseline'),
    candidate: scaleOf(logs.samples, 'candidate'),
  };
  const tested = logs.patterns.map((p) => test(p, exposures(logs.samples, requests)));
  const adjTolerance = holmAdjust(tested.map((t) => t.pTolerance));
  const adjNull = holmAdjust(tested.map((t) => t.pNull));
  const changes = tested.map((t, i) => {
    const verdict = verdictOf(t, adjTolerance[i] ?? 1, adjNull[i] ?? 1);
    return toChange(t, verdict, adjTolerance[i] ?? 1, scale, requests);
  });
  const worstFirst = (a: PatternChange, b: PatternChange): number =>
    (a.pValue ?? 1) - (b.pValue ?? 1) || b.count - a.count;
  return {
    samples: logs.samples,
    newPatterns: changes.filter((p) => p.isNew).sort(worstFirst),
    grown: changes.filter((p) => !p.isNew && p.verdict !== 'pass').sort(worstFirst),
  };
}

export function patternText(p: PatternChange): string {
  const rate = p.perRequest === null ? '' : `, ${percent(p.perRequest)} of requests`;
  const growth = p.isNew || p.rateRatio === null ? '' : `, x${p.rateRatio.toFixed(1)} per request`;
  return `\`${p.template}\` x${p.count}${rate}${growth}`;
}

/** Patterns of a verdict, new and grown, strongest evidence first. */
export function patternsWith(diff: LogPatternDiff, verdict: Verdict): PatternChange[] {
  return [...diff.newPatterns, ...diff.grown]
    .filter((p) => p.verdict === verdict)
    .sort((a, b) => (a.pValue ?? 1) - (b.pValue ?? 1));
}

function logsVerdict(diff: LogPatternDiff): { verdict: Verdict; reason: string; pValue: number | null } {
  const top = (list: PatternChange[]): string => list.slice(0, 3).map(patternText).join('; ');
  const failed = patternsWith(diff, 'fail');
  if (failed.length > 0) {
    const p = failed[0]?.pValue ?? 1;
    return {
      verdict: 'fail',
      pValue: p,
      reason: `error logs: ${failed.length} pattern(s) new or grown beyond x${GROWTH_FACTOR} per request (${formatP(p)}, Holm): ${top(failed)}`,
    };
  }
  const weak = patternsWith(diff, 'marginal');
  if (weak.length > 0) {
    return {
      verdict: 'marginal',
      pValue: weak[0]?.pValue ?? null,
      reason: `error logs: possibly grown, not clearly beyond x${GROWTH_FACTOR} per request: ${top(weak)}`,
    };
  }
  return {
    verdict: 'pass',
    pValue: null,
    reason: 'error logs: no error pattern new or grown per request with evidence',
  };
}

const sideSample = (samples: Samples, role: Role): number => sum(mine(samples, role), 'sampleSize');

/** ERROR_LOGS: critical, so a pattern new or grown per request with strong evidence fails the comparison. */
export function judgeLogs(
  diff: LogPatternDiff | null,
  answered: { baseline: boolean; candidate: boolean },
  requests: Requests,
): SignalComparison {
  const common = {
    name: 'error_logs' as const,
    signal: 'error logs',
    critical: true,
    weight: 1,
    tolerance: null,
    improved: false,
    shift: null,
    shiftLower: null,
    shiftUpper: null,
    relativeEffect: null,
    perEnv: [],
    missingEnvs: [],
  };
  if (!diff || !answered.baseline || !answered.candidate) {
    return {
      ...common,
      verdict: 'no_data',
      reason: 'error logs: no log data from both sides',
      pValue: null,
      baselineMedian: null,
      candidateMedian: null,
      nBaseline: 0,
      nCandidate: 0,
    };
  }
  const linesPer = (role: Role, counts: WindowCounts): number | null =>
    counts.total > 0 ? sum(mine(diff.samples, role), 'total') / counts.total : null;
  return {
    ...common,
    ...logsVerdict(diff),
    baselineMedian: linesPer('baseline', requests.baseline),
    candidateMedian: linesPer('candidate', requests.candidate),
    nBaseline: sideSample(diff.samples, 'baseline'),
    nCandidate: sideSample(diff.samples, 'candidate'),
  };
}

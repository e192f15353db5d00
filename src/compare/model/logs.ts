import type { ErrorPatternCount, ErrorPatternCounts } from '../../logs/index.js';
import type { Verdict } from '../verdict/index.js';
import { percent } from './labels.js';
import type { LogPatternDiff, PatternChange, SignalComparison, WindowCounts } from './types.js';

/** A known pattern counts as grown when its lines per request at least doubled... */
export const GROWTH_FACTOR = 2;
/** ...and it has at least this many candidate lines (a pattern going from 1 to 2 lines is noise). */
export const MIN_GROWN_LINES = 10;
/** A new error pattern fails the comparison from 1 line per 2000 requests and at least 5 lines. */
export const NEW_PATTERN_RATE = 0.0005;
export const MIN_NEW_LINES = 5;

type Samples = ErrorPatternCounts['samples'];

/** Lines in the window per line read: pattern counts come from the newest lines only when capped. */
function scaleOf(samples: Samples, role: 'baseline' | 'candidate'): number {
  const mine = samples.filter((s) => s.role === role);
  const read = mine.reduce((n, s) => n + s.sampleSize, 0);
  const total = mine.reduce((n, s) => n + s.total, 0);
  return read > 0 ? total / read : 1;
}

function toChange(
  p: ErrorPatternCount,
  scale: { baseline: number; candidate: number },
  requests: { baseline: WindowCounts; candidate: WindowCounts },
): PatternChange {
  const count = Math.round(p.count * scale.candidate);
  const baselineCount = Math.round(p.baselineCount * scale.baseline);
  const countByEnv = Object.fromEntries(
    Object.entries(p.countByEnv).map(([env, n]) => [env, Math.round(n * scale.candidate)]),
  );
  const per = (lines: number, counts: WindowCounts): number | null =>
    counts.total > 0 ? lines / counts.total : null;
  return {
    id: p.id,
    template: p.template,
    isNew: p.isNew,
    count,
    countByEnv,
    baselineCount,
    perRequest: per(count, requests.candidate),
    baselinePerRequest: per(baselineCount, requests.baseline),
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    example: p.example,
    traceIds: p.traceIds,
  };
}

function hasGrown(p: PatternChange): boolean {
  if (p.isNew || p.count < MIN_GROWN_LINES || p.perRequest === null || p.baselinePerRequest === null)
    return false;
  return p.baselinePerRequest === 0 || p.perRequest >= GROWTH_FACTOR * p.baselinePerRequest;
}

/** New error patterns of the candidate and known ones whose lines per request grew, scaled to the window. */
export function logPatternDiff(
  logs: ErrorPatternCounts,
  requests: { baseline: WindowCounts; candidate: WindowCounts },
): LogPatternDiff {
  const scale = {
    baseline: scaleOf(logs.samples, 'baseline'),
    candidate: scaleOf(logs.samples, 'candidate'),
  };
  const changes = logs.patterns.map((p) => toChange(p, scale, requests));
  return {
    samples: logs.samples,
    newPatterns: changes.filter((p) => p.isNew).sort((a, b) => b.count - a.count),
    grown: changes.filter(hasGrown).sort((a, b) => b.count - a.count),
  };
}

export function isSignificantNew(p: PatternChange): boolean {
  return p.isNew && p.count >= MIN_NEW_LINES && (p.perRequest === null || p.perRequest >= NEW_PATTERN_RATE);
}

export function patternText(p: PatternChange): string {
  const rate = p.perRequest === null ? '' : `, ${percent(p.perRequest)} of requests`;
  return `\`${p.template}\` x${p.count}${rate}`;
}

function logsVerdict(diff: LogPatternDiff): { verdict: Verdict; reason: string } {
  const significant = diff.newPatterns.filter(isSignificantNew);
  const top = (list: PatternChange[]): string => list.slice(0, 3).map(patternText).join('; ');
  if (significant.length > 0) {
    return {
      verdict: 'fail',
      reason: `error logs: ${significant.length} new pattern(s) in candidate: ${top(significant)}`,
    };
  }
  if (diff.newPatterns.length > 0 || diff.grown.length > 0) {
    const what = [...diff.newPatterns, ...diff.grown];
    return { verdict: 'marginal', reason: `error logs: rare new or grown pattern(s): ${top(what)}` };
  }
  return { verdict: 'pass', reason: 'error logs: no new error pattern, none grew per request' };
}

function sideSample(samples: Samples, role: 'baseline' | 'candidate'): number {
  return samples.filter((s) => s.role === role).reduce((n, s) => n + s.sampleSize, 0);
}

/** The error-log verdict: new patterns per request fail, rare or grown ones are marginal. */
export function judgeLogs(
  diff: LogPatternDiff | null,
  answered: { baseline: boolean; candidate: boolean },
  requests: { baseline: WindowCounts; candidate: WindowCounts },
): SignalComparison {
  const common = {
    name: 'error_logs' as const,
    signal: 'error logs',
    critical: false,
    weight: 1,
    tolerance: null,
    shift: null,
    shiftLower: null,
    shiftUpper: null,
    relativeEffect: null,
    pValue: null,
    perEnv: [],
    missingEnvs: [],
  };
  if (!diff || !answered.baseline || !answered.candidate) {
    return {
      ...common,
      verdict: 'no_data',
      reason: 'error logs: no log data from both sides',
      baselineMedian: null,
      candidateMedian: null,
      nBaseline: 0,
      nCandidate: 0,
    };
  }
  const linesPer = (role: 'baseline' | 'candidate', counts: WindowCounts): number | null => {
    const lines = diff.samples.filter((s) => s.role === role).reduce((n, s) => n + s.total, 0);
    return counts.total > 0 ? lines / counts.total : null;
  };
  return {
    ...common,
    ...logsVerdict(diff),
    baselineMedian: linesPer('baseline', requests.baseline),
    candidateMedian: linesPer('candidate', requests.candidate),
    nBaseline: sideSample(diff.samples, 'baseline'),
    nCandidate: sideSample(diff.samples, 'candidate'),
  };
}

import { allowedShift, type Verdict } from '../verdict/index.js';
import { isErrorSignal, isLatency, percent, relativeText, SIGNAL_LABEL, signedMs } from './labels.js';
import { isSignificantNew, patternText } from './logs.js';
import type {
  Culprit,
  LogPatternDiff,
  OperationComparison,
  OperationMove,
  OperationSide,
  PatternChange,
  SignalComparison,
} from './types.js';

export interface CulpritInput {
  signals: readonly SignalComparison[];
  operations: readonly OperationComparison[];
  logs: LogPatternDiff | null;
  /** Marginal signals are named too when the overall verdict is not a pass. */
  includeMarginal: boolean;
}

const VERDICT_SCORE: Partial<Record<Verdict, number>> = { fail: 3, marginal: 1 };
/** A server span contains its children's time: prefer a child that explains at least this share. */
const CHILD_SHARE = 0.5;
const MIN_OP_DELTA_MS = 0.5;
const MAX_LOG_PATTERNS = 2;

/** How far beyond its tolerance a signal moved (1 = at the tolerance), capped at 10. */
function exceed(s: SignalComparison): number {
  if (s.shift === null || s.baselineMedian === null) return 0;
  // Judged signals are all 'increase is bad' (counts: the shift is the error-ratio rise).
  const allowed = allowedShift(s.tolerance ?? undefined, s.baselineMedian);
  if (allowed <= 0) return s.shift > 0 ? 10 : 0;
  return Math.min(10, Math.max(0, s.shift / allowed));
}

function score(s: SignalComparison): number {
  return (VERDICT_SCORE[s.verdict] ?? 0) * (s.critical ? 2 : 1) + exceed(s) / 10;
}

/** The worst candidate env of a signal: its value furthest from the baseline side in the bad direction. */
function worstEnv(s: SignalComparison): string | null {
  const sign = s.name === 'availability' ? -1 : 1;
  const candidates = s.perEnv.filter((e) => e.side === 'candidate' && e.value !== null);
  candidates.sort((a, b) => sign * ((b.value ?? 0) - (a.value ?? 0)));
  return candidates[0]?.env ?? null;
}

type Measure = OperationMove['measure'];
const MEASURE_OF: Record<'latency_p50' | 'latency_p90' | 'latency_p99', Measure> = {
  latency_p50: 'p50',
  latency_p90: 'p90',
  latency_p99: 'p99',
};

function pick(side: OperationSide, measure: Measure): number {
  if (measure === 'error_ratio') return side.errorRatio;
  return measure === 'p50' ? side.p50Ms : measure === 'p90' ? side.p90Ms : side.p99Ms;
}

function moves(ops: readonly OperationComparison[], measure: Measure, env: string | null): OperationMove[] {
  return ops.flatMap((op) => {
    const candidate = (env ? op.candidateByEnv[env] : undefined) ?? op.candidate;
    if (!op.baseline || !candidate) return [];
    const [b, c] = [pick(op.baseline, measure), pick(candidate, measure)];
    if (!Number.isFinite(b) || !Number.isFinite(c)) return [];
    return [
      { operation: op.operation, spanKind: op.spanKind, measure, baseline: b, candidate: c, delta: c - b },
    ];
  });
}

/**
 * The operation that moved most; when that is a server span (which contains its children), a child
 * operation explaining most of the move is named instead: `redis GET`, not the endpoint calling it.
 */
export function movedOperation(
  ops: readonly OperationComparison[],
  measure: Measure,
  env: string | null,
): OperationMove | null {
  const threshold = measure === 'error_ratio' ? 0 : MIN_OP_DELTA_MS;
  const moved = moves(ops, measure, env)
    .filter((m) => m.delta > threshold)
    .sort((a, b) => b.delta - a.delta);
  const top = moved[0];
  if (!top || top.spanKind !== 'server') return top ?? null;
  return moved.find((m) => m.spanKind !== 'server' && m.delta >= CHILD_SHARE * top.delta) ?? top;
}

function changeText(s: SignalComparison, env: string | null): string {
  const where = env ? ` in ${env}` : '';
  const label = SIGNAL_LABEL[s.name];
  if (isErrorSignal(s.name) && s.baselineMedian !== null && s.candidateMedian !== null) {
    const [b, c] =
      s.name === 'availability'
        ? [1 - s.baselineMedian, 1 - s.candidateMedian]
        : [s.baselineMedian, s.candidateMedian];
    const pp = ((c - b) * 100).toFixed(2);
    return `${label} ${percent(b)} -> ${percent(c)} (${c >= b ? '+' : ''}${pp} pp)${where}`;
  }
  if (isLatency(s.name) && s.shift !== null && s.baselineMedian !== null) {
    return `${label} ${signedMs(s.shift)}${relativeText(s.shift, s.baselineMedian)}${where}`;
  }
  return `${s.reason}${where}`;
}

function operationText(op: OperationMove): string {
  if (op.measure === 'error_ratio') {
    return `, mostly operation \`${op.operation}\` (errors ${percent(op.baseline)} -> ${percent(op.candidate)})`;
  }
  return `, mostly operation \`${op.operation}\` (${signedMs(op.delta)})`;
}

function patternsText(patterns: readonly PatternChange[]): string {
  return patterns
    .map((p) =>
      p.isNew ? `; new log pattern ${patternText(p)}` : `; log pattern ${patternText(p)} grew per request`,
    )
    .join('');
}

function signalCulprit(s: SignalComparison, ops: readonly OperationComparison[]): Omit<Culprit, 'rank'> {
  const env = worstEnv(s);
  const measure: Measure = isLatency(s.name) ? MEASURE_OF[s.name] : 'error_ratio';
  const operation = movedOperation(ops, measure, env);
  const summary = `${changeText(s, env)}${operation ? operationText(operation) : ''}`;
  return { signal: s.name, verdict: s.verdict, env, operation, logPatterns: [], score: score(s), summary };
}

/** The most telling signal of a group (latency quantiles, error signals): one culprit per group. */
function worstOf(signals: readonly SignalComparison[], include: (s: SignalComparison) => boolean) {
  return signals.filter(include).sort((a, b) => score(b) - score(a))[0];
}

function notablePatterns(logs: LogPatternDiff | null): PatternChange[] {
  if (!logs) return [];
  const fresh = logs.newPatterns.filter(isSignificantNew);
  return [...fresh, ...logs.grown].slice(0, MAX_LOG_PATTERNS);
}

function logsCulprit(s: SignalComparison, patterns: PatternChange[]): Omit<Culprit, 'rank'> {
  const top = patterns[0];
  const env = top ? (Object.entries(top.countByEnv).sort(([, a], [, b]) => b - a)[0]?.[0] ?? null) : null;
  const summary = top ? patternsText(patterns).slice(2) + (env ? ` in ${env}` : '') : s.reason;
  return {
    signal: 'error_logs',
    verdict: s.verdict,
    env,
    operation: null,
    logPatterns: patterns,
    score: score(s),
    summary,
  };
}

/**
 * Culprits, worst first: one per group of signals that failed (latency, errors), each naming the env, the
 * operation that moved and the error log patterns new or grown in the candidate.
 */
export function rankCulprits(input: CulpritInput): Culprit[] {
  const named = (s: SignalComparison): boolean =>
    s.verdict === 'fail' || (input.includeMarginal && s.verdict === 'marginal');
  const groups = [
    worstOf(input.signals, (s) => isLatency(s.name) && named(s)),
    worstOf(input.signals, (s) => isErrorSignal(s.name) && named(s)),
  ].filter((s): s is SignalComparison => s !== undefined);
  const culprits = groups.map((s) => signalCulprit(s, input.operations)).sort((a, b) => b.score - a.score);
  const patterns = notablePatterns(input.logs);
  const logSignal = input.signals.find((s) => s.name === 'error_logs' && named(s));
  const host = culprits.find((c) => isErrorSignal(c.signal)) ?? culprits[0];
  if (host && patterns.length > 0) {
    host.logPatterns = patterns;
    host.summary += patternsText(patterns);
  } else if (logSignal) {
    culprits.push(logsCulprit(logSignal, patterns));
  }
  return culprits.map((c, i) => ({ ...c, rank: i + 1 }));
}

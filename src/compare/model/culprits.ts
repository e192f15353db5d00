import { allowedShift, type Verdict } from '../verdict/index.js';
import { isErrorSignal, isLatency, percent, relativeText, SIGNAL_LABEL, signedMs } from './labels.js';
import { patternsWith, patternText } from './logs.js';
import { childFirst } from './child-first.js';
import { worstOperation } from './trace-signal.js';
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
const MIN_OP_DELTA_MS = 0.5;
const MAX_LOG_PATTERNS = 3;

/** How far beyond its tolerance a signal moved (1 = at the tolerance), capped at 10. */
function exceed(s: SignalComparison): number {
  if (s.shift === null || s.baselineMedian === null) return 0;
  const allowed = allowedShift(s.tolerance ?? undefined, s.baselineMedian);
  if (allowed <= 0) return s.shift > 0 ? 10 : 0;
  return Math.min(10, Math.max(0, s.shift / allowed));
}

/** Evidence, for ranking: verdict (critical counts double), then strength of the test, then effect size. */
function score(s: SignalComparison): number {
  const strength = s.pValue === null ? 0 : Math.min(1, -Math.log10(Math.max(s.pValue, 1e-300)) / 10);
  return (VERDICT_SCORE[s.verdict] ?? 0) * (s.critical ? 2 : 1) + strength + exceed(s) / 10;
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
  return measure === 'p90' ? side.p90Ms : measure === 'p99' ? side.p99Ms : side.p50Ms;
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
  return childFirst(moved, (m) => m.delta) ?? null;
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
  if (isLatency(s.name) && s.stallShift !== undefined) {
    const median = s.shift === null ? '' : `, median ${signedMs(s.shift)}`;
    return `${label} stalls: mean ${signedMs(s.stallShift)}${median}${where}`;
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

type Unranked = Omit<Culprit, 'rank'>;

function signalCulprit(s: SignalComparison, ops: readonly OperationComparison[]): Unranked {
  const env = worstEnv(s);
  const measure: Measure = isLatency(s.name) ? MEASURE_OF[s.name] : 'error_ratio';
  const operation = movedOperation(ops, measure, env);
  const summary = `${changeText(s, env)}${operation ? operationText(operation) : ''}`;
  return { signal: s.name, verdict: s.verdict, env, operation, logPatterns: [], score: score(s), summary };
}

/** The candidate env where an operation's median moved most. */
function opEnv(op: OperationComparison): string | null {
  const base = op.baseline?.p50Ms ?? 0;
  const envs = Object.entries(op.candidateByEnv).sort(([, a], [, b]) => b.p50Ms - base - (a.p50Ms - base));
  return envs[0]?.[0] ?? null;
}

function traceCulprit(s: SignalComparison, ops: readonly OperationComparison[]): Unranked | null {
  const op = worstOperation(ops, s.verdict);
  if (!op || !op.baseline || !op.candidate) return null;
  const j = op.judgement;
  const slower = (j.shiftMs ?? 0) > 0 && j.verdict !== 'pass';
  const operation: OperationMove = slower
    ? {
        operation: op.operation,
        spanKind: op.spanKind,
        measure: 'shift',
        baseline: op.baseline.p50Ms,
        candidate: op.candidate.p50Ms,
        delta: j.shiftMs ?? 0,
      }
    : {
        operation: op.operation,
        spanKind: op.spanKind,
        measure: 'error_ratio',
        baseline: op.baseline.errorRatio,
        candidate: op.candidate.errorRatio,
        delta: op.candidate.errorRatio - op.baseline.errorRatio,
      };
  const env = opEnv(op);
  const summary = `span operation \`${op.operation}\` (${op.spanKind}) ${j.reason.replace(/^`[^`]*` /, '')}${env ? ` in ${env}` : ''}`;
  return { signal: s.name, verdict: s.verdict, env, operation, logPatterns: [], score: score(s), summary };
}

function logsCulprit(s: SignalComparison, logs: LogPatternDiff | null): Unranked {
  const patterns = logs ? patternsWith(logs, s.verdict).slice(0, MAX_LOG_PATTERNS) : [];
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

function culpritOf(s: SignalComparison, input: CulpritInput): Unranked | null {
  if (s.name === 'trace_operations') return traceCulprit(s, input.operations);
  if (s.name === 'error_logs') return logsCulprit(s, input.logs);
  return signalCulprit(s, input.operations);
}

/**
 * One culprit per failing signal (and per marginal one when the whole is not a pass), strongest evidence
 * first, each naming the env, the operation that moved or the error log patterns new or grown.
 */
export function rankCulprits(input: CulpritInput): Culprit[] {
  const named = (s: SignalComparison): boolean =>
    s.verdict === 'fail' || (input.includeMarginal && s.verdict === 'marginal');
  return input.signals
    .filter(named)
    .map((s) => culpritOf(s, input))
    .filter((c): c is Unranked => c !== null)
    .sort((a, b) => b.score - a.score)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

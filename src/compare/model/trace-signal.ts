import type { Verdict } from '../verdict/index.js';
import { childFirst } from './child-first.js';
import type { OperationComparison, SignalComparison } from './types.js';

const shiftOf = (op: OperationComparison): number => op.judgement.shiftMs ?? 0;

/**
 * The operation to name for a verdict: the one that slowed most, or when that is a server span (which
 * contains its children) a child explaining most of it — `redis GET`, not the endpoint calling it. An
 * operation failing on errors alone comes after the slower ones.
 */
export function worstOperation(
  ops: readonly OperationComparison[],
  verdict: Verdict = 'fail',
): OperationComparison | null {
  const judged = ops.filter((op) => op.judgement.verdict === verdict);
  const slower = judged.filter((op) => shiftOf(op) > 0).sort((a, b) => shiftOf(b) - shiftOf(a));
  const named = childFirst(slower, shiftOf);
  if (named) return named;
  return [...judged].sort((a, b) => (b.deltaErrorRatio ?? 0) - (a.deltaErrorRatio ?? 0))[0] ?? null;
}

const COMMON = {
  name: 'trace_operations' as const,
  signal: 'trace operations',
  critical: true,
  weight: 1,
  tolerance: null,
  perEnv: [],
  missingEnvs: [],
};

function noData(reason: string): SignalComparison {
  return {
    ...COMMON,
    verdict: 'no_data',
    improved: false,
    reason,
    baselineMedian: null,
    candidateMedian: null,
    shift: null,
    shiftLower: null,
    shiftUpper: null,
    relativeEffect: null,
    pValue: null,
    nBaseline: 0,
    nCandidate: 0,
  };
}

function overallOf(ops: readonly OperationComparison[]): Verdict {
  const verdicts = ops.map((op) => op.judgement.verdict);
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('pass') ? 'pass' : 'no_data';
}

function reasonOf(verdict: Verdict, ops: readonly OperationComparison[], judged: number): string {
  const named = ops.filter((op) => op.judgement.verdict === verdict);
  const list = named
    .slice(0, 3)
    .map((op) => op.judgement.reason)
    .join('; ');
  if (verdict === 'fail')
    return `trace operations: ${named.length} of ${judged} worse beyond tolerance: ${list}`;
  return `trace operations: none of ${judged} worse beyond tolerance (Mann-Whitney per operation, Holm-corrected)`;
}

/**
 * TRACE_OPERATIONS: every operation of the service (spans of every kind, async children included) judged
 * on its durations and errors; critical, so an operation that got worse with strong evidence fails the
 * comparison. no_data when no operation has enough spans on both sides.
 */
export function judgeTraceOperations(ops: readonly OperationComparison[] | null): SignalComparison {
  if (!ops) return noData('trace operations: no trace data from both sides');
  const judged = ops.filter((op) => op.judgement.verdict !== 'no_data');
  if (judged.length === 0) return noData(`trace operations: no operation has enough spans on both sides`);
  const verdict = overallOf(judged);
  const worst = worstOperation(judged, verdict === 'pass' ? 'pass' : verdict);
  const j = worst?.judgement;
  return {
    ...COMMON,
    verdict,
    improved: false,
    reason: reasonOf(verdict, judged, judged.length),
    baselineMedian: worst?.baseline?.p50Ms ?? null,
    candidateMedian: worst?.candidate?.p50Ms ?? null,
    shift: j?.shiftMs ?? null,
    shiftLower: j?.shiftLowerMs ?? null,
    shiftUpper: j?.shiftUpperMs ?? null,
    relativeEffect: null,
    pValue: j?.pValue ?? null,
    nBaseline: worst?.baseline?.count ?? 0,
    nCandidate: worst?.candidate?.count ?? 0,
  };
}

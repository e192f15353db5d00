import type { SpanKind } from '../../traces/index.js';
import type { Tolerance } from '../verdict/index.js';
import type { OperationStats, ServiceOperationStats } from '../../traces/index.js';
import { judgeOperations, type OperationSamples } from './trace-ops.js';
import type { OperationComparison, OperationSide, Side, TraceSample } from './types.js';

const keyOf = (op: { operation: string; spanKind: SpanKind }): string =>
  `${op.operation}\u0000${op.spanKind}`;

const toSide = (s: OperationStats): OperationSide => ({
  count: s.count,
  errorCount: s.errorCount,
  errorRatio: s.errorRatio,
  p50Ms: s.p50Ms,
  p90Ms: s.p90Ms,
  p99Ms: s.p99Ms,
});

/** Several envs on one side: counts summed, quantiles weighted by span count (an approximation). */
function combine(stats: readonly OperationStats[]): OperationSide | null {
  const count = stats.reduce((n, s) => n + s.count, 0);
  if (count === 0) return null;
  const weighted = (pick: (s: OperationStats) => number): number =>
    stats.reduce((sum, s) => sum + pick(s) * s.count, 0) / count;
  const errorCount = stats.reduce((n, s) => n + s.errorCount, 0);
  return {
    count,
    errorCount,
    errorRatio: errorCount / count,
    p50Ms: weighted((s) => s.p50Ms),
    p90Ms: weighted((s) => s.p90Ms),
    p99Ms: weighted((s) => s.p99Ms),
  };
}

/** A side's span samples: durations of every env pooled (each span is one observation). */
function samplesOf(stats: readonly OperationStats[]): OperationSamples {
  return {
    durationsMs: stats.flatMap((s) => s.durationsMs),
    errors: stats.reduce((n, s) => n + s.errorCount, 0),
  };
}

interface Grouped {
  operation: string;
  spanKind: SpanKind;
  baseline: OperationStats[];
  candidate: Map<string, OperationStats>;
}

function group(stats: readonly ServiceOperationStats[], sideOf: (env: string) => Side): Map<string, Grouped> {
  const groups = new Map<string, Grouped>();
  for (const envStats of stats) {
    for (const op of envStats.operations) {
      const key = keyOf(op);
      const g: Grouped = groups.get(key) ?? {
        operation: op.operation,
        spanKind: op.spanKind,
        baseline: [],
        candidate: new Map(),
      };
      if (sideOf(envStats.env) === 'baseline') g.baseline.push(op);
      else g.candidate.set(envStats.env, op);
      groups.set(key, g);
    }
  }
  return groups;
}

const delta = (b: OperationSide | null, c: OperationSide | null, pick: (s: OperationSide) => number) =>
  b && c ? pick(c) - pick(b) : null;

export interface OperationTolerances {
  latency: Tolerance | undefined;
  errors: Tolerance | undefined;
}

/**
 * Per operation (and span kind): baseline vs candidate span statistics, their deltas and a judgement
 * (rank test on durations and proportion test on errors, Holm-corrected over all operations).
 */
export function compareOperations(
  stats: readonly ServiceOperationStats[],
  sideOf: (env: string) => Side,
  tolerances: OperationTolerances,
): OperationComparison[] {
  const groups = [...group(stats, sideOf).values()].sort(
    (a, b) => a.operation.localeCompare(b.operation) || a.spanKind.localeCompare(b.spanKind),
  );
  const judgements = judgeOperations(
    groups.map((g) => ({
      operation: g.operation,
      baseline: samplesOf(g.baseline),
      candidate: samplesOf([...g.candidate.values()]),
    })),
    tolerances,
  );
  return groups.map((g, i) => {
    const baseline = combine(g.baseline);
    const candidate = combine([...g.candidate.values()]);
    const candidateByEnv = Object.fromEntries([...g.candidate].map(([env, s]) => [env, toSide(s)]));
    return {
      operation: g.operation,
      spanKind: g.spanKind,
      baseline,
      candidate,
      candidateByEnv,
      deltaP50Ms: delta(baseline, candidate, (s) => s.p50Ms),
      deltaP90Ms: delta(baseline, candidate, (s) => s.p90Ms),
      deltaP99Ms: delta(baseline, candidate, (s) => s.p99Ms),
      deltaErrorRatio: delta(baseline, candidate, (s) => s.errorRatio),
      judgement: judgements[i] as OperationComparison['judgement'],
    };
  });
}

export function traceSamples(
  stats: readonly ServiceOperationStats[],
  sideOf: (env: string) => Side,
): TraceSample[] {
  return stats.map((s) => ({ env: s.env, side: sideOf(s.env), sampleSize: s.sampleSize, capped: s.capped }));
}

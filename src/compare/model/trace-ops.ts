import { compareProportions, hodgesLehmann, holmAdjust, mannWhitneyU, sortedMedian } from '../stats/index.js';
import { allowedShift, DEFAULT_ALPHA, type Tolerance, type Verdict } from '../verdict/index.js';
import { signedMs } from './labels.js';
import type { OperationJudgement } from './types.js';

/** Spans per side an operation needs before its durations are judged. */
export const MIN_SPANS = 20;

export interface OperationSamples {
  durationsMs: number[];
  errors: number;
}

interface OperationInput {
  operation: string;
  baseline: OperationSamples;
  candidate: OperationSamples;
}

interface RawTests {
  latency: { p: number; shift: number; lower: number; upper: number; allowed: number } | null;
  errors: { p: number; difference: number; allowed: number; relative: number | null } | null;
}

function latencyTest(op: OperationInput, tolerance: Tolerance | undefined): RawTests['latency'] {
  const [b, c] = [op.baseline.durationsMs, op.candidate.durationsMs];
  if (b.length < MIN_SPANS || c.length < MIN_SPANS) return null;
  const test = mannWhitneyU(c, b, 'greater');
  const hl = hodgesLehmann(b, c, 1 - DEFAULT_ALPHA);
  const base = sortedMedian([...b].sort((x, y) => x - y));
  return {
    p: test.pValue,
    shift: hl.shift,
    lower: hl.lower,
    upper: hl.upper,
    allowed: allowedShift(tolerance, base),
  };
}

function errorTest(op: OperationInput, tolerance: Tolerance | undefined): RawTests['errors'] {
  const [nb, nc] = [op.baseline.durationsMs.length, op.candidate.durationsMs.length];
  if (nb < MIN_SPANS || nc < MIN_SPANS || op.baseline.errors + op.candidate.errors === 0) return null;
  const cmp = compareProportions(
    { errors: op.baseline.errors, total: nb },
    { errors: op.candidate.errors, total: nc },
    'greater',
  );
  return {
    p: cmp.pValue,
    difference: cmp.difference,
    allowed: allowedShift(tolerance, cmp.baselineRatio),
    relative: cmp.relative,
  };
}

/**
 * A failed operation fails the whole comparison (TRACE_OPERATIONS is critical), so it needs strong
 * evidence: Holm p < 0.01. There is no marginal: a raw p < alpha somewhere among a dozen operations is
 * expected by chance, and the correction is what makes the family trustworthy.
 */
export const STRONG_ALPHA = 0.01;

function verdictOf(t: RawTests, adjLatency: number | null, adjErrors: number | null): Verdict {
  if (!t.latency && !t.errors) return 'no_data';
  const slower = t.latency !== null && t.latency.shift > t.latency.allowed;
  const errs = t.errors !== null && t.errors.difference > t.errors.allowed;
  const strong = (p: number | null): boolean => (p ?? 1) < STRONG_ALPHA;
  return (slower && strong(adjLatency)) || (errs && strong(adjErrors)) ? 'fail' : 'pass';
}

function reasonOf(op: OperationInput, t: RawTests, verdict: Verdict, adj: (number | null)[]): string {
  if (verdict === 'no_data') {
    const [nb, nc] = [op.baseline.durationsMs.length, op.candidate.durationsMs.length];
    return `\`${op.operation}\`: too few spans (baseline ${nb}, candidate ${nc}; need ${MIN_SPANS} each)`;
  }
  const parts: string[] = [];
  if (t.latency) parts.push(`duration ${signedMs(t.latency.shift)} (Holm p=${(adj[0] ?? 1).toPrecision(2)})`);
  if (t.errors) {
    const d = t.errors.difference;
    parts.push(
      `errors ${d >= 0 ? '+' : ''}${(d * 100).toFixed(2)} pp (Holm p=${(adj[1] ?? 1).toPrecision(2)})`,
    );
  }
  return `\`${op.operation}\` ${parts.join(', ')}`;
}

function improvedOf(t: RawTests): boolean {
  const l = t.latency;
  return l !== null && l.upper < 0 && -l.shift > l.allowed;
}

/**
 * Every operation's judgement. The family of tests is every operation's duration test and error test;
 * Holm's step-down correction keeps the chance of any false alarm over the family at alpha.
 */
export function judgeOperations(
  ops: readonly OperationInput[],
  tolerances: { latency: Tolerance | undefined; errors: Tolerance | undefined },
): OperationJudgement[] {
  const raw = ops.map((op) => ({
    latency: latencyTest(op, tolerances.latency),
    errors: errorTest(op, tolerances.errors),
  }));
  const family = raw.flatMap((t) => [t.latency?.p, t.errors?.p]).filter((p): p is number => p !== undefined);
  const adjusted = holmAdjust(family);
  let next = 0;
  const take = (present: boolean): number | null => (present ? (adjusted[next++] ?? 1) : null);
  return raw.map((t, i) => {
    const adjLatency = take(t.latency !== null);
    const adjErrors = take(t.errors !== null);
    const verdict = verdictOf(t, adjLatency, adjErrors);
    const op = ops[i] as OperationInput;
    return {
      verdict,
      shiftMs: t.latency?.shift ?? null,
      shiftLowerMs: t.latency?.lower ?? null,
      shiftUpperMs: t.latency?.upper ?? null,
      pValue: adjLatency,
      errorPValue: adjErrors,
      improved: improvedOf(t),
      reason: reasonOf(op, t, verdict, [adjLatency, adjErrors]),
    };
  });
}

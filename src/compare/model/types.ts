import type { Point } from '../../series/index.js';
import type { SpanKind } from '../../traces/index.js';
import type { ErrorPatternCount, ErrorPatternCounts } from '../../logs/index.js';
import type { SignalName } from '../../signals/index.js';
import type { OperationStats, ServiceOperationStats } from '../../traces/index.js';
import type { TimeRange } from '../../time/index.js';
import type { OverallResult, SignalVerdict, Tolerance, Verdict } from '../verdict/index.js';

export type Side = 'baseline' | 'candidate';

/**
 * A judged signal: the metric signals plus `trace_operations` (per-operation span durations and errors)
 * and `error_logs` (error log patterns per request).
 */
export type ComparedSignal = SignalName | 'trace_operations' | 'error_logs';

/** Requests and 5xx responses of one env over the whole window (increase() of the counters). */
export interface WindowCounts {
  total: number;
  errors: number;
}

/** Latency quantiles of one env over the whole window (histogram_quantile over increase()). */
export interface WindowLatency {
  p50Ms: number | null;
  p99Ms: number | null;
}

/** What one env's Prometheus said about the service. */
export interface EnvMetrics {
  env: string;
  side: Side;
  /** Aligned points per signal (the template's single aggregated series). */
  series: Partial<Record<SignalName, Point[]>>;
  counts: WindowCounts | null;
  latency: WindowLatency;
}

/** A backend of an env that did not answer: the verdicts say which data they rest without. */
export interface MissingData {
  env: string;
  side: Side;
  backend: 'prometheus' | 'jaeger' | 'elasticsearch';
  code: string;
}

/** Everything the pure model needs; the service gathers it from the backends. */
export interface CompareData {
  service: string;
  baseline: readonly string[];
  candidate: readonly string[];
  range: TimeRange;
  /** Signals to judge and return series for (request_rate is always fetched for traffic shares). */
  signals: readonly SignalName[];
  tolerances: Partial<Record<SignalName, Tolerance>>;
  /** Spacing of judged points: samples closer than the rate window overlap (default 5 min). */
  judgeSpacingMs: number;
  metrics: readonly EnvMetrics[];
  /** null when no env of the comparison has a trace backend. */
  operations: readonly ServiceOperationStats[] | null;
  /** null when no env of the comparison has a log backend, or the call failed. */
  logs: ErrorPatternCounts | null;
  missing: readonly MissingData[];
}

export interface EnvSignalValue {
  env: string;
  side: Side;
  /** Median of the env's judged points (error signals: the env's ratio over the window). */
  value: number | null;
  n: number;
}

export interface SignalComparison extends SignalVerdict {
  name: ComparedSignal;
  /** Better beyond its tolerance with the confidence interval on the good side of 0. */
  improved: boolean;
  tolerance: Tolerance | null;
  perEnv: EnvSignalValue[];
  /** Envs whose data is missing from this verdict. */
  missingEnvs: string[];
}

export interface CompareSeries {
  env: string;
  side: Side;
  signal: SignalName;
  points: Point[];
}

export interface TrafficShare {
  env: string;
  side: Side;
  requests: number | null;
  /** Share of the compared envs' requests over the window (0..1). */
  share: number | null;
  /** Share of request rate at each step. */
  points: Point[];
}

/** One side's span statistics of an operation: the traces domain's figures without the key and samples. */
export type OperationSide = Omit<OperationStats, 'operation' | 'spanKind' | 'durationsMs'>;

/** How one operation was judged: rank test on its span durations, proportion test on its span errors. */
export interface OperationJudgement {
  verdict: Verdict;
  /** Hodges-Lehmann shift of span durations candidate - baseline (ms), with its confidence interval. */
  shiftMs: number | null;
  shiftLowerMs: number | null;
  shiftUpperMs: number | null;
  /** Mann-Whitney p (one-sided, slower) after Holm's correction over all operation tests. */
  pValue: number | null;
  /** Error-ratio p (one-sided, more errors) after the same correction. */
  errorPValue: number | null;
  improved: boolean;
  reason: string;
}

export interface OperationComparison {
  operation: string;
  spanKind: SpanKind;
  baseline: OperationSide | null;
  candidate: OperationSide | null;
  /** Per candidate env (to name where it moved). */
  candidateByEnv: Record<string, OperationSide>;
  deltaP50Ms: number | null;
  deltaP90Ms: number | null;
  deltaP99Ms: number | null;
  deltaErrorRatio: number | null;
  judgement: OperationJudgement;
}

export interface TraceSample {
  env: string;
  side: Side;
  sampleSize: number;
  capped: boolean;
}

/** A candidate error pattern (from the logs domain) with its rate per request on both sides. */
export interface PatternChange extends ErrorPatternCount {
  /** Lines per request, when request counts are known. */
  perRequest: number | null;
  baselinePerRequest: number | null;
  /** Candidate rate / baseline rate (per request, or per error line without request counts). */
  rateRatio: number | null;
  /** p of "grew at most GROWTH_FACTOR x" (exact Poisson-rate test), Holm-corrected over the patterns. */
  pValue: number | null;
  verdict: Verdict;
}

export interface LogPatternDiff {
  samples: ErrorPatternCounts['samples'];
  newPatterns: PatternChange[];
  /** Known patterns whose lines per request grew (verdict fail or marginal). */
  grown: PatternChange[];
}

export interface MigrationRow {
  env: string;
  side: Side;
  windowSeconds: number;
  requests: number | null;
  avgThroughput: number | null;
  peakThroughput: number | null;
  successes: number | null;
  errors: number | null;
  failureRate: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface OperationMove {
  operation: string;
  spanKind: SpanKind;
  /** Which statistic moved: p50, p90, p99 (ms), the Hodges-Lehmann duration shift (ms) or error ratio. */
  measure: 'p50' | 'p90' | 'p99' | 'shift' | 'error_ratio';
  baseline: number;
  candidate: number;
  delta: number;
}

export interface Culprit {
  rank: number;
  signal: ComparedSignal;
  verdict: Verdict;
  env: string | null;
  operation: OperationMove | null;
  logPatterns: PatternChange[];
  score: number;
  summary: string;
}

export interface OverallVerdict extends OverallResult {
  /** Backends that did not answer: a verdict resting on missing data says so. */
  missing: MissingData[];
  /** What got better beyond its tolerance, one line each (never a failure). */
  improvements: string[];
  /** What each side had in the window; an empty side makes the verdict no_data. */
  evidence: SideEvidence[];
}

/** One side's evidence of traffic: null where the backend gave nothing (absent, failed or not configured). */
export interface SideEvidence {
  side: Side;
  envs: string[];
  requests: number | null;
  traces: number | null;
  errorLines: number | null;
  /** No requests and no traces: nothing to judge the side on. */
  empty: boolean;
}

export interface Comparison {
  service: string;
  baseline: string[];
  candidate: string[];
  range: TimeRange;
  verdict: OverallVerdict;
  signals: SignalComparison[];
  series: CompareSeries[];
  traffic: TrafficShare[];
  operations: OperationComparison[];
  traceSamples: TraceSample[];
  logPatterns: LogPatternDiff | null;
  migration: MigrationRow[];
  culprits: Culprit[];
}

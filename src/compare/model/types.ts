import type { Point } from '../../series/index.js';
import type { SpanKind } from '../../traces/index.js';
import type { ErrorPatternCount, ErrorPatternCounts } from '../../logs/index.js';
import type { SignalName } from '../../signals/index.js';
import type { OperationStats, ServiceOperationStats } from '../../traces/index.js';
import type { TimeRange } from '../../time/index.js';
import type { OverallResult, SignalVerdict, Tolerance, Verdict } from '../verdict/index.js';

export type Side = 'baseline' | 'candidate';

/** A judged signal: the metric signals plus `error_logs` (error log patterns per request). */
export type ComparedSignal = SignalName | 'error_logs';

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

/** One side's span statistics of an operation: the traces domain's figures without the key. */
export type OperationSide = Omit<OperationStats, 'operation' | 'spanKind'>;

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
}

export interface LogPatternDiff {
  samples: ErrorPatternCounts['samples'];
  newPatterns: PatternChange[];
  /** Known patterns whose lines per request grew at least GROWTH_FACTOR times. */
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
  /** Which statistic moved: p50, p90, p99 (ms) or error ratio. */
  measure: 'p50' | 'p90' | 'p99' | 'error_ratio';
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

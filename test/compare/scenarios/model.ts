/**
 * The labelled scenario set: one service per scenario, kr-vm (baseline: micrometer metrics, Jaeger #1,
 * ECS logs in Elasticsearch 8) vs kr-k8s (candidate: Istio metrics, Jaeger #2, ECS logs in
 * Elasticsearch 9). Everything is given relative to the compared hour, so the data (and the truth) do
 * not depend on the clock.
 */

export type Expected = 'PASS' | 'FAIL' | 'MARGINAL' | 'NO_DATA';

export type CulpritSignal =
  | 'LATENCY_P50'
  | 'LATENCY_P90'
  | 'LATENCY_P99'
  | 'ERROR_RATIO'
  | 'AVAILABILITY'
  | 'TRACE_OPERATIONS'
  | 'ERROR_LOGS';

export type ScenarioClass =
  | 'control'
  | 'split'
  | 'improvement'
  | 'dependency-latency'
  | 'error-ratio'
  | 'new-log-pattern'
  | 'grown-log-pattern'
  | 'async-span'
  | 'slow-client-span'
  | 'stall'
  | 'no-data'
  | 'borderline';

/** Span operations every request of every scenario runs; `async` ones start after the root span ends. */
export type OperationName = 'redis GET' | 'SELECT orders' | 'kafka publish order-events' | 'cache write';

export type LogLevel = 'info' | 'warn' | 'error';

/** A log line written by a share of requests; `{n}` becomes a number. */
export interface LogPattern {
  template: string;
  level: LogLevel;
  perRequest: number;
}

/** A stretch of the hour (minutes from its start) where every request is `factor` times slower. */
export interface Stall {
  fromMin: number;
  toMin: number;
  factor: number;
}

/**
 * How one env serves the service. `present`: serves through the hour; `idle`: served before the hour and
 * was rolled back / drained 10 min before it (counters flat, no spans or logs in the hour); `absent`:
 * never deployed there (no series, spans or logs at all).
 */
export interface SideProfile {
  presence: 'present' | 'idle' | 'absent';
  /** Requests per second, at minute offsets from the start of the hour (a function of traffic share). */
  rps: (minute: number) => number;
  errorRatio: number;
  /** Median request latency (ms) and its log-normal spread. */
  latencyMs: number;
  spread: number;
  stalls: Stall[];
  /** Extra ms per span operation (dependency latency, a slow async publish...). */
  extraMs: Partial<Record<OperationName, number>>;
  /** Log lines per request; the base patterns are in every env unless the scenario changes them. */
  logs: LogPattern[];
  /** Traces stored in the hour; by default ~400 per scenario split by traffic share, at least 30 a side. */
  traces?: number;
}

export interface TruthCulprit {
  signal: CulpritSignal;
  operation?: string;
  /** A substring of the mined template. */
  pattern?: string;
}

/** What the scenario is known to be, committed under truth/<name>.json. */
export interface Truth {
  name: string;
  service: string;
  class: ScenarioClass;
  expected: Expected;
  acceptable?: Expected[];
  culprit?: TruthCulprit;
  why: string;
  /** Generated inside the hour, per side (ground truth, not what a backend reports). */
  facts: Record<SideKey, SideFacts>;
}

export interface SideFacts {
  requests: number;
  errors: number;
  traces: number;
  /** Log lines of the scenario's own patterns (the base patterns left out), by template. */
  lines: Record<string, number>;
}

export interface Scenario {
  name: string;
  service: string;
  class: ScenarioClass;
  seed: number;
  baseline: SideProfile;
  candidate: SideProfile;
  expected: Expected;
  acceptable?: Expected[];
  culprit?: TruthCulprit;
  why: string;
}

export type SideKey = 'baseline' | 'candidate';

import type { SpanKind, Trace } from './model.js';

export interface TraceServiceOptions {
  /** Largest `limit` a search may ask for (and the depth of a SLOWEST search per env). */
  maxLimit: number;
  /** Most traces per env that operation statistics sample; `capped` says when it was reached. */
  statsSampleCap: number;
}

export const DEFAULT_TRACE_OPTIONS: TraceServiceOptions = { maxLimit: 1000, statsSampleCap: 5000 };

export type { CallOptions } from '../federation/index.js';

/**
 * NEWEST: latest start first, over each env's `limit` most recent matches as its Jaeger returns them
 * (what Jaeger's own UI shows). SLOWEST: longest first, over up to `maxLimit` matches per env.
 */
export type TraceOrder = 'NEWEST' | 'SLOWEST';

export interface TraceSearch {
  service: string;
  /** Env names; all envs with traces when absent or empty. */
  envs?: readonly string[];
  startMs: number;
  endMs: number;
  operation?: string;
  /** Exact-match filters (span, resource or event attributes; `error` = span status). */
  attributes?: Record<string, string>;
  minDurationUs?: number;
  maxDurationUs?: number;
  limit: number;
  order: TraceOrder;
}

export interface TraceLocation {
  env: string;
  spanCount: number;
  /** Link into the env's own trace UI (config `traces.uiUrl`), when configured. */
  uiUrl?: string;
}

export interface TraceLookup {
  traceId: string;
  /** The envs holding spans of the trace; empty when none does. */
  locations: TraceLocation[];
  /** All spans found, merged over envs (a call that crossed envs yields one trace); null when not found. */
  trace: Trace | null;
}

export interface ServiceEntry {
  name: string;
  envs: string[];
}

export interface OperationEntry {
  name: string;
  spanKind: SpanKind;
  envs: string[];
}

export interface OperationStats {
  operation: string;
  spanKind: SpanKind;
  count: number;
  errorCount: number;
  /** errorCount / count, 0 when count is 0. */
  errorRatio: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Every sampled span's duration, ascending: what compare's rank tests run on. */
  durationsMs: number[];
}

/** One env's operations of one service over a range, computed from a sample of its traces. */
export interface ServiceOperationStats {
  env: string;
  service: string;
  /** Traces examined. */
  sampleSize: number;
  /** True when the sample hit `statsSampleCap`: counts cover only the newest traces of the range. */
  capped: boolean;
  operations: OperationStats[];
}

export interface DependencyEntry {
  parent: string;
  child: string;
  callCount: number;
  byEnv: { env: string; callCount: number }[];
}

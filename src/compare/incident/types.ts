import type { MigrationRow, Side } from '../model/index.js';
import type { Verdict } from '../verdict/index.js';

/**
 * The incident context a runbook fetches: JSON schema version 1. Additive changes (new fields) keep the
 * version; renaming or removing a field, or changing its meaning, bumps it.
 */
export const INCIDENT_SCHEMA_VERSION = 1;

export interface IncidentRequest {
  service: string;
  /** Epoch ms: the moment of interest (alert time, deploy time). */
  at: number;
  /** Length of the windows before and after `at`, in ms. */
  windowMs: number;
  /** Env names; default: envs labelled role=old / role=new. */
  baseline?: readonly string[];
  candidate?: readonly string[];
  signal?: AbortSignal;
}

/** RED of one env over one window: rate, errors, duration. */
export interface RedWindow {
  start: string;
  end: string;
  requests: number | null;
  /** Average req/s over the window. */
  requestRate: number | null;
  errors: number | null;
  errorRatio: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface EnvRed {
  env: string;
  side: Side;
  /** [at - window, at] */
  before: RedWindow | null;
  /** [at, min(at + window, now)]; null when `at` is (almost) now. */
  after: RedWindow | null;
}

export interface TraceLink {
  env: string;
  url: string;
}

export interface TraceRef {
  traceId: string;
  envs: string[];
  rootOperation: string;
  start: string;
  durationMs: number;
  errorCount: number;
  /** Into each env's own trace UI (config `traces.uiUrl`); empty when none is configured. */
  links: TraceLink[];
}

export interface LogPatternRef {
  template: string;
  /** false: a known pattern that grew per request. */
  isNew: boolean;
  verdict: Verdict;
  count: number;
  perRequest: number | null;
  countByEnv: Record<string, number>;
  example: string;
  traceIds: string[];
}

export interface ErrorLine {
  time: string;
  env: string;
  level: string;
  message: string;
  traceId?: string;
}

export interface IncidentVerdict {
  verdict: Verdict;
  score: number | null;
  reason: string;
  /** The window the verdict judged: after `at` when at least 5 min of it has passed, else before. */
  window: { start: string; end: string };
  signals: { signal: string; verdict: Verdict; reason: string }[];
  culprits: { rank: number; signal: string; env: string | null; operation: string | null; summary: string }[];
  missing: { env: string; side: Side; backend: string; code: string }[];
  /** Better beyond tolerance: never a failure. */
  improvements: string[];
}

export interface IncidentError {
  code: string;
  message: string;
  env?: string;
  backend?: string;
}

export interface IncidentContext {
  schemaVersion: typeof INCIDENT_SCHEMA_VERSION;
  service: string;
  at: string;
  windowSeconds: number;
  generatedAt: string;
  baseline: string[];
  candidate: string[];
  verdict: IncidentVerdict;
  red: EnvRed[];
  /** The verdict window's migration table (per env throughput, successes, errors, quantiles). */
  migration: MigrationRow[];
  /** New error patterns and known ones that grew per request, strongest evidence first. */
  newLogPatterns: LogPatternRef[];
  slowestTraces: TraceRef[];
  failedTraces: TraceRef[];
  recentErrors: ErrorLine[];
  /** Backends that failed: the context is partial. */
  errors: IncidentError[];
}

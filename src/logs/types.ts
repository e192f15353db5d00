import type { LogLevel, LogRecord, VolumeBucket } from './model.js';
import type { KnownPattern, MinedPattern } from './patterns/index.js';

export interface LogServiceOptions {
  /** Most records one search page may return. */
  maxLimit: number;
  /** Page size when the request names none. */
  defaultLimit: number;
  /** Most lines read per env for pattern mining (also the largest sampleCap a request may ask). */
  patternSampleCap: number;
  /** Patterns returned per list when the request names no limit. */
  defaultPatternLimit: number;
}

/** Epoch ms, both ends inclusive. */
export interface LogWindow {
  start: number;
  end: number;
}

interface Scoped {
  service: string;
  /** Env names; all envs with logs when absent or empty. */
  envs?: readonly string[];
  levels?: readonly LogLevel[];
  /** The caller's cancellation (client gone). */
  signal?: AbortSignal;
}

export interface LogSearchRequest extends Scoped {
  range: LogWindow;
  text?: string;
  limit?: number;
  /** From a previous page; it pins that page's query and time window. */
  cursor?: string;
}

export interface LogPage {
  /** Newest first across envs. */
  records: LogRecord[];
  /** Null when every env that answered has no more lines. */
  cursor: string | null;
}

export interface LogVolumeRequest extends Scoped {
  /** step in ms; aligned to the step like metrics ranges. */
  range: LogWindow & { step: number };
}

export interface LogVolume {
  step: number;
  buckets: VolumeBucket[];
}

export interface LogPatternsRequest extends Scoped {
  range: LogWindow;
  sampleCap?: number;
  maxTraceIds?: number;
  /** Patterns kept per env (most frequent first). */
  limit?: number;
}

/** How much of an env's lines a pattern answer rests on. */
export interface EnvSample {
  env: string;
  /** Lines read (the newest of the window). */
  sampleSize: number;
  /** Lines in the window. */
  total: number;
  /** True when the sample is smaller than the window's lines. */
  capped: boolean;
}

export interface EnvPatterns extends EnvSample {
  patterns: MinedPattern[];
}

export interface NewLogPatternsRequest extends Omit<LogPatternsRequest, 'envs'> {
  baseline: readonly string[];
  candidate: readonly string[];
}

export interface NewLogPatterns {
  baseline: EnvSample[];
  candidate: EnvSample[];
  /** Candidate templates no baseline template matches, most frequent first. */
  newPatterns: MinedPattern[];
  /** Candidate lines grouped by the baseline template they matched. */
  known: KnownPattern[];
}

export type ErrorPatternsRequest = Omit<NewLogPatternsRequest, 'levels'>;

export interface ErrorPatternCount {
  id: string;
  template: string;
  /** True when the pattern exists in the candidate env(s) only. */
  isNew: boolean;
  /** Candidate lines, total and per candidate env. */
  count: number;
  countByEnv: Record<string, number>;
  /** Baseline lines in the same template (0 for a new pattern). */
  baselineCount: number;
  firstSeen: number;
  lastSeen: number;
  example: string;
  traceIds: string[];
}

export interface ErrorPatternCounts {
  samples: (EnvSample & { role: 'baseline' | 'candidate' })[];
  patterns: ErrorPatternCount[];
}

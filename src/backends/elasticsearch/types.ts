import type { LogFields } from '../../config/index.js';

/** The closed set of log levels Parallax speaks; stores' spellings are mapped onto it. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One log line of one env, whatever the store's field names. */
export interface LogRecord {
  /** Epoch milliseconds. */
  time: number;
  env: string;
  /** A LogLevel where the store's value maps onto one, else the store's value lowercased. */
  level: string;
  message: string;
  service: string;
  traceId?: string;
  spanId?: string;
  statusCode?: number;
  /** The document's other fields, flattened to dotted names. */
  fields: Record<string, string>;
}

/** Which lines a request is about. Times are epoch ms, both ends inclusive. */
export interface LogFilter {
  service: string;
  start: number;
  end: number;
  levels?: readonly LogLevel[];
  /** Free text: searched literally (no Lucene syntax), every word required. */
  text?: string;
}

/** A sort position in one env's result list (opaque to callers; fed back as search_after). */
export type SortValues = (string | number | boolean | null)[];

export interface LogHit {
  record: LogRecord;
  sort: SortValues;
}

export interface LogSearchResult {
  hits: LogHit[];
  /** Set when the store answered from only some of its shards. */
  partial?: string;
}

export type LevelCounts = Record<LogLevel | 'other', number>;

export interface VolumeBucket {
  /** Bucket start (epoch ms); the bucket covers [time, time + step). */
  time: number;
  total: number;
  levels: LevelCounts;
}

export interface SampledLine {
  message: string;
  time: number;
  traceId?: string;
}

export interface MessageSample {
  lines: SampledLine[];
  /** Lines matching the filter in the store (the sample holds the newest of them). */
  total: number;
  partial?: string;
}

/** What the adapter needs to talk to one env's log store. */
export interface ElasticsearchEnvOptions {
  env: string;
  urls: readonly string[];
  index: string;
  version: 8 | 9 | 'auto';
  fields: LogFields;
  timeoutMs: number;
  /** Static headers, authorization included. */
  headers: Record<string, string>;
  caFile?: string;
  maxResponseBytes: number;
}

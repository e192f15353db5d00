/** The log vocabulary of the domain: what every log store is mapped into. */

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

export type Labels = Record<string, string>;

/** One sample: epoch ms and value. */
export interface Point {
  t: number;
  v: number;
}

export interface Series {
  labels: Labels;
  points: Point[];
}

/** A typed PromQL result; vector series hold exactly one point. */
export type QueryData =
  | { type: 'vector'; series: Series[] }
  | { type: 'matrix'; series: Series[] }
  | { type: 'scalar'; point: Point }
  | { type: 'string'; t: number; value: string };

export interface QueryResult {
  data: QueryData;
  warnings: string[];
}

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface InstantQuery {
  query: string;
  /** epoch ms; the backend's now when absent */
  time?: number;
}

export interface RangeQuery {
  query: string;
  start: number;
  end: number;
  step: number;
}

export interface SeriesQuery {
  match: string[];
  start?: number;
  end?: number;
}

/** A vector or matrix answer as Prometheus wrote it: `result` is the JSON array text. */
export interface RawQueryResult {
  raw: true;
  resultType: 'vector' | 'matrix';
  result: string;
}

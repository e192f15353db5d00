/** A series' label set (the metric name under `__name__`). */
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

/** The series of a vector or matrix; none for a scalar or string. */
export const seriesOf = (data: QueryData): Series[] =>
  data.type === 'vector' || data.type === 'matrix' ? data.series : [];

export type {
  Labels,
  Point,
  Series,
  QueryData,
  QueryResult,
  MetricMetadata,
  InstantQuery,
  RangeQuery,
  SeriesQuery,
} from './types.js';
export { prometheusApi } from './client.js';
export { onReplicas, mergeQueryResults, mergeStringSets } from './ha.js';
export { parseSampleValue } from './parse.js';

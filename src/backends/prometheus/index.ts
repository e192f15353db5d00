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
  RawQueryResult,
} from './types.js';
export { prometheusApi } from './client.js';
export { parseSampleValue } from './parse.js';
export { rawSeries, joinRawSeries } from './raw.js';
export { indexAnswer, indexSeries, type IndexedSeries } from './samples.js';

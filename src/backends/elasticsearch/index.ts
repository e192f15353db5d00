export { ElasticsearchLogs } from './logs.js';
export { EsConnection } from './client.js';
export { LOG_LEVELS } from './types.js';
export type {
  ElasticsearchEnvOptions,
  LevelCounts,
  LogFilter,
  LogHit,
  LogLevel,
  LogRecord,
  LogSearchResult,
  MessageSample,
  SampledLine,
  SortValues,
  VolumeBucket,
} from './types.js';
export type { Buckets } from './query.js';
export { levelVariants, toLogLevel } from './levels.js';
export { logFilterQuery, searchRequest, textQuery, newestFirst } from './query.js';
export { toEsError } from './errors.js';

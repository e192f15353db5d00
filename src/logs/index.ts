export { LogService } from './service.js';
export {
  LOG_LEVELS,
  type LogLevel,
  type LogRecord,
  type VolumeBucket,
  type LevelCounts,
} from '../backends/elasticsearch/index.js';
export type {
  EnvPatterns,
  EnvSample,
  ErrorPatternCount,
  ErrorPatternCounts,
  ErrorPatternsRequest,
  LogPage,
  LogPatternsRequest,
  LogResult,
  LogSearchRequest,
  LogServiceOptions,
  LogVolume,
  LogVolumeRequest,
  LogWindow,
  NewLogPatterns,
  NewLogPatternsRequest,
} from './types.js';

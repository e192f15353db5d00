export { LogService } from './service.js';
export {
  LOG_LEVELS,
  type LogLevel,
  type LogRecord,
  type LogFilter,
  type LogHit,
  type SortValues,
  type VolumeBucket,
  type LevelCounts,
} from './model.js';
export type {
  EnvPatterns,
  EnvSample,
  ErrorPatternCount,
  ErrorPatternCounts,
  ErrorPatternsRequest,
  LogPage,
  LogPatternsRequest,
  LogSearchRequest,
  LogServiceOptions,
  LogVolume,
  LogVolumeRequest,
  LogWindow,
  NewLogPatterns,
  NewLogPatternsRequest,
} from './types.js';

export { TraceService } from './service.js';
export {
  DEFAULT_TRACE_OPTIONS,
  type TraceServiceOptions,
  type TracesResult,
  type CallOptions,
  type TraceOrder,
  type TraceSearch,
  type TraceLocation,
  type TraceLookup,
  type ServiceEntry,
  type OperationEntry,
  type OperationStats,
  type ServiceOperationStats,
  type DependencyEntry,
} from './types.js';
export { parseTraceId, parseSpanDuration, parseAttributeFilters, type AttributeFilter } from './input.js';
export { quantile, operationStats } from './stats.js';
export { mergeTraces, sortTraces } from './merge.js';

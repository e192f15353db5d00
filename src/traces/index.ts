export {
  SPAN_KINDS,
  type SpanKind,
  type SpanStatus,
  type AttributeValue,
  type Attributes,
  type SpanEvent,
  type Span,
  type Trace,
  type Operation,
  type DependencyLink,
  type TraceQuery,
} from './model.js';
export { buildTrace, assembleTraces } from './assemble.js';
export { TraceService } from './service.js';
export {
  DEFAULT_TRACE_OPTIONS,
  type TraceServiceOptions,
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

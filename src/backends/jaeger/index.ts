export type {
  SpanKind,
  SpanStatus,
  AttributeValue,
  Attributes,
  SpanEvent,
  Span,
  TraceSpans,
  Operation,
  DependencyLink,
  TraceQuery,
} from './model.js';
export { SPAN_KINDS } from './model.js';
export type { JaegerClient } from './client.js';
export { createJaegerClient } from './create.js';
export { V3Jaeger, v3SearchParams } from './v3.js';
export { LegacyJaeger, legacySearchParams } from './legacy.js';
export { AutoJaeger } from './auto.js';
export { groupByTrace } from './group.js';
export { matchesQuery, spanMatches } from './filter.js';

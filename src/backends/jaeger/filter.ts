import type { Attributes, Span, TraceSpans, TraceQuery } from './model.js';

/** Search depth when attributes are filtered here rather than by the backend: fetch more, keep `limit`. */
export function overFetch(limit: number): number {
  return Math.min(Math.max(limit * 10, 100), 10_000);
}

const has = (attrs: Attributes, key: string, value: string): boolean =>
  key in attrs && String(attrs[key]) === value;

function attributeMatches(span: Span, key: string, value: string): boolean {
  // Jaeger treats `error` as the span status, not as an attribute.
  if (key === 'error') return value === 'true' ? span.error : !span.error;
  return (
    has(span.attributes, key, value) ||
    has(span.resource, key, value) ||
    span.events.some((e) => has(e.attributes, key, value))
  );
}

/** Jaeger's rule: a trace matches when ONE of its spans satisfies every condition. */
export function spanMatches(span: Span, q: TraceQuery): boolean {
  if (span.service !== q.service) return false;
  if (q.operation && span.operation !== q.operation) return false;
  if (span.startMs < q.startMs || span.startMs > q.endMs) return false;
  if (q.minDurationUs !== undefined && span.durationUs < q.minDurationUs) return false;
  if (q.maxDurationUs !== undefined && span.durationUs > q.maxDurationUs) return false;
  return Object.entries(q.attributes ?? {}).every(([k, v]) => attributeMatches(span, k, v));
}

export function matchesQuery(trace: TraceSpans, q: TraceQuery): boolean {
  return trace.spans.some((span) => spanMatches(span, q));
}

import type { Span, TraceSpans } from './model.js';

/** Groups spans by trace id, keeping the order in which trace ids first appear. */
export function groupByTrace(spans: readonly Span[]): TraceSpans[] {
  const groups = new Map<string, Span[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group) group.push(span);
    else groups.set(span.traceId, [span]);
  }
  return [...groups].map(([traceId, group]) => ({ traceId, spans: group }));
}

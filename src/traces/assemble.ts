import type { Span, Trace } from './model.js';

/** The root: a span without a parent, else one whose parent is missing (a partial trace), else the first. */
function rootOf(spans: readonly Span[]): Span | undefined {
  const ids = new Set(spans.map((s) => s.spanId));
  return (
    spans.find((s) => s.parentSpanId === undefined) ??
    spans.find((s) => !ids.has(s.parentSpanId ?? '')) ??
    spans[0]
  );
}

interface Timed {
  span: Span;
  start: bigint;
  end: bigint;
}

// BigInt conversions are the costly part: done once per span, not per comparison.
function timed(span: Span): Timed {
  const start = BigInt(span.startNs);
  return { span, start, end: start + BigInt(Math.round(span.durationUs * 1000)) };
}

function unique(input: readonly Span[]): Span[] {
  const seen = new Set<string>();
  return input.filter((s) => {
    const key = `${s.env}\u0000${s.spanId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Timing fields of a trace from ns bigints, filled the way the adapters fill a span's. */
function timing(
  startNs: bigint,
  durationNs: bigint,
): Pick<Trace, 'startNs' | 'startMs' | 'durationUs' | 'durationMs'> {
  return {
    startNs: startNs.toString(),
    startMs: Number(startNs / 1000n) / 1000,
    durationUs: Number(durationNs) / 1000,
    durationMs: Number(durationNs) / 1_000_000,
  };
}

/** One trace from its spans (possibly gathered from several envs); duplicates (same env+span) are dropped. */
export function buildTrace(traceId: string, input: readonly Span[]): Trace {
  const items = unique(input).map(timed);
  items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const spans = items.map((t) => t.span);
  const start = items[0]?.start ?? 0n;
  const end = items.reduce((max, t) => (t.end > max ? t.end : max), start);
  const root = rootOf(spans);
  return {
    traceId,
    envs: [...new Set(spans.map((s) => s.env))],
    spans,
    rootService: root?.service ?? '',
    rootOperation: root?.operation ?? '',
    ...timing(start, end - start),
    errorCount: spans.filter((s) => s.error).length,
    services: [...new Set(spans.map((s) => s.service))].sort(),
  };
}

/** Traces from the span groups an env's backend returned, in the backend's order. */
export function assembleTraces(groups: readonly { traceId: string; spans: readonly Span[] }[]): Trace[] {
  return groups.map((g) => buildTrace(g.traceId, g.spans));
}

import type { Span, SpanKind, Trace } from './model.js';
import type { OperationStats } from './types.js';

/** Quantile with linear interpolation between closest ranks (numpy's default); NaN for no values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const loValue = sorted[lo] as number;
  const hiValue = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return loValue + (hiValue - loValue) * (pos - lo);
}

interface Bucket {
  operation: string;
  spanKind: SpanKind;
  durations: number[];
  errors: number;
}

function statsOf(b: Bucket): OperationStats {
  const sorted = [...b.durations].sort((x, y) => x - y);
  return {
    operation: b.operation,
    spanKind: b.spanKind,
    count: sorted.length,
    errorCount: b.errors,
    errorRatio: sorted.length === 0 ? 0 : b.errors / sorted.length,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    durationsMs: sorted,
  };
}

/** Per (operation, kind) statistics of `service`'s spans that start inside [startMs, endMs]. */
export function operationStats(
  traces: readonly Trace[],
  service: string,
  startMs: number,
  endMs: number,
): OperationStats[] {
  const buckets = new Map<string, Bucket>();
  const inScope = (s: Span): boolean => s.service === service && s.startMs >= startMs && s.startMs <= endMs;
  for (const span of traces.flatMap((t) => t.spans).filter(inScope)) {
    const key = `${span.operation}\u0000${span.kind}`;
    let b = buckets.get(key);
    if (!b)
      buckets.set(key, (b = { operation: span.operation, spanKind: span.kind, durations: [], errors: 0 }));
    b.durations.push(span.durationMs);
    if (span.error) b.errors++;
  }
  return [...buckets.values()]
    .map(statsOf)
    .sort((a, b) => a.operation.localeCompare(b.operation) || a.spanKind.localeCompare(b.spanKind));
}

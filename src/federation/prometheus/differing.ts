import type { IndexedSeries } from '../../backends/prometheus/index.js';
import type { Span } from './freshness.js';

/** One replica's series by identity (label key). */
export type SeriesById = ReadonlyMap<string, IndexedSeries>;

/**
 * The span of point times at which the replicas' answers differ (a point one lacks counts), or
 * undefined when they agree at every point: there any replica gives the same merge, so only this
 * span needs the probe. Only its ends matter, so each series pair is walked from both ends to its
 * first difference.
 */
export function differingSpan(answers: readonly SeriesById[]): Span | undefined {
  const [first, ...rest] = answers;
  if (!first) return undefined;
  const span = { start: Infinity, end: -Infinity };
  for (const other of rest) {
    for (const [key, a] of first) widen(span, a, other.get(key));
    for (const [key, b] of other) if (!first.has(key)) widen(span, b, undefined);
  }
  return span.start <= span.end ? span : undefined;
}

function widen(span: Span, a: IndexedSeries, b: IndexedSeries | undefined): void {
  const lo = firstDiff(a, b, false);
  if (lo === undefined) return;
  span.start = Math.min(span.start, lo);
  span.end = Math.max(span.end, firstDiff(a, b, true) ?? lo);
}

/**
 * The time of the first difference between two series read from one end: a point one lacks (the
 * nearer of two unequal times) or a sample written differently (same time, so another value).
 */
function firstDiff(a: IndexedSeries, b: IndexedSeries | undefined, fromEnd: boolean): number | undefined {
  const na = a.times.length;
  const nb = b ? b.times.length : 0;
  const n = Math.min(na, nb);
  for (let i = 0; i < n && b; i++) {
    const ia = fromEnd ? na - 1 - i : i;
    const ib = fromEnd ? nb - 1 - i : i;
    const p = a.times[ia] as number;
    const q = b.times[ib] as number;
    if (p !== q) return fromEnd ? Math.max(p, q) : Math.min(p, q);
    if (!sameSample(a, ia, b, ib)) return p;
  }
  if (na > n) return a.times[fromEnd ? na - 1 - n : n];
  return b && nb > n ? b.times[fromEnd ? nb - 1 - n : n] : undefined;
}

/** Whether two samples are written alike, compared in place (hot: no slices, no tuples). */
function sameSample(a: IndexedSeries, i: number, b: IndexedSeries, j: number): boolean {
  const from = a.bounds[2 * i] as number;
  const length = (a.bounds[2 * i + 1] as number) - from;
  const other = b.bounds[2 * j] as number;
  if ((b.bounds[2 * j + 1] as number) - other !== length) return false;
  for (let k = 0; k < length; k++)
    if (a.text.charCodeAt(from + k) !== b.text.charCodeAt(other + k)) return false;
  return true;
}

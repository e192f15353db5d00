import type { QueryData } from '../../backends/prometheus/index.js';
import { labelKey, seriesOf, type Point } from '../../series/index.js';
import type { Span } from './freshness.js';

/**
 * The span of point times at which the replicas' answers differ (a point one lacks counts), or
 * undefined when they agree at every point: there any replica gives the same merge, so only this
 * span needs the probe. Only its ends matter, so each series pair is walked from both ends to its
 * first difference.
 */
export function differingSpan(answers: readonly QueryData[]): Span | undefined {
  const [first, ...rest] = answers.map(pointsBySeries);
  if (!first) return undefined;
  const span = { start: Infinity, end: -Infinity };
  for (const other of rest) {
    for (const [key, a] of first) widen(span, a, other.get(key) ?? []);
    for (const [key, b] of other) if (!first.has(key)) widen(span, b, []);
  }
  return span.start <= span.end ? span : undefined;
}

function pointsBySeries(d: QueryData): Map<string, Point[]> {
  return new Map(seriesOf(d).map((s) => [labelKey(s.labels), s.points]));
}

function widen(span: Span, a: readonly Point[], b: readonly Point[]): void {
  const lo = firstDiff(a, b, (p, i) => p[i]);
  if (lo === undefined) return;
  span.start = Math.min(span.start, lo);
  span.end = Math.max(span.end, firstDiff(a, b, (p, i) => p[p.length - 1 - i], -1) ?? lo);
}

/**
 * The time of the first difference between two sorted point lists read in one direction (`at`):
 * a point one lacks (the nearer of two unequal times) or a value that differs.
 */
function firstDiff(
  a: readonly Point[],
  b: readonly Point[],
  at: (points: readonly Point[], i: number) => Point | undefined,
  direction = 1,
): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [p, q] = [at(a, i) as Point, at(b, i) as Point];
    if (p.t !== q.t) return direction > 0 ? Math.min(p.t, q.t) : Math.max(p.t, q.t);
    if (!Object.is(p.v, q.v)) return p.t;
  }
  return (at(a, n) ?? at(b, n))?.t;
}

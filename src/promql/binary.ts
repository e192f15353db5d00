import type { Point, QueryData, Series } from '../backends/prometheus/index.js';
import { ParallaxError } from '../errors/index.js';
import { dropName, labelKey } from '../series/index.js';
import type { ArithmeticOp } from './plan.js';

const APPLY: Record<ArithmeticOp, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => a ** b,
};

/** An operand after federation: series (env-tagged or merged) or a number literal. */
export type Evaluated =
  { kind: 'series'; type: 'vector' | 'matrix'; series: Series[] } | { kind: 'number'; value: number };

/**
 * PromQL arithmetic as one Prometheus would do it: vectors match one-to-one on their labels without
 * the metric name, per timestamp; a number applies to every sample. The metric name is dropped.
 */
export function combine(op: ArithmeticOp, left: Evaluated, right: Evaluated): QueryData {
  const f = APPLY[op];
  if (left.kind === 'number' && right.kind === 'number')
    return { type: 'scalar', point: { t: 0, v: f(left.value, right.value) } };
  if (left.kind === 'number' && right.kind === 'series') return mapSeries(right, (v) => f(left.value, v));
  if (left.kind === 'series' && right.kind === 'number') return mapSeries(left, (v) => f(v, right.value));
  if (left.kind !== 'series' || right.kind !== 'series') throw new Error('unreachable');
  const type = left.type === 'matrix' || right.type === 'matrix' ? 'matrix' : 'vector';
  const rightByKey = uniqueByKey(right.series, 'right');
  uniqueByKey(left.series, 'left');
  const series: Series[] = [];
  for (const l of left.series) {
    const labels = dropName(l.labels);
    const r = rightByKey.get(labelKey(labels));
    if (!r) continue;
    const rv = new Map(r.points.map((p) => [p.t, p.v]));
    const points = l.points.flatMap((p): Point[] => {
      const v = rv.get(p.t);
      return v === undefined ? [] : [{ t: p.t, v: f(p.v, v) }];
    });
    if (points.length > 0) series.push({ labels, points });
  }
  return { type, series };
}

function mapSeries(s: Extract<Evaluated, { kind: 'series' }>, fn: (v: number) => number): QueryData {
  return {
    type: s.type,
    series: s.series.map((x) => ({
      labels: dropName(x.labels),
      points: x.points.map((p) => ({ t: p.t, v: fn(p.v) })),
    })),
  };
}

function uniqueByKey(series: Series[], side: string): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const s of series) {
    const key = labelKey(dropName(s.labels));
    if (out.has(key)) {
      throw new ParallaxError(
        'BAD_QUERY',
        `query: found duplicate series for the match group on the ${side} side; many-to-many matching not allowed`,
        {
          field: 'query',
        },
      );
    }
    out.set(key, s);
  }
  return out;
}

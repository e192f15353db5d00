import type { Labels, Point, QueryData, Series } from '../series/index.js';
import { ParallaxError } from '../errors/index.js';
import { dropName, labelKey } from '../series/index.js';
import type { ArithmeticOp, VectorMatching } from './plan.js';

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

const NO_MATCHING: VectorMatching = { on: false, labels: [], include: [] };

/**
 * PromQL arithmetic as one Prometheus would do it: vectors match on their labels (without the metric
 * name, narrowed by on()/ignoring()), one-to-one or many-to-one with group_left/group_right, per
 * timestamp; a number applies to every sample. The metric name is dropped.
 */
export function combine(
  op: ArithmeticOp,
  left: Evaluated,
  right: Evaluated,
  matching = NO_MATCHING,
): QueryData {
  const f = APPLY[op];
  if (left.kind === 'number' && right.kind === 'number') {
    return { type: 'scalar', point: { t: 0, v: f(left.value, right.value) } };
  }
  if (left.kind === 'number' && right.kind === 'series') return mapSeries(right, (v) => f(left.value, v));
  if (left.kind === 'series' && right.kind === 'number') return mapSeries(left, (v) => f(v, right.value));
  if (left.kind !== 'series' || right.kind !== 'series') throw new Error('unreachable');
  const type = left.type === 'matrix' || right.type === 'matrix' ? 'matrix' : 'vector';
  const manyIsLeft = matching.group !== 'right';
  const [many, one] = manyIsLeft ? [left.series, right.series] : [right.series, left.series];
  const oneByKey = uniqueBy(
    one,
    (l) => matchKey(l, matching),
    'many-to-many matching not allowed: matching labels must be unique on one side',
  );
  if (!matching.group)
    uniqueBy(
      many,
      (l) => matchKey(l, matching),
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
  const out: Series[] = [];
  for (const m of many) {
    const o = oneByKey.get(labelKey(matchKey(m.labels, matching)));
    if (!o) continue;
    const [l, r] = manyIsLeft ? [m, o] : [o, m];
    const points = joinPoints(l.points, r.points, f);
    if (points.length > 0) out.push({ labels: resultLabels(m.labels, o.labels, matching), points });
  }
  uniqueBy(out, (l) => l, 'multiple matches for labels: grouping labels must ensure unique matches');
  return { type, series: out };
}

function matchKey(labels: Labels, m: VectorMatching): Labels {
  if (m.on)
    return Object.fromEntries(m.labels.filter((k) => k in labels).map((k) => [k, labels[k] as string]));
  const out = { ...dropName(labels) };
  for (const k of m.labels) delete out[k];
  return out;
}

/** Prometheus' resultMetric: one-to-one keeps the on() labels or drops the ignored ones; grouping keeps the many side. */
function resultLabels(many: Labels, one: Labels, m: VectorMatching): Labels {
  let out = dropName(many);
  if (!m.group) {
    if (m.on) out = matchKey(many, m);
    else for (const k of m.labels) out = omit(out, k);
  }
  for (const k of m.include) {
    const v = one[k];
    out = v ? { ...out, [k]: v } : omit(out, k);
  }
  return out;
}

function omit(labels: Labels, key: string): Labels {
  const { [key]: _gone, ...rest } = labels;
  return rest;
}

function joinPoints(l: readonly Point[], r: readonly Point[], f: (a: number, b: number) => number): Point[] {
  const rv = new Map(r.map((p) => [p.t, p.v]));
  return l.flatMap((p): Point[] => {
    const v = rv.get(p.t);
    return v === undefined ? [] : [{ t: p.t, v: f(p.v, v) }];
  });
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

function uniqueBy(
  series: readonly Series[],
  key: (l: Labels) => Labels,
  message: string,
): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const s of series) {
    const k = labelKey(key(s.labels));
    if (out.has(k)) throw new ParallaxError('BAD_QUERY', `query: ${message}`, { field: 'query' });
    out.set(k, s);
  }
  return out;
}

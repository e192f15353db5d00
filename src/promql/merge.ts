import type { Labels, Point, Series } from '../series/index.js';
import { labelKey } from '../series/index.js';
import { bucketQuantile } from './histogram.js';
import type { PushdownOp } from './plan.js';

type Grid = Map<string, { labels: Labels; points: Map<number, number[]> }>;

/** Groups every env's series by label set and timestamp: the input of each cross-env merge. */
function collect(seriesPerEnv: readonly Series[][], keyLabels: (l: Labels) => Labels = (l) => l): Grid {
  const grid: Grid = new Map();
  for (const list of seriesPerEnv) {
    for (const s of list) {
      const labels = keyLabels(s.labels);
      const key = labelKey(labels);
      let cell = grid.get(key);
      if (!cell) grid.set(key, (cell = { labels, points: new Map() }));
      for (const p of s.points) {
        const values = cell.points.get(p.t);
        if (values) values.push(p.v);
        else cell.points.set(p.t, [p.v]);
      }
    }
  }
  return grid;
}

function toSeries(grid: Grid, reduce: (values: number[]) => number): Series[] {
  return [...grid.values()].map(({ labels, points }) => ({
    labels,
    points: [...points.entries()].sort((a, b) => a[0] - b[0]).map(([t, vs]): Point => ({ t, v: reduce(vs) })),
  }));
}

const sum = (vs: number[]): number => vs.reduce((a, b) => a + b, 0);
const REDUCERS: Record<'sum' | 'count' | 'min' | 'max' | 'group', (vs: number[]) => number> = {
  sum,
  count: sum,
  min: (vs) => Math.min(...vs),
  max: (vs) => Math.max(...vs),
  group: () => 1,
};

/** Merges per-env results of a pushed-down aggregation into the global answer. */
export function mergeAggregate(op: PushdownOp, perQuery: Series[][][], k = 0): Series[] {
  const [first = [], second = []] = perQuery;
  if (op === 'avg') return mergeAvg(first, second);
  if (op === 'topk' || op === 'bottomk') return mergeTopK(first, k, op === 'topk');
  return toSeries(collect(first), REDUCERS[op]);
}

function mergeAvg(sums: Series[][], counts: Series[][]): Series[] {
  const countGrid = collect(counts);
  const sumSeries = toSeries(collect(sums), sum);
  return sumSeries.map((s) => {
    const c = countGrid.get(labelKey(s.labels));
    return {
      labels: s.labels,
      points: s.points.map((p) => ({ t: p.t, v: p.v / sum(c?.points.get(p.t) ?? [NaN]) })),
    };
  });
}

/** Per timestamp, keeps the k highest (or lowest) values over every env's candidates, as Prometheus does. */
function mergeTopK(perEnv: Series[][], k: number, highest: boolean): Series[] {
  const all = perEnv.flat();
  const byTime = new Map<number, Array<{ idx: number; v: number }>>();
  all.forEach((s, idx) => {
    for (const p of s.points) {
      const list = byTime.get(p.t) ?? [];
      list.push({ idx, v: p.v });
      byTime.set(p.t, list);
    }
  });
  const kept = all.map((s) => ({ labels: s.labels, points: [] as Point[] }));
  for (const [t, list] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => (highest ? b.v - a.v : a.v - b.v));
    for (const { idx, v } of list.slice(0, k)) kept[idx]?.points.push({ t, v });
  }
  return kept.filter((s) => s.points.length > 0);
}

/** Sums every env's buckets per (group, le), then computes the quantile per group. */
export function mergeHistogram(phi: number, perEnv: Series[][]): Series[] {
  const withoutLe = (l: Labels): Labels => {
    const { le: _le, ...rest } = l;
    return rest;
  };
  const buckets = toSeries(collect(perEnv), sum);
  const groups = new Map<
    string,
    { labels: Labels; byTime: Map<number, Array<{ le: number; count: number }>> }
  >();
  for (const s of buckets) {
    const le = Number(s.labels.le === '+Inf' ? Infinity : s.labels.le);
    const labels = withoutLe(s.labels);
    const key = labelKey(labels);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, byTime: new Map() }));
    for (const p of s.points) {
      const list = g.byTime.get(p.t) ?? [];
      list.push({ le, count: p.v });
      g.byTime.set(p.t, list);
    }
  }
  return [...groups.values()].map(({ labels, byTime }) => ({
    labels,
    points: [...byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, bs]) => ({ t, v: bucketQuantile(phi, bs) })),
  }));
}

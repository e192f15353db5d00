import type { Point } from '../../series/index.js';
import type { SignalName } from '../../signals/index.js';
import type { EnvMetrics, Side, WindowCounts } from './types.js';

export const envsOf = (metrics: readonly EnvMetrics[], side: Side): EnvMetrics[] =>
  metrics.filter((m) => m.side === side);

const finite = (p: Point): boolean => Number.isFinite(p.v);

/**
 * One side's value per step: the envs' values weighted by their request rate at that step, so a side of
 * several envs is judged per request, not per env. With one env per side it is that env's series.
 */
export function sideSeries(envs: readonly EnvMetrics[], signal: SignalName): Point[] {
  const acc = new Map<number, { sum: number; weight: number }>();
  for (const env of envs) {
    const rates = new Map((env.series.request_rate ?? []).map((p) => [p.t, p.v]));
    for (const p of (env.series[signal] ?? []).filter(finite)) {
      const rate = rates.get(p.t);
      const weight = envs.length === 1 ? 1 : rate !== undefined && Number.isFinite(rate) ? rate : 0;
      if (weight <= 0) continue;
      const cell = acc.get(p.t) ?? { sum: 0, weight: 0 };
      cell.sum += p.v * weight;
      cell.weight += weight;
      acc.set(p.t, cell);
    }
  }
  return [...acc].sort(([a], [b]) => a - b).map(([t, { sum, weight }]) => ({ t, v: sum / weight }));
}

/**
 * Points at least `spacingMs` apart. A rate over a 5 min window evaluated every 15 s yields points that
 * share most of their requests; judging them as independent samples would overstate significance.
 */
export function spaced(points: readonly Point[], spacingMs: number): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || p.t - last.t >= spacingMs) out.push(p);
  }
  return out;
}

/** Summed window counts of a side's envs that answered. */
export function sideCounts(envs: readonly EnvMetrics[]): WindowCounts {
  let total = 0;
  let errors = 0;
  for (const env of envs) {
    if (!env.counts) continue;
    total += env.counts.total;
    errors += env.counts.errors;
  }
  return { total, errors };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

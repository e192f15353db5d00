import type { Point } from '../../series/index.js';
import type { EnvMetrics, TrafficShare } from './types.js';

function totalsByStep(metrics: readonly EnvMetrics[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const env of metrics) {
    for (const p of env.series.request_rate ?? []) {
      if (Number.isFinite(p.v)) totals.set(p.t, (totals.get(p.t) ?? 0) + p.v);
    }
  }
  return totals;
}

function shareSeries(env: EnvMetrics, totals: Map<number, number>): Point[] {
  return (env.series.request_rate ?? []).flatMap((p) => {
    const total = totals.get(p.t) ?? 0;
    return Number.isFinite(p.v) && total > 0 ? [{ t: p.t, v: p.v / total }] : [];
  });
}

/** Each env's share of the compared envs' requests, over the window and per step. */
export function trafficShares(metrics: readonly EnvMetrics[]): TrafficShare[] {
  const totals = totalsByStep(metrics);
  const allRequests = metrics.reduce((sum, m) => sum + (m.counts?.total ?? 0), 0);
  return metrics.map((env) => {
    const requests = env.counts?.total ?? null;
    return {
      env: env.env,
      side: env.side,
      requests,
      share: requests !== null && allRequests > 0 ? requests / allRequests : null,
      points: shareSeries(env, totals),
    };
  });
}

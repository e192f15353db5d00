import type { TimeRange } from '../../time/index.js';
import type { EnvMetrics, MigrationRow } from './types.js';

function peak(env: EnvMetrics): number | null {
  const values = (env.series.request_rate ?? []).map((p) => p.v).filter(Number.isFinite);
  return values.length === 0 ? null : Math.max(...values);
}

const orNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/**
 * The table the migration seeds kept by hand (LINE Pay's VM vs K8s load test): per env, average and peak
 * throughput, successes, errors, failure rate and latency quantiles over the window.
 */
export function migrationTable(metrics: readonly EnvMetrics[], range: TimeRange): MigrationRow[] {
  const windowSeconds = (range.end - range.start) / 1000;
  return metrics.map((env) => {
    const c = env.counts;
    return {
      env: env.env,
      side: env.side,
      windowSeconds,
      requests: c?.total ?? null,
      avgThroughput: c && windowSeconds > 0 ? c.total / windowSeconds : null,
      peakThroughput: peak(env),
      successes: c ? c.total - c.errors : null,
      errors: c?.errors ?? null,
      failureRate: c && c.total > 0 ? c.errors / c.total : null,
      p50Ms: orNull(env.latency.p50Ms),
      p99Ms: orNull(env.latency.p99Ms),
    };
  });
}

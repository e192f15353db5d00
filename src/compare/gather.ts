import type { Point } from '../series/index.js';
import type { EnvRegistry } from '../envs/index.js';
import type { BackendKind, ParallaxError } from '../errors/index.js';
import type { MetricsService } from '../metrics/index.js';
import type { SignalName, SignalsService } from '../signals/index.js';
import type { TimeRange } from '../time/index.js';
import type { EnvMetrics, MissingData, Side, WindowCounts, WindowLatency } from './model/index.js';
import { median } from './model/sides.js';
import { integrateCounts, windowQueries } from './queries/index.js';

export interface MetricsDeps {
  envs: EnvRegistry;
  metrics: MetricsService;
  signals: SignalsService;
}

export interface MetricsRequest {
  service: string;
  envs: readonly { env: string; side: Side }[];
  range: TimeRange;
  signals: readonly SignalName[];
  signal?: AbortSignal;
}

interface WindowAnswer {
  counts: WindowCounts | null;
  latency: WindowLatency;
  errors: ParallaxError[];
}

function firstValue(series: readonly { points: Point[] }[]): number | null {
  const v = series[0]?.points[0]?.v;
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Requests, errors and quantiles over the whole window, from increase() of the env's counters. */
async function windowStats(
  deps: MetricsDeps,
  req: MetricsRequest,
  env: string,
): Promise<WindowAnswer | null> {
  const queries = windowQueries(deps.envs.get(env).signals, req.service, req.range.end - req.range.start);
  if (!queries) return null;
  const scope = { envs: [env], field: 'window', ...(req.signal ? { signal: req.signal } : {}) };
  const run = (q: string) => deps.metrics.instant(q, req.range.end, scope);
  const [total, errors, p50, p99] = await Promise.all([
    run(queries.total),
    run(queries.errors),
    run(queries.p50),
    run(queries.p99),
  ]);
  const all = [total, errors, p50, p99];
  const series = (r: typeof total) => (r.data.type === 'vector' ? r.data.series : []);
  // No series at all is "absent", not "0 requests": the verdict tells the two apart.
  const seen = firstValue(series(total));
  const n = Math.round(seen ?? 0);
  const e = Math.min(n, Math.round(firstValue(series(errors)) ?? 0));
  return {
    counts: seen === null ? null : { total: n, errors: e },
    latency: { p50Ms: firstValue(series(p50)), p99Ms: firstValue(series(p99)) },
    errors: all.flatMap((r) => r.errors),
  };
}

function fromSeries(
  series: EnvMetrics['series'],
  step: number,
): { counts: WindowCounts; latency: WindowLatency } {
  const med = (s: SignalName): number | null =>
    median((series[s] ?? []).map((p) => p.v).filter(Number.isFinite));
  return {
    counts: integrateCounts(series.request_rate ?? [], series.error_ratio ?? [], step),
    latency: { p50Ms: med('latency_p50'), p99Ms: med('latency_p99') },
  };
}

export interface MetricsAnswer {
  metrics: EnvMetrics[];
  errors: ParallaxError[];
}

/** Every env's signal series and window statistics, all queries in parallel; failed envs left out. */
export async function gatherMetrics(deps: MetricsDeps, req: MetricsRequest): Promise<MetricsAnswer> {
  const names = req.envs.map((e) => e.env);
  if (names.length === 0) return { metrics: [], errors: [] };
  const [signals, windows] = await Promise.all([
    deps.signals.query(req.service, names, req.signals, req.range, req.signal),
    Promise.all(names.map((env) => windowStats(deps, req, env))),
  ]);
  const errors = [...signals.errors, ...windows.flatMap((w) => w?.errors ?? [])];
  const failed = new Set(errors.map((e) => e.env));
  const metrics = req.envs
    .filter(({ env }) => !failed.has(env))
    .map(({ env, side }): EnvMetrics => {
      const series: EnvMetrics['series'] = {};
      for (const r of signals.data.filter((x) => x.env === env)) series[r.signal] = r.series[0]?.points ?? [];
      const stats = windows[names.indexOf(env)] ?? fromSeries(series, req.range.step);
      return { env, side, series, counts: stats.counts, latency: stats.latency };
    });
  return { metrics, errors };
}

/** Failed backends of the compared envs, one entry per env and backend. */
export function missingOf(errors: readonly ParallaxError[], sideOf: (env: string) => Side): MissingData[] {
  const seen = new Set<string>();
  const out: MissingData[] = [];
  for (const e of errors) {
    if (!e.env || !e.backend) continue;
    const key = `${e.env}/${e.backend}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ env: e.env, side: sideOf(e.env), backend: e.backend, code: e.code });
  }
  return out;
}

/**
 * One error per env and backend: ten queries to a down env say the same thing once, and the first one
 * says why (the later ones may only say that the circuit breaker opened).
 */
export function dedupeErrors(errors: readonly ParallaxError[]): ParallaxError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = e.env ? `${e.env}/${e.backend ?? ''}` : `-/${e.code}/${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const hasBackend = (envs: EnvRegistry, env: string, backend: BackendKind): boolean =>
  envs.hasBackend(envs.get(env), backend);

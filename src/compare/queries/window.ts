import type { Point } from '../../series/index.js';
import type { SignalsConfig } from '../../config/index.js';
import { promqlString } from '../../promql/index.js';
import { formatDuration } from '../../time/index.js';
import { serviceSelector, TEMPLATE_SHAPES } from '../../signals/index.js';

/** Instant queries, evaluated at the window's end, covering the whole window. */
export interface WindowQueries {
  total: string;
  errors: string;
  p50: string;
  p99: string;
}

// Overriding these signals means the env counts requests some other way: no counter to increase().
const COUNTING_SIGNALS = ['request_rate', 'error_ratio', 'latency_p50', 'latency_p99'];

/**
 * increase()-based PromQL for a service's requests, 5xx responses and window quantiles in one env; null
 * for a custom template or overridden signals (the caller then integrates the signal series instead).
 * The service name reaches PromQL only as an escaped string literal.
 */
export function windowQueries(cfg: SignalsConfig, service: string, windowMs: number): WindowQueries | null {
  if (cfg.template === 'custom') return null;
  if (COUNTING_SIGNALS.some((s) => cfg.overrides[s] !== undefined)) return null;
  const shape = TEMPLATE_SHAPES[cfg.template];
  const base = serviceSelector(shape, cfg.vars, promqlString(service));
  const w = formatDuration(windowMs);
  const increase = (metric: string, extra = ''): string => `sum(increase(${metric}{${base}${extra}}[${w}]))`;
  const quantile = (q: number): string => {
    const hq = `histogram_quantile(${q}, sum by (le) (increase(${shape.buckets}{${base}}[${w}])))`;
    return shape.toMs === 1 ? hq : `${hq} * ${shape.toMs}`;
  };
  return {
    total: increase(shape.requests),
    errors: increase(shape.requests, `,${shape.errorMatcher}`),
    p50: quantile(0.5),
    p99: quantile(0.99),
  };
}

/**
 * Requests and errors estimated from the rate and error-ratio series (rate x step summed): the fallback
 * for envs whose template has no counter the gateway knows.
 */
export function integrateCounts(rate: readonly Point[], errorRatio: readonly Point[], stepMs: number) {
  const ratios = new Map(errorRatio.map((p) => [p.t, p.v]));
  let total = 0;
  let errors = 0;
  for (const p of rate) {
    if (!Number.isFinite(p.v)) continue;
    const n = (p.v * stepMs) / 1000;
    total += n;
    const r = ratios.get(p.t);
    if (r !== undefined && Number.isFinite(r)) errors += n * r;
  }
  return { total: Math.round(total), errors: Math.min(Math.round(errors), Math.round(total)) };
}

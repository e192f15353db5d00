import { serviceSamples, type MetricTemplate } from '../../../demo/metrics.js';
import type { PromSample } from '../../harness/prometheus.js';
import type { Scenario, SideKey } from './model.js';
import { ENV_OF, HOUR_MS, LEAD_IN_MIN, MINUTE_MS, minuteOf, sideSeed, stallFactor, STEP_MS } from './time.js';

/** kr-vm runs Spring Boot (micrometer); kr-k8s has Istio sidecars. */
export const TEMPLATE_OF: Record<SideKey, MetricTemplate> = { baseline: 'micrometer', candidate: 'istio' };

/** +-10% traffic jitter per scrape, seeded by scenario, side and step (not by the clock). */
function jitter(seed: number, step: number): number {
  let h = Math.imul(seed ^ step, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return 1 + 0.2 * (((h ^ (h >>> 13)) >>> 0) / 4294967296 - 0.5);
}

/** Cumulative counters and histograms of one scenario in one env (none when it is absent there). */
export function sideSamples(s: Scenario, key: SideKey, t0: number): PromSample[] {
  const p = s[key];
  if (p.presence === 'absent') return [];
  const start = t0 - LEAD_IN_MIN * MINUTE_MS;
  const seed = sideSeed(s.seed, key);
  return serviceSamples({
    env: ENV_OF[key],
    template: TEMPLATE_OF[key],
    service: s.service,
    start,
    end: t0 + HOUR_MS,
    stepMs: STEP_MS,
    rps: (t) => p.rps(minuteOf(t, t0)) * jitter(seed, (t - start) / STEP_MS),
    errorRatio: p.errorRatio,
    latencyMs: p.latencyMs,
    latencyAt: (t) => p.latencyMs * stallFactor(p.stalls, minuteOf(t, t0)),
    spread: p.spread,
    // Low-traffic scenarios serve their fractional rate, not a rounded one.
    carry: true,
    seed,
  });
}

const COUNTERS: Record<MetricTemplate, { name: string; errorLabel: string; errorValue: string }> = {
  micrometer: { name: 'http_server_requests_seconds_count', errorLabel: 'status', errorValue: '500' },
  istio: { name: 'istio_requests_total', errorLabel: 'response_code', errorValue: '503' },
  promclient: { name: 'http_request_duration_seconds_count', errorLabel: 'status_code', errorValue: '500' },
};

/** Requests and errors counted inside (t0, t0 + 1 h]: counter at the end minus counter at the start. */
export function windowCounts(
  samples: readonly PromSample[],
  template: MetricTemplate,
  t0: number,
): { requests: number; errors: number } {
  const c = COUNTERS[template];
  let requests = 0;
  let errors = 0;
  for (const x of samples) {
    if (x.name !== c.name || (x.t !== t0 && x.t !== t0 + HOUR_MS)) continue;
    const v = x.t === t0 ? -x.v : x.v;
    requests += v;
    if (x.labels[c.errorLabel] === c.errorValue) errors += v;
  }
  return { requests, errors };
}

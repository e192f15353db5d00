import type { PromSample } from '../test/harness/prometheus.js';
import { prng } from '../test/harness/random.js';

export type MetricTemplate = 'istio' | 'promclient';

export interface ServiceProfile {
  env: string;
  template: MetricTemplate;
  service: string;
  /** epoch ms, inclusive */
  start: number;
  end: number;
  /** scrape interval in ms */
  stepMs: number;
  /** requests per second at each scrape, given the time (lets traffic shift over the window) */
  rps: (t: number) => number;
  /** share of 5xx responses */
  errorRatio: number;
  /** median latency in ms */
  latencyMs: number;
  seed: number;
}

const ISTIO_BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity];
const PROMCLIENT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

export { prng };

/** A latency around the median with a long right tail (log-normal-ish). */
function latency(rand: () => number, medianMs: number): number {
  const u = Math.max(1e-9, rand());
  const v = rand();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianMs * Math.exp(0.35 * z);
}

interface Counters {
  ok: number;
  err: number;
  buckets: number[];
  sumMs: number;
}

/** Counter samples of one service in one env, in its env's metric template (Istio on K8s, prom-client on VMs). */
export function serviceSamples(p: ServiceProfile): PromSample[] {
  const rand = prng(p.seed);
  const bounds = p.template === 'istio' ? ISTIO_BUCKETS_MS : PROMCLIENT_BUCKETS_S.map((b) => b * 1000);
  const c: Counters = { ok: 0, err: 0, buckets: bounds.map(() => 0), sumMs: 0 };
  const out: PromSample[] = [];
  for (let t = p.start; t <= p.end; t += p.stepMs) {
    const n = Math.round(p.rps(t) * (p.stepMs / 1000));
    for (let i = 0; i < n; i++) {
      const ms = latency(rand, p.latencyMs);
      if (rand() < p.errorRatio) c.err++;
      else c.ok++;
      c.sumMs += ms;
      bounds.forEach((b, j) => {
        if (ms <= b) c.buckets[j] = (c.buckets[j] ?? 0) + 1;
      });
    }
    out.push(...(p.template === 'istio' ? istioAt(p, t, c, bounds) : promclientAt(p, t, c, bounds)));
  }
  return out;
}

const le = (b: number, seconds: boolean): string =>
  b === Infinity ? '+Inf' : String(seconds ? b / 1000 : b);

function istioAt(p: ServiceProfile, t: number, c: Counters, bounds: number[]): PromSample[] {
  const base = {
    reporter: 'destination',
    destination_service_name: p.service,
    destination_workload: p.service,
  };
  return [
    { name: 'istio_requests_total', labels: { ...base, response_code: '200' }, t, v: c.ok },
    { name: 'istio_requests_total', labels: { ...base, response_code: '503' }, t, v: c.err },
    ...bounds.map((b, j) => ({
      name: 'istio_request_duration_milliseconds_bucket',
      labels: { ...base, le: le(b, false) },
      t,
      v: c.buckets[j] ?? 0,
    })),
  ];
}

function promclientAt(p: ServiceProfile, t: number, c: Counters, bounds: number[]): PromSample[] {
  const base = { service: p.service, method: 'GET', route: '/api' };
  return [
    { name: 'http_request_duration_seconds_count', labels: { ...base, status_code: '200' }, t, v: c.ok },
    { name: 'http_request_duration_seconds_count', labels: { ...base, status_code: '500' }, t, v: c.err },
    ...bounds.map((b, j) => ({
      name: 'http_request_duration_seconds_bucket',
      labels: { ...base, le: le(b, true) },
      t,
      v: c.buckets[j] ?? 0,
    })),
  ];
}

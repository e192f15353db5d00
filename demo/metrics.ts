import type { PromSample } from '../test/harness/prometheus.js';
import { prng } from '../test/harness/random.js';

export type MetricTemplate = 'istio' | 'promclient' | 'micrometer';

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
  /** median latency in ms at time t, when it moves over the window (e.g. a stall); wins over latencyMs */
  latencyAt?: (t: number) => number;
  /** log-normal spread of latency (sigma of ln ms); 0.35 unless given */
  spread?: number;
  /**
   * Carry the fraction of a request over to the next scrape instead of rounding each scrape: a service at
   * 0.03 req/s then serves ~0.03 req/s, not 0 (rounding 0.45 per scrape).
   */
  carry?: boolean;
  seed: number;
}

const ISTIO_BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity];
const PROMCLIENT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];
/**
 * Spring Boot `management.metrics.distribution.slo.http.server.requests` set to Istio's boundaries (in
 * seconds), as teams do mid-migration: the interpolated quantiles of both envs then share their buckets.
 */
const MICROMETER_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];
/** Routes of a micrometer service (its `uri` label) and their share of requests. */
const MICROMETER_ROUTES = [
  { uri: '/api/orders/{id}', method: 'GET', share: 0.8 },
  { uri: '/api/orders', method: 'POST', share: 0.2 },
] as const;

export { prng };

/** A latency around the median with a long right tail (log-normal-ish). */
function latency(rand: () => number, medianMs: number, spread = 0.35): number {
  const u = Math.max(1e-9, rand());
  const v = rand();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianMs * Math.exp(spread * z);
}

interface Counters {
  ok: number;
  err: number;
  buckets: number[];
  sumMs: number;
}

/** Counter samples of one service in one env, in its env's metric template (Istio on K8s, prom-client on VMs). */
export function serviceSamples(p: ServiceProfile): PromSample[] {
  if (p.template === 'micrometer') return micrometerSamples(p);
  const rand = prng(p.seed);
  const bounds = p.template === 'istio' ? ISTIO_BUCKETS_MS : PROMCLIENT_BUCKETS_S.map((b) => b * 1000);
  const c: Counters = { ok: 0, err: 0, buckets: bounds.map(() => 0), sumMs: 0 };
  const requests = requestCounter(p);
  const out: PromSample[] = [];
  for (let t = p.start; t <= p.end; t += p.stepMs) {
    const n = requests(t);
    const median = p.latencyAt ? p.latencyAt(t) : p.latencyMs;
    for (let i = 0; i < n; i++) {
      const ms = latency(rand, median, p.spread);
      if (rand() < p.errorRatio) c.err++;
      else c.ok++;
      c.sumMs += ms;
      countInto(c.buckets, bounds, ms);
    }
    const now = { ...c, buckets: cumulative(c.buckets) };
    out.push(...(p.template === 'istio' ? istioAt(p, t, now, bounds) : promclientAt(p, t, now, bounds)));
  }
  return out;
}

/** Requests per scrape: rounded, or with the fraction carried over to the next scrape. */
function requestCounter(p: ServiceProfile): (t: number) => number {
  let carried = 0;
  return (t) => {
    const exact = p.rps(t) * (p.stepMs / 1000);
    if (!p.carry) return Math.round(exact);
    carried += exact;
    const n = Math.floor(carried);
    carried -= n;
    return n;
  };
}

/** Counts a request in its own bucket (the first bound it fits under): one increment, not one per bucket. */
function countInto(raw: number[], bounds: readonly number[], ms: number): void {
  let j = 0;
  while (j < bounds.length - 1 && ms > (bounds[j] ?? Infinity)) j++;
  raw[j] = (raw[j] ?? 0) + 1;
}

/** Per-bucket counts -> Prometheus' cumulative `le` buckets. */
function cumulative(raw: readonly number[]): number[] {
  let sum = 0;
  return raw.map((n) => (sum += n));
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

interface RouteCounters {
  count: number;
  sumS: number;
  buckets: number[];
}

/**
 * Micrometer's `http.server.requests` timer as Spring Boot exposes it: `_count`, `_sum` (seconds) and
 * cumulative `_bucket` series per application, uri, method and status (200, or 500 for an error).
 */
function micrometerSamples(p: ServiceProfile): PromSample[] {
  const rand = prng(p.seed);
  const bounds = MICROMETER_BUCKETS_S.map((b) => b * 1000);
  const fresh = (): RouteCounters => ({ count: 0, sumS: 0, buckets: bounds.map(() => 0) });
  const counters = MICROMETER_ROUTES.map(() => ({ ok: fresh(), err: fresh() }));
  const requests = requestCounter(p);
  const out: PromSample[] = [];
  for (let t = p.start; t <= p.end; t += p.stepMs) {
    const n = requests(t);
    const median = p.latencyAt ? p.latencyAt(t) : p.latencyMs;
    for (let i = 0; i < n; i++) {
      const ms = latency(rand, median, p.spread);
      const route = rand() < (MICROMETER_ROUTES[0]?.share ?? 1) ? 0 : 1;
      const pair = counters[route];
      if (!pair) continue;
      const c = rand() < p.errorRatio ? pair.err : pair.ok;
      c.count++;
      c.sumS += ms / 1000;
      countInto(c.buckets, bounds, ms);
    }
    MICROMETER_ROUTES.forEach((route, r) => {
      const pair = counters[r];
      if (!pair) return;
      const now = (c: RouteCounters): RouteCounters => ({ ...c, buckets: cumulative(c.buckets) });
      out.push(...micrometerAt(p, t, route, '200', now(pair.ok), bounds));
      // A status series exists from its first request on, as in a real registry.
      if (pair.err.count > 0) out.push(...micrometerAt(p, t, route, '500', now(pair.err), bounds));
    });
  }
  return out;
}

function micrometerAt(
  p: ServiceProfile,
  t: number,
  route: (typeof MICROMETER_ROUTES)[number],
  status: string,
  c: RouteCounters,
  bounds: number[],
): PromSample[] {
  const base = { application: p.service, uri: route.uri, method: route.method, status };
  return [
    { name: 'http_server_requests_seconds_count', labels: base, t, v: c.count },
    { name: 'http_server_requests_seconds_sum', labels: base, t, v: Math.round(c.sumS * 1e6) / 1e6 },
    ...bounds.map((b, j) => ({
      name: 'http_server_requests_seconds_bucket',
      labels: { ...base, le: le(b, true) },
      t,
      v: c.buckets[j] ?? 0,
    })),
  ];
}

import { prng } from '../test/harness/random.js';
/**
 * Demo trace workload: OTLP spans for the demo services in every env, so the gateway has traces to
 * compare. K8s envs (name contains `k8s`) pay ~5 ms more on calls to Redis / the DB, which sit outside
 * the cluster (what the migration seeds saw); a small share of requests fail.
 */

export interface DemoSpanOptions {
  services: string[];
  /** Epoch ms: spans start uniformly inside [start, end]. */
  start: number;
  end: number;
  /** Traces per service per env (default 40). */
  tracesPerService?: number;
  /** Share of failing requests (default 0.03). */
  errorRate?: number;
  /** Extra latency (ms) of Redis/DB calls from K8s envs (default 5). */
  k8sPenaltyMs?: number;
  /** PRNG seed: the same options write the same spans (ids included). */
  seed?: number;
}

/** One trace written: enough for logs to reference it (trace.id, span.id) and for a runbook to link it. */
export interface DemoTrace {
  env: string;
  service: string;
  traceId: string;
  rootSpanId: string;
  startMs: number;
  durationMs: number;
  error: boolean;
}

const ROUTES: Record<string, string> = {
  'payment-api': 'POST /pay',
  'checkout-api': 'POST /checkout',
  'catalog-api': 'GET /items',
};

const hex = (rand: () => number, digits: number): string =>
  Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
const nanos = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: unknown[];
  status: { code: number; message?: string };
}

interface Built {
  trace: DemoTrace;
  spans: OtlpSpan[];
}

function clientSpan(
  traceId: string,
  parent: string,
  id: string,
  name: string,
  startMs: number,
  ms: number,
  attrs: unknown[],
): OtlpSpan {
  return {
    traceId,
    spanId: id,
    parentSpanId: parent,
    name,
    kind: 3,
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(startMs + ms),
    attributes: attrs,
    status: { code: 0 },
  };
}

/** Root server span -> Redis GET -> DB query, with the K8s penalty on the two calls leaving the cluster. */
function buildTrace(
  env: string,
  service: string,
  rand: () => number,
  opts: Required<DemoSpanOptions>,
): Built {
  const traceId = hex(rand, 32);
  const rootId = hex(rand, 16);
  const startMs = opts.start + rand() * (opts.end - opts.start);
  const penalty = env.includes('k8s') ? opts.k8sPenaltyMs : 0;
  const redisMs = 1 + rand() * 2 + penalty;
  const dbMs = 4 + rand() * 12 + penalty;
  const ownMs = 5 + rand() * 25;
  const error = rand() < opts.errorRate;
  const durationMs = ownMs + redisMs + dbMs;
  const route = ROUTES[service] ?? `GET /${service}`;
  const root: OtlpSpan = {
    traceId,
    spanId: rootId,
    name: route,
    kind: 2,
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(startMs + durationMs),
    attributes: [
      str('http.route', route.split(' ')[1] ?? '/'),
      int('http.response.status_code', error ? 500 : 200),
    ],
    status: error ? { code: 2, message: 'upstream failed' } : { code: 0 },
  };
  const redis = clientSpan(traceId, rootId, hex(rand, 16), 'redis GET', startMs + 1, redisMs, [
    str('db.system', 'redis'),
    str('server.address', 'redis.internal'),
  ]);
  const db = clientSpan(traceId, rootId, hex(rand, 16), 'SELECT orders', startMs + 1 + redisMs, dbMs, [
    str('db.system', 'tidb'),
    str('server.address', 'tidb.internal'),
  ]);
  return {
    trace: { env, service, traceId, rootSpanId: rootId, startMs, durationMs, error },
    spans: [root, redis, db],
  };
}

async function post(url: string, env: string, service: string, spans: OtlpSpan[]): Promise<void> {
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [str('service.name', service), str('deployment.environment', env)] },
        scopeSpans: [{ scope: { name: 'parallax-demo' }, spans }],
      },
    ],
  };
  const res = await fetch(`${url.replace(/\/+$/, '')}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`demo traces: OTLP export to ${env} failed with HTTP ${res.status}`);
}

/**
 * Posts demo spans to each env's OTLP/HTTP receiver (`otlpUrls[env]` is the base; `/v1/traces` is
 * appended) and returns every trace written.
 */
export async function sendDemoSpans(
  otlpUrls: Record<string, string>,
  options: DemoSpanOptions,
): Promise<DemoTrace[]> {
  const opts: Required<DemoSpanOptions> = {
    tracesPerService: 40,
    errorRate: 0.03,
    k8sPenaltyMs: 5,
    seed: 42,
    ...options,
  };
  const rand = prng(opts.seed);
  const written: DemoTrace[] = [];
  for (const [env, url] of Object.entries(otlpUrls)) {
    for (const service of opts.services) {
      const built = Array.from({ length: opts.tracesPerService }, () => buildTrace(env, service, rand, opts));
      await post(
        url,
        env,
        service,
        built.flatMap((b) => b.spans),
      );
      written.push(...built.map((b) => b.trace));
    }
  }
  return written;
}

import { configSchema } from '../../src/config/index.js';
import { EnvRegistry } from '../../src/envs/index.js';
import { Federation } from '../../src/federation/index.js';
import { TraceService } from '../../src/traces/index.js';
import {
  otlpPayload,
  postOtlp,
  startJaeger,
  waitSearchable,
  type JaegerServer,
  type OtlpSpanInput,
} from '../harness/jaeger.js';

/**
 * Known data, two envs (one Jaeger each):
 * - kr-vm:  10 `payment-api` traces, root `GET /pay` (server) of 10, 20 ... 100 ms starting at base+0s, +10s ...
 *           +90s; traces 3 and 7 fail; each has a `redis GET` client child of 2 ms; traces 0 and 1 are tier gold.
 *           Trace 0's id has a zero high half (legacy Jaeger prints it with 16 digits).
 * - kr-k8s: 4 `payment-api` traces of 15, 25, 35, 95 ms at base+55s, +65s, +75s, +85s; trace 0 fails;
 *           `redis GET` children of 7 ms (the ~5 ms penalty of calls leaving the cluster).
 * - one trace crossing envs: `checkout-api` root in kr-vm calling `catalog-api` in kr-k8s.
 */
export const BASE_MS = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
const MS = 1_000_000n;
const ns = (ms: number): bigint => BigInt(ms) * MS;

export const vmTraceId = (i: number): string =>
  i === 0 ? '0000000000000000abcdef0000000001' : `a1${i.toString(16).padStart(30, '0')}`;
export const k8sTraceId = (j: number): string => `b2${j.toString(16).padStart(30, '0')}`;
export const CROSS_TRACE_ID = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';
export const VM_DURATIONS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
export const K8S_DURATIONS = [15, 25, 35, 95];
export const VM_ERRORS = new Set([3, 7]);
export const K8S_ERRORS = new Set([0]);

const spanId = (prefix: string, i: number): string => `${prefix}${i.toString(16).padStart(14, '0')}`;

function paymentTrace(
  traceId: string,
  i: number,
  startMs: number,
  durMs: number,
  redisMs: number,
  error: boolean,
  tier: string,
): OtlpSpanInput[] {
  const root = spanId('a0', i);
  return [
    {
      traceId,
      spanId: root,
      name: 'GET /pay',
      kind: 2,
      startNs: ns(startMs),
      durationNs: ns(durMs),
      error,
      ...(error ? { statusMessage: 'card declined' } : {}),
      attributes: { 'http.route': '/pay', 'customer.tier': tier, 'http.status_code': error ? 500 : 200 },
    },
    {
      traceId,
      spanId: spanId('b0', i),
      parentSpanId: root,
      name: 'redis GET',
      kind: 3,
      startNs: ns(startMs + 1),
      durationNs: ns(redisMs),
      attributes: { 'db.system': 'redis' },
    },
  ];
}

/** kr-vm's payment traces, one span list per trace, in start order. */
export function vmTraces(): OtlpSpanInput[][] {
  return VM_DURATIONS.map((d, i) =>
    paymentTrace(vmTraceId(i), i, BASE_MS + i * 10_000, d, 2, VM_ERRORS.has(i), i < 2 ? 'gold' : 'silver'),
  );
}

export function k8sTraces(): OtlpSpanInput[][] {
  return K8S_DURATIONS.map((d, j) =>
    paymentTrace(k8sTraceId(j), 100 + j, BASE_MS + 55_000 + j * 10_000, d, 7, K8S_ERRORS.has(j), 'silver'),
  );
}

export const CROSS_ROOT_SPAN = 'cc00000000000001';

/**
 * Posts traces one by one, each searchable before the next: Jaeger's memory store answers a search
 * with the most recently STORED matches, and real traces arrive in time order. One batch would be
 * stored in random order (the collector batches by trace id in a map).
 */
export async function postInOrder(
  server: JaegerServer,
  service: string,
  traces: OtlpSpanInput[][],
  resource: Record<string, string> = {},
): Promise<void> {
  for (const [i, spans] of traces.entries()) {
    await postOtlp(server.otlpUrl, otlpPayload(service, spans, resource));
    await waitSearchable(server.queryUrl, service, i + 1);
  }
}

export interface Cluster {
  vm: JaegerServer;
  k8s: JaegerServer;
  stop: () => Promise<void>;
}

/** Starts both Jaegers, loads the known data and waits until every trace is searchable. */
export async function startCluster(): Promise<Cluster> {
  const [vm, k8s] = await Promise.all([startJaeger('jaeger-kr-vm'), startJaeger('jaeger-kr-k8s')]);
  const cross = BASE_MS + 30_000;
  await Promise.all([
    postInOrder(vm, 'payment-api', vmTraces(), { 'host.name': 'vm-1' }),
    postInOrder(k8s, 'payment-api', k8sTraces(), { 'k8s.pod.name': 'payment-7f9' }),
  ]);
  await postOtlp(
    vm.otlpUrl,
    otlpPayload('checkout-api', [
      {
        traceId: CROSS_TRACE_ID,
        spanId: CROSS_ROOT_SPAN,
        name: 'POST /checkout',
        startNs: ns(cross),
        durationNs: ns(40),
      },
      {
        traceId: CROSS_TRACE_ID,
        spanId: 'cc00000000000002',
        parentSpanId: CROSS_ROOT_SPAN,
        name: 'GET catalog',
        kind: 3,
        startNs: ns(cross + 1),
        durationNs: ns(30),
      },
    ]),
  );
  await postOtlp(
    k8s.otlpUrl,
    otlpPayload('catalog-api', [
      {
        traceId: CROSS_TRACE_ID,
        spanId: 'cc00000000000003',
        parentSpanId: 'cc00000000000002',
        name: 'GET /items',
        startNs: ns(cross + 2),
        durationNs: ns(25),
      },
    ]),
  );
  await Promise.all([
    waitSearchable(vm.queryUrl, 'checkout-api', 1),
    waitSearchable(k8s.queryUrl, 'catalog-api', 1),
  ]);
  return { vm, k8s, stop: async () => void (await Promise.all([vm.stop(), k8s.stop()])) };
}

export interface EnvSpec {
  name: string;
  /** Several URLs: query nodes of one store, tried in turn. */
  url: string | string[];
  api?: 'v3' | 'legacy' | 'auto';
  uiUrl?: string;
}

/** A TraceService over the given envs, as the app would build it from config. */
export function traceService(envs: EnvSpec[], deadlineMs = 10_000): TraceService {
  const config = configSchema.parse({
    federation: { deadline: deadlineMs / 1000 },
    envs: envs.map((e) => ({
      name: e.name,
      traces: { kind: 'jaeger', url: e.url, api: e.api ?? 'auto', ...(e.uiUrl ? { uiUrl: e.uiUrl } : {}) },
    })),
  });
  const federation = new Federation(new EnvRegistry(config), {
    deadlineMs: config.federation.deadline,
    concurrency: config.federation.concurrency,
    // Failure tests call a dead env many times: keep its breaker closed so each error says why.
    breakerThreshold: 1000,
    breakerCooldownMs: config.federation.breakerCooldown,
  });
  return new TraceService(federation);
}

export const RANGE = { startMs: BASE_MS - 60_000, endMs: BASE_MS + 5 * 60_000 };

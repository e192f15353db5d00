import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';
import { createApp } from '../../src/app/index.js';
import { serveApp, startPrometheus, type RunningPrometheus } from '../harness/index.js';
import { otlpPayload, postOtlp, startJaeger, waitSearchable, type JaegerServer } from '../harness/jaeger.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  startElasticsearch,
  type EsServer,
} from '../harness/elasticsearch.js';
import { ECS_LOG_FIELDS } from '../../src/config/index.js';
import { FAULTS, startFault, type Fault, type FaultKind } from '../harness/faults.js';

/**
 * The fault matrix: Prometheus, Jaeger and Elasticsearch x 7 faults. Each cell runs a gateway with a
 * healthy env `ok` (a real backend) and a broken env `bad` (a fault server beside it), then asserts:
 * the answer arrives within the deadline + 10%, the healthy env's data is there, the broken env is a
 * typed error naming env and backend, and the gateway still answers afterwards.
 */
const DEADLINE_MS = 2500;
const BACKEND_TIMEOUT_MS = 800;
const MAX_RESPONSE_BYTES = 256 * 1024;
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
const TRACE_ID = 'f0000000000000000000000000000001';

const EXPECTED: Record<Fault, string[]> = {
  refused: ['BACKEND_UNREACHABLE'],
  // Nothing answers: the backend's timeout or the request's deadline, whichever comes first.
  blackholed: ['BACKEND_TIMEOUT', 'DEADLINE_EXCEEDED'],
  slow: ['BACKEND_TIMEOUT', 'DEADLINE_EXCEEDED'],
  '5xx': ['BACKEND_ERROR'],
  garbage: ['BACKEND_INVALID_RESPONSE'],
  huge: ['BACKEND_RESPONSE_TOO_LARGE'],
  'wrong-shape': ['BACKEND_INVALID_RESPONSE'],
};

let prom: RunningPrometheus;
let jaeger: JaegerServer;
let es: EsServer;

beforeAll(async () => {
  const samples = Array.from({ length: 81 }, (_, i) => ({
    name: 'fm_gauge',
    labels: { instance: 'ok-1' },
    t: T0 - 10 * 60_000 + i * 15_000,
    v: 7,
  }));
  [prom, jaeger, es] = await Promise.all([
    startPrometheus('faults-ok', samples),
    startJaeger('faults-jaeger-ok'),
    startElasticsearch(9),
  ]);
  await postOtlp(
    jaeger.otlpUrl,
    otlpPayload('fm-svc', [
      {
        traceId: TRACE_ID,
        spanId: '00000000000000f1',
        name: 'GET /x',
        startNs: BigInt(T0) * 1_000_000n,
        durationNs: 3_000_000n,
      },
    ]),
  );
  await waitSearchable(jaeger.queryUrl, 'fm-svc', 1);
  await createIndex(es.url, 'logs-ok', logMapping(ECS_LOG_FIELDS));
  await bulkIndex(es.url, 'logs-ok', [
    {
      '@timestamp': new Date(T0).toISOString(),
      message: 'ok line',
      log: { level: 'error' },
      service: { name: 'fm-svc' },
    },
  ]);
}, 240_000);
afterAll(async () => void (await Promise.all([prom?.stop(), jaeger?.stop(), es?.stop()])));

function config(kind: FaultKind, badUrl: string) {
  const ok = {
    name: 'ok',
    prometheus: { url: prom.url },
    traces: { kind: 'jaeger', url: jaeger.queryUrl, api: 'v3' },
    logs: { kind: 'elasticsearch', url: es.url, index: 'logs-ok', version: 9 },
  };
  const t = { timeout: BACKEND_TIMEOUT_MS / 1000 };
  const bad =
    kind === 'prometheus'
      ? { prometheus: { url: badUrl, ...t } }
      : kind === 'jaeger'
        ? { traces: { kind: 'jaeger', url: badUrl, api: 'v3', ...t } }
        : { logs: { kind: 'elasticsearch', url: badUrl, index: 'logs-bad', version: 9, ...t } };
  return configSchema.parse({
    server: { logLevel: 'silent' },
    federation: { deadline: DEADLINE_MS / 1000, maxResponseBytes: MAX_RESPONSE_BYTES },
    envs: [ok, { name: 'bad', ...bad }],
  });
}

const sec = (ms: number): string => String(ms / 1000);
const RANGE = `{ start: "${sec(T0 - 5 * 60_000)}", end: "${sec(T0 + 5 * 60_000)}", step: "1m" }`;
const QUERIES: Record<FaultKind, string> = {
  prometheus: `{ query(query: "fm_gauge", time: "${sec(T0)}") { series { env points { value } } } }`,
  jaeger: `{ traces(service: "fm-svc", range: ${RANGE}) { traceId envs } }`,
  elasticsearch: `{ logs(service: "fm-svc", range: ${RANGE}) { records { env message } } }`,
};
const HEALTHY: Record<FaultKind, unknown> = {
  prometheus: { query: { series: [{ env: 'ok', points: [{ value: 7 }] }] } },
  jaeger: { traces: [{ traceId: TRACE_ID, envs: ['ok'] }] },
  elasticsearch: { logs: { records: [{ env: 'ok', message: 'ok line' }] } },
};

interface Gql {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; env?: string; backend?: string } }>;
}

const rssBefore = process.memoryUsage().rss;

describe.each(['prometheus', 'jaeger', 'elasticsearch'] as const)('%s', (kind) => {
  it.each(FAULTS)(
    `%s: healthy env answered within the deadline, the broken one a typed error`,
    async (fault) => {
      const server = await startFault(kind, fault, { slowMs: 10_000, hugeBytes: 4 * MAX_RESPONSE_BYTES });
      const gateway = await serveApp(createApp(config(kind, server.url)).app.fetch);
      try {
        const started = performance.now();
        const res = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERIES[kind] }),
        });
        const ms = performance.now() - started;
        const body = (await res.json()) as Gql;
        expect(res.status).toBe(200);
        expect(ms).toBeLessThan(DEADLINE_MS * 1.1);
        expect(body.data).toEqual(HEALTHY[kind]);
        const errs = (body.errors ?? []).map((e) => e.extensions ?? {});
        expect(errs).toHaveLength(1);
        expect(errs[0]).toMatchObject({ env: 'bad', backend: kind });
        expect(EXPECTED[fault]).toContain(errs[0]?.code);
        expect(body.errors?.[0]?.message).toContain('bad');
        // still up, and still answering
        expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      } finally {
        gateway.close();
        await server.close();
      }
    },
  );
});

describe('after the whole matrix', () => {
  it('memory stayed bounded (huge bodies were cut at the cap, not buffered)', () => {
    const grownMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    expect(grownMb).toBeLessThan(256);
  });
});

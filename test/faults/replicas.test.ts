import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { configSchema } from '../../src/config/index.js';
import { blackhole, startPrometheus, type RunningPrometheus } from '../harness/index.js';
import { StallGate, stallProxy, type FaultServer, type StallProxy } from '../harness/faults.js';
import { otlpPayload, postOtlp, startJaeger, waitSearchable, type JaegerServer } from '../harness/jaeger.js';

/**
 * Replica groups under a silent node, on real servers: an HA pair whose second replica is
 * blackholed (accepts, never answers) is cut after the first answers and then skipped by its own
 * breaker; a Jaeger query node that goes silent (whichever is asked first) is hedged to the next node.
 */
const NODE_TIMEOUT_MS = 4000;
const THRESHOLD = 3;
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
const TRACE_ID = 'f0000000000000000000000000000002';

let prom: RunningPrometheus;
let jaeger: JaegerServer;
let hole: FaultServer;
const gate = new StallGate();
let proxies: StallProxy[];
let app: ReturnType<typeof createApp>['app'];

beforeAll(async () => {
  const samples = Array.from({ length: 41 }, (_, i) => ({
    name: 'rep_gauge',
    labels: { instance: 'a' },
    t: T0 - 10 * 60_000 + i * 15_000,
    v: 11,
  }));
  [prom, jaeger, hole] = await Promise.all([
    startPrometheus('replicas', samples),
    startJaeger('replicas-jaeger'),
    blackhole(),
  ]);
  proxies = await Promise.all([0, 1].map(() => stallProxy(jaeger.queryUrl, gate)));
  const span = {
    traceId: TRACE_ID,
    spanId: '00000000000000f2',
    name: 'GET /r',
    startNs: BigInt(T0) * 1_000_000n,
    durationNs: 2_000_000n,
  };
  await postOtlp(jaeger.otlpUrl, otlpPayload('rep-svc', [span]));
  await waitSearchable(jaeger.queryUrl, 'rep-svc', 1);
  const timeout = NODE_TIMEOUT_MS / 1000;
  const config = configSchema.parse({
    server: { logLevel: 'silent' },
    federation: { deadline: 10, breakerThreshold: THRESHOLD, breakerCooldown: 600 },
    envs: [
      {
        name: 'ha',
        prometheus: { url: [prom.url, hole.url], timeout },
        traces: { kind: 'jaeger', url: proxies.map((p) => p.url), api: 'v3', timeout },
      },
    ],
  });
  app = createApp(config).app;
}, 240_000);
afterAll(
  async () =>
    void (await Promise.all([
      prom?.stop(),
      jaeger?.stop(),
      hole?.close(),
      ...(proxies ?? []).map((p) => p.close()),
    ])),
);

interface PromBody {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  warnings?: string[];
}

async function instant(): Promise<{ body: PromBody; ms: number }> {
  const started = performance.now();
  const res = await app.request(`/api/v1/query?query=rep_gauge&time=${T0 / 1000}`);
  expect(res.status).toBe(200);
  return { body: (await res.json()) as PromBody, ms: performance.now() - started };
}

const metric = async (name: string, labels: string): Promise<number | undefined> => {
  const text = await (await app.request('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('an HA pair with a blackholed replica', () => {
  it('answers from the live replica well before the silent one times out, then its breaker skips it', async () => {
    for (let i = 0; i < THRESHOLD; i++) {
      const { body, ms } = await instant();
      expect(body.data.result.map((r) => [r.metric.instance, r.value[1]])).toEqual([['a', '11']]);
      expect(body.warnings).toEqual([
        expect.stringMatching(/^env ha: replica 1 failed: no answer \d+ ms after another replica/),
      ]);
      // The cut, not the node's timeout, ended the wait.
      expect(ms).toBeLessThan(NODE_TIMEOUT_MS / 2);
    }
    const { body } = await instant();
    expect(body.warnings).toEqual(['env ha: replica 1 skipped: its breaker is open']);
    expect(await metric('parallax_replica_breaker_open', 'replica="1"')).toBe(1);
    expect(await metric('parallax_replica_breaker_open', 'replica="0"')).toBe(0);
    expect(await metric('parallax_replica_events_total', 'event="cut"')).toBe(THRESHOLD);
    // The env itself is healthy: the other replica answers.
    expect(await metric('parallax_circuit_breaker_open', 'env="ha",backend="prometheus"')).toBe(0);
    const res = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ envs { name health { backend state replicas } } }' }),
    });
    const gql = (await res.json()) as {
      data: { envs: Array<{ health: Array<{ backend: string; state: string; replicas: string[] }> }> };
    };
    expect(gql.data.envs[0]?.health.find((h) => h.backend === 'prometheus')).toEqual({
      backend: 'prometheus',
      state: 'closed',
      replicas: ['closed', 'open'],
    });
  });
});

describe('Jaeger query nodes, the first one going silent', () => {
  const RANGE = `{ start: "${(T0 - 300_000) / 1000}", end: "${(T0 + 300_000) / 1000}", step: "1m" }`;
  const traces = async (): Promise<{ data: unknown; ms: number }> => {
    const started = performance.now();
    const res = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ traces(service: "rep-svc", range: ${RANGE}) { traceId envs } }` }),
    });
    const body = (await res.json()) as { data: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return { data: body.data, ms: performance.now() - started };
  };

  it('hedges to the next node after the p95 and answers with the same trace', async () => {
    const expected = { traces: [{ traceId: TRACE_ID, envs: ['ha'] }] };
    // Enough answers through the first node to know its p95.
    for (let i = 0; i < 25; i++) expect((await traces()).data).toEqual(expected);
    const requests = (): number => proxies.reduce((n, p) => n + p.requests(), 0);
    const before = requests();
    const hedgedBefore =
      (await metric('parallax_replica_events_total', 'backend="jaeger",event="hedged"')) ?? 0;
    gate.arm();
    const { data, ms } = await traces();
    expect(data).toEqual(expected);
    // The first node asked was held; the hedge asked the other one.
    expect(gate.held()).toBe(1);
    expect(requests()).toBeGreaterThanOrEqual(before + 2);
    expect(ms).toBeLessThan(NODE_TIMEOUT_MS / 2);
    expect(await metric('parallax_replica_events_total', 'backend="jaeger",event="hedged"')).toBeGreaterThan(
      hedgedBefore,
    );
  });
});

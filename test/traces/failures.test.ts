import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jaegerApi, type JaegerEnvelope, type JaegerTrace } from '../../src/api/jaeger/index.js';
import type { TraceService } from '../../src/traces/index.js';
import { blackhole, closedPort } from '../harness/index.js';
import { startJaeger, type JaegerServer } from '../harness/jaeger.js';
import { RANGE, postInOrder, traceService, vmTraceId, vmTraces } from './fixtures.js';

const DEADLINE_MS = 1500;
let healthy: JaegerServer;
let hole: Awaited<ReturnType<typeof blackhole>>;
let traces: TraceService;

beforeAll(async () => {
  healthy = await startJaeger('jaeger-kr-vm');
  await postInOrder(healthy, 'payment-api', vmTraces());
  hole = await blackhole();
  traces = traceService(
    [
      { name: 'kr-vm', url: healthy.queryUrl, api: 'v3' },
      { name: 'kr-k8s', url: `http://127.0.0.1:${await closedPort()}`, api: 'auto' },
      { name: 'jp-k8s', url: hole.url, api: 'legacy' },
    ],
    DEADLINE_MS,
  );
});

afterAll(async () => {
  await hole?.close();
  await healthy?.stop();
});

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await p;
  return { value, ms: performance.now() - started };
}

const errorSummary = (errors: readonly { env?: string | undefined; code: string }[]) =>
  errors.map((e) => [e.env, e.code]).sort();

describe('a stopped env and a blackholed env', () => {
  it('search answers within the deadline with the healthy env and one error per failed env', async () => {
    const { value, ms } = await timed(
      traces.search({ service: 'payment-api', ...RANGE, limit: 3, order: 'NEWEST' }),
    );
    expect(ms).toBeLessThan(DEADLINE_MS + 1000);
    expect(value.data.map((t) => t.traceId)).toEqual([9, 8, 7].map(vmTraceId));
    expect(errorSummary(value.errors)).toEqual([
      ['jp-k8s', 'DEADLINE_EXCEEDED'],
      ['kr-k8s', 'BACKEND_UNREACHABLE'],
    ]);
    for (const e of value.errors) expect(e.message).toContain(e.env);
    expect(value.answered).toEqual(['kr-vm']);
  });

  it('trace by id and operation stats keep the healthy env too', async () => {
    const byId = await traces.trace(vmTraceId(2));
    expect(byId.data.locations.map((l) => l.env)).toEqual(['kr-vm']);
    expect(byId.errors).toHaveLength(2);
    const stats = await traces.operationStats('payment-api', RANGE);
    expect(stats.data.map((s) => [s.env, s.sampleSize])).toEqual([['kr-vm', 10]]);
    expect(errorSummary(stats.errors).map(([env]) => env)).toEqual(['jp-k8s', 'kr-k8s']);
  });

  it('the Jaeger API answers 200 with the healthy env and names the failed envs in errors', async () => {
    const app = jaegerApi(traces);
    const qs = new URLSearchParams({
      service: 'payment-api',
      limit: '2',
      start: String(RANGE.startMs * 1000),
      end: String(RANGE.endMs * 1000),
    });
    const { value: res, ms } = await timed(Promise.resolve(app.request(`/api/traces?${qs}`)));
    expect(ms).toBeLessThan(DEADLINE_MS + 1000);
    expect(res.status).toBe(200);
    const body = (await res.json()) as JaegerEnvelope<JaegerTrace[]>;
    expect(body.data.map((t) => t.traceID)).toEqual([9, 8].map(vmTraceId));
    const msgs = (body.errors ?? []).map((e) => [e.code, e.msg]);
    expect(msgs).toHaveLength(2);
    expect(msgs.find(([, m]) => String(m).includes('kr-k8s'))?.[0]).toBe(502);
    expect(msgs.find(([, m]) => String(m).includes('jp-k8s'))?.[0]).toBe(504);
  });

  it('the Jaeger API answers 502 when every env asked failed', async () => {
    const app = jaegerApi(traces);
    const res = await app.request('/api/services?env=kr-k8s&env=jp-k8s');
    expect(res.status).toBe(502);
    const body = (await res.json()) as JaegerEnvelope<string[]>;
    expect(body.data).toEqual([]);
    // ALL_ENVS_FAILED first, then each env's own error.
    expect(body.errors).toHaveLength(3);
    expect(body.errors?.[0]?.msg).toMatch(
      /^ALL_ENVS_FAILED: every environment failed \(kr-k8s: \w+, jp-k8s: \w+\)$/,
    );
  });
});

describe('an env whose query nodes fail over', () => {
  let failover: TraceService;
  beforeAll(async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    failover = traceService([
      { name: 'kr-vm', url: [down, healthy.queryUrl], api: 'v3' },
      { name: 'kr-k8s', url: [down, `http://127.0.0.1:${await closedPort()}`], api: 'v3' },
    ]);
  });

  it('answers from the next node when the first one is down', async () => {
    const res = await failover.search({
      service: 'payment-api',
      ...RANGE,
      limit: 3,
      order: 'NEWEST',
      envs: ['kr-vm'],
    });
    expect(res.errors).toEqual([]);
    expect(res.answered).toEqual(['kr-vm']);
    expect(res.data.map((t) => t.traceId)).toEqual([9, 8, 7].map(vmTraceId));
    // The node that answered is asked first next time; the answer stays the same.
    const again = await failover.trace(vmTraceId(2), ['kr-vm']);
    expect(again.data.locations.map((l) => l.env)).toEqual(['kr-vm']);
  });

  it('fails the env with a typed error only when every node is down', async () => {
    const res = await failover.services();
    expect(res.answered).toEqual(['kr-vm']);
    expect(errorSummary(res.errors)).toEqual([['kr-k8s', 'BACKEND_UNREACHABLE']]);
    expect(res.data.map((s) => s.name)).toContain('payment-api');
  });
});

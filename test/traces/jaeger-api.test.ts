import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jaegerApi, type JaegerEnvelope, type JaegerTrace } from '../../src/api/jaeger/index.js';
import {
  BASE_MS,
  CROSS_TRACE_ID,
  VM_DURATIONS,
  K8S_DURATIONS,
  k8sTraceId,
  startCluster,
  traceService,
  vmTraceId,
  type Cluster,
} from './fixtures.js';

let cluster: Cluster;
let app: Hono;

beforeAll(async () => {
  cluster = await startCluster();
  app = jaegerApi(
    traceService([
      { name: 'kr-vm', url: cluster.vm.queryUrl, api: 'v3' },
      { name: 'kr-k8s', url: cluster.k8s.queryUrl, api: 'legacy' },
    ]),
  );
});

afterAll(async () => {
  await cluster?.stop();
});

async function get<T>(
  path: string,
  params: Record<string, string | string[]> = {},
): Promise<{ status: number; body: JaegerEnvelope<T> }> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) qs.append(k, one);
  const res = await app.request(`${path}${qs.size > 0 ? `?${qs}` : ''}`);
  return { status: res.status, body: (await res.json()) as JaegerEnvelope<T> };
}

const window = { start: String((BASE_MS - 60_000) * 1000), end: String((BASE_MS + 300_000) * 1000) };
const envTag = (t: JaegerTrace, processID: string) =>
  t.processes[processID]?.tags.find((k) => k.key === 'env')?.value;

describe('Jaeger-compatible API over two real Jaegers', () => {
  it('lists services and operations merged over envs', async () => {
    expect(await get('/api/services')).toEqual({
      status: 200,
      body: {
        data: ['catalog-api', 'checkout-api', 'payment-api'],
        total: 3,
        limit: 0,
        offset: 0,
        errors: null,
      },
    });
    const legacyOps = await get<string[]>('/api/services/payment-api/operations');
    expect(legacyOps.body.data).toEqual(['GET /pay', 'redis GET']);
    const ops = await get('/api/operations', { service: 'payment-api', spanKind: 'client' });
    expect(ops.body.data).toEqual([{ name: 'redis GET', spanKind: 'client' }]);
  });

  it('searches like Jaeger: µs times, limit, env tag on every process', async () => {
    const { status, body } = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      limit: '3',
      ...window,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeNull();
    expect(body.data.map((t) => t.traceID)).toEqual([vmTraceId(9), k8sTraceId(3), vmTraceId(8)]);
    const [vm9, k8s3] = body.data;
    const root = vm9?.spans.find((s) => s.references.length === 0);
    expect(root).toMatchObject({
      traceID: vmTraceId(9),
      operationName: 'GET /pay',
      startTime: (BASE_MS + 90_000) * 1000,
      duration: 100_000,
      references: [],
      warnings: null,
    });
    expect(root?.tags).toEqual(
      expect.arrayContaining([
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'http.status_code', type: 'int64', value: 200 },
      ]),
    );
    expect(vm9 && root ? envTag(vm9, root.processID) : undefined).toBe('kr-vm');
    expect(vm9?.processes[root?.processID ?? '']?.serviceName).toBe('payment-api');
    expect(k8s3 ? envTag(k8s3, k8s3.spans[0]?.processID ?? '') : undefined).toBe('kr-k8s');
  });

  it('filters by tags (JSON and key:value), durations and env', async () => {
    const gold = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      tags: '{"customer.tier":"gold"}',
      ...window,
    });
    expect(gold.body.data.map((t) => t.traceID).sort()).toEqual([vmTraceId(0), vmTraceId(1)].sort());
    const errors = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      tag: 'http.status_code:500',
      ...window,
    });
    expect(errors.body.data).toHaveLength(3);
    const failing = errors.body.data
      .flatMap((t) => t.spans)
      .filter((s) => s.tags.some((k) => k.key === 'error' && k.value === true));
    expect(failing).toHaveLength(3);
    const mid = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      minDuration: '50ms',
      maxDuration: '80ms',
      ...window,
    });
    expect(mid.body.data).toHaveLength(4);
    const k8s = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      env: 'kr-k8s',
      limit: '100',
      ...window,
    });
    expect(k8s.body.data).toHaveLength(K8S_DURATIONS.length);
    // The env tag of the processes works as a search tag too (Grafana's tag box).
    const byTag = await get<JaegerTrace[]>('/api/traces', {
      service: 'payment-api',
      tags: '{"env":"kr-k8s","customer.tier":"silver"}',
      ...window,
    });
    expect(byTag.body.data.map((t) => t.traceID).sort()).toEqual([0, 1, 2, 3].map(k8sTraceId).sort());
    const all = await get<JaegerTrace[]>('/api/traces', { service: 'payment-api', ...window });
    expect(all.body.data).toHaveLength(VM_DURATIONS.length + K8S_DURATIONS.length);
  });

  it('gets a trace by id, joined over envs, and 404s in Jaeger shape', async () => {
    const { status, body } = await get<JaegerTrace[]>(`/api/traces/${CROSS_TRACE_ID.toUpperCase()}`);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    const trace = body.data[0] as JaegerTrace;
    expect(trace.spans).toHaveLength(3);
    expect(
      Object.values(trace.processes).map((p) => [p.serviceName, p.tags.find((k) => k.key === 'env')?.value]),
    ).toEqual([
      ['checkout-api', 'kr-vm'],
      ['catalog-api', 'kr-k8s'],
    ]);
    const short = await get<JaegerTrace[]>('/api/traces/abcdef0000000001');
    expect(short.body.data[0]?.traceID).toBe(vmTraceId(0));
    expect(await get('/api/traces/ffffffffffffffffffffffffffffffff')).toEqual({
      status: 404,
      body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] },
    });
    const byParam = await get<JaegerTrace[]>('/api/traces', { traceID: [vmTraceId(1), 'ffff'] });
    expect(byParam.body.data.map((t) => t.traceID)).toEqual([vmTraceId(1)]);
    expect(byParam.body.errors).toEqual([
      { msg: 'trace not found', traceID: '0000000000000000000000000000ffff' },
    ]);
  });

  it('returns dependencies merged over envs', async () => {
    const { body } = await get<{ parent: string; child: string; callCount: number }[]>('/api/dependencies', {
      endTs: String(Date.now()),
      lookback: '3600000',
    });
    expect(body.data).toContainEqual({ parent: 'payment-api', child: 'payment-api', callCount: 14 });
  });

  it('answers bad input with 400 in Jaeger error shape', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['/api/traces', {}, 'service'],
      ['/api/traces', { service: 'payment-api', minDuration: '-5ms' }, 'minDuration'],
      ['/api/traces', { service: 'payment-api', limit: '100000' }, 'limit'],
      ['/api/traces', { service: 'payment-api', tags: '{"a":1}' }, 'tags'],
      ['/api/traces', { service: 'payment-api', tags: 'not json' }, 'tags'],
      ['/api/traces', { service: 'payment-api', env: 'nope' }, 'unknown env'],
      ['/api/traces', { service: 'payment-api', start: 'yesterday' }, 'start'],
      ['/api/traces/not-a-trace-id', {}, 'traceID'],
      ['/api/operations', {}, 'service'],
    ];
    for (const [path, params, mention] of cases) {
      const { status, body } = await get(path, params);
      expect(status, `${path} ${JSON.stringify(params)}`).toBe(400);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.code).toBe(400);
      expect(body.errors?.[0]?.msg).toContain(mention);
    }
  });
});

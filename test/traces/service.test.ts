import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoJaeger } from '../../src/backends/jaeger/index.js';
import type { Span, Trace } from '../../src/traces/index.js';
import { ParallaxError } from '../../src/errors/index.js';
import type { TraceService } from '../../src/traces/index.js';
import {
  BASE_MS,
  CROSS_TRACE_ID,
  K8S_DURATIONS,
  RANGE,
  VM_DURATIONS,
  k8sTraceId,
  startCluster,
  traceService,
  vmTraceId,
  type Cluster,
} from './fixtures.js';
import { legacyOnlyProxy } from './legacy-only.js';

let cluster: Cluster;
let traces: TraceService;

beforeAll(async () => {
  cluster = await startCluster();
  traces = traceService([
    {
      name: 'kr-vm',
      url: cluster.vm.queryUrl,
      api: 'v3',
      uiUrl: 'https://jaeger.kr-vm.example/trace/{{traceId}}',
    },
    { name: 'kr-k8s', url: cluster.k8s.queryUrl, api: 'legacy' },
    // The same server as kr-vm through the other flavours: answers must be identical.
    { name: 'vm-legacy', url: cluster.vm.queryUrl, api: 'legacy' },
    { name: 'vm-auto', url: cluster.vm.queryUrl, api: 'auto' },
  ]);
});

afterAll(async () => {
  await cluster?.stop();
});

const search = (over: Partial<Parameters<TraceService['search']>[0]> = {}) =>
  traces.search({
    service: 'payment-api',
    envs: ['kr-vm', 'kr-k8s'],
    ...RANGE,
    limit: 20,
    order: 'NEWEST',
    ...over,
  });

const ids = (list: readonly Trace[]): string[] => list.map((t) => t.traceId);

describe('TraceService on two real Jaegers (kr-vm api_v3, kr-k8s legacy)', () => {
  it('searches both envs and merges newest first', async () => {
    const res = await search({ limit: 5 });
    expect(res.errors).toEqual([]);
    expect(ids(res.data)).toEqual([vmTraceId(9), k8sTraceId(3), vmTraceId(8), k8sTraceId(2), vmTraceId(7)]);
    expect(res.data.map((t) => t.envs)).toEqual([['kr-vm'], ['kr-k8s'], ['kr-vm'], ['kr-k8s'], ['kr-vm']]);
  });

  it('returns every trace with exact durations, ns start and error counts', async () => {
    const res = await search();
    expect(res.data).toHaveLength(VM_DURATIONS.length + K8S_DURATIONS.length);
    const vm9 = res.data.find((t) => t.traceId === vmTraceId(9));
    expect(vm9).toMatchObject({
      rootService: 'payment-api',
      rootOperation: 'GET /pay',
      durationMs: 100,
      durationUs: 100_000,
      startMs: BASE_MS + 90_000,
      startNs: `${BASE_MS + 90_000}000000`,
      errorCount: 0,
      services: ['payment-api'],
    });
    const k8s0 = res.data.find((t) => t.traceId === k8sTraceId(0));
    expect(k8s0).toMatchObject({ durationMs: 15, errorCount: 1 });
    const root = k8s0?.spans.find((s) => s.parentSpanId === undefined);
    expect(root).toMatchObject({
      kind: 'server',
      status: 'error',
      error: true,
      statusMessage: 'card declined',
      env: 'kr-k8s',
    });
    expect(root?.attributes).toEqual({
      'http.route': '/pay',
      'customer.tier': 'silver',
      'http.status_code': 500,
    });
    expect(root?.resource).toEqual({ 'k8s.pod.name': 'payment-7f9' });
  });

  it('orders by duration for SLOWEST', async () => {
    const res = await search({ order: 'SLOWEST', limit: 3 });
    expect(ids(res.data)).toEqual([vmTraceId(9), k8sTraceId(3), vmTraceId(8)]);
    expect(res.data.map((t) => t.durationMs)).toEqual([100, 95, 90]);
  });

  it('filters by attributes (api_v3 filters in the adapter, legacy in Jaeger) with the same answer', async () => {
    const gold = await search({ attributes: { 'customer.tier': 'gold' } });
    expect(ids(gold.data).sort()).toEqual([vmTraceId(0), vmTraceId(1)].sort());
    const legacy = await search({ envs: ['vm-legacy'], attributes: { 'customer.tier': 'gold' } });
    expect(ids(legacy.data).sort()).toEqual(ids(gold.data).sort());
    const status = await search({ attributes: { 'http.status_code': '500' } });
    expect(ids(status.data).sort()).toEqual([vmTraceId(3), vmTraceId(7), k8sTraceId(0)].sort());
    // `error` is the span status; both flavours answer it the same way (legacy is filtered in the adapter).
    const failed = [vmTraceId(3), vmTraceId(7), k8sTraceId(0)].sort();
    expect(ids((await search({ attributes: { error: 'true' } })).data).sort()).toEqual(failed);
    const vmFailed = await search({
      envs: ['vm-legacy'],
      attributes: { error: 'true', 'http.route': '/pay' },
    });
    expect(ids(vmFailed.data).sort()).toEqual([vmTraceId(3), vmTraceId(7)].sort());
    const none = await search({ attributes: { 'customer.tier': 'platinum' } });
    expect(none).toMatchObject({ data: [], errors: [] });
  });

  it('filters by duration and operation', async () => {
    const mid = await search({ minDurationUs: 50_000, maxDurationUs: 80_000 });
    expect(ids(mid.data).sort()).toEqual([4, 5, 6, 7].map(vmTraceId).sort());
    const slowRedis = await search({ operation: 'redis GET', minDurationUs: 5000 });
    expect(ids(slowRedis.data).sort()).toEqual([0, 1, 2, 3].map(k8sTraceId).sort());
  });

  it('answers the same through api_v3, legacy and auto on one server', async () => {
    const strip = (list: Trace[]) =>
      list.map((t) => ({ ...t, envs: [], spans: t.spans.map((s: Span) => ({ ...s, env: '' })) }));
    const [v3, legacy, auto] = await Promise.all(
      ['kr-vm', 'vm-legacy', 'vm-auto'].map((env) => search({ envs: [env] })),
    );
    expect(v3?.data).toHaveLength(VM_DURATIONS.length);
    expect(strip(legacy?.data ?? [])).toEqual(strip(v3?.data ?? []));
    expect(strip(auto?.data ?? [])).toEqual(strip(v3?.data ?? []));
    const byId = await Promise.all(['kr-vm', 'vm-legacy'].map((env) => traces.trace(vmTraceId(0), [env])));
    expect(strip([byId[1]?.data.trace as Trace])).toEqual(strip([byId[0]?.data.trace as Trace]));
  });

  it('auto falls back to the legacy API where api_v3 is missing, and probes only once', async () => {
    const proxy = await legacyOnlyProxy(cluster.vm.queryUrl);
    try {
      const target = {
        env: 'old',
        backend: 'jaeger' as const,
        baseUrl: proxy.url,
        headers: {},
        timeoutMs: 5000,
        maxBytes: 1 << 24,
      };
      const auto = new AutoJaeger(target);
      expect(await auto.flavour()).toBe('legacy');
      const found = await auto.searchTraces({ service: 'payment-api', ...RANGE, limit: 50 });
      expect(found.map((t) => t.traceId).sort()).toEqual(VM_DURATIONS.map((_, i) => vmTraceId(i)).sort());
      const direct = new AutoJaeger({ ...target, baseUrl: cluster.vm.queryUrl });
      expect(await direct.flavour()).toBe('v3');
    } finally {
      await proxy.close();
    }
  });

  it('finds a trace by id in every env, with the env UI link; a short legacy id is padded', async () => {
    const res = await traces.trace(vmTraceId(0), ['kr-vm', 'kr-k8s', 'vm-legacy']);
    expect(res.errors).toEqual([]);
    expect(res.data.locations).toEqual([
      { env: 'kr-vm', spanCount: 2, uiUrl: `https://jaeger.kr-vm.example/trace/${vmTraceId(0)}` },
      { env: 'vm-legacy', spanCount: 2 },
    ]);
    expect(res.data.trace?.traceId).toBe('0000000000000000abcdef0000000001');
    expect(res.data.trace?.spans.every((s) => s.traceId === vmTraceId(0))).toBe(true);
  });

  it('joins a trace that crossed envs', async () => {
    const res = await traces.trace(CROSS_TRACE_ID, ['kr-vm', 'kr-k8s']);
    expect(res.data.locations.map((l) => [l.env, l.spanCount])).toEqual([
      ['kr-vm', 2],
      ['kr-k8s', 1],
    ]);
    expect(res.data.trace).toMatchObject({
      envs: ['kr-vm', 'kr-k8s'],
      rootService: 'checkout-api',
      services: ['catalog-api', 'checkout-api'],
      durationMs: 40,
    });
  });

  it('answers an unknown trace with no location, not an error', async () => {
    const res = await traces.trace('ffffffffffffffffffffffffffffffff', ['kr-vm', 'kr-k8s']);
    expect(res).toMatchObject({ data: { locations: [], trace: null }, errors: [] });
  });

  it('computes per-operation statistics per env', async () => {
    const res = await traces.operationStats('payment-api', RANGE, ['kr-vm', 'kr-k8s']);
    expect(res.errors).toEqual([]);
    const [vm, k8s] = res.data;
    expect(vm).toMatchObject({ env: 'kr-vm', service: 'payment-api', sampleSize: 10, capped: false });
    expect(vm?.operations).toEqual([
      {
        operation: 'GET /pay',
        spanKind: 'server',
        count: 10,
        errorCount: 2,
        errorRatio: 0.2,
        p50Ms: 55,
        p90Ms: 91,
        p99Ms: expect.closeTo(99.1, 9) as number,
        durationsMs: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      },
      {
        operation: 'redis GET',
        spanKind: 'client',
        count: 10,
        errorCount: 0,
        errorRatio: 0,
        p50Ms: 2,
        p90Ms: 2,
        p99Ms: 2,
        durationsMs: Array.from({ length: 10 }, () => 2),
      },
    ]);
    expect(k8s).toMatchObject({ env: 'kr-k8s', sampleSize: 4, capped: false });
    expect(k8s?.operations[0]).toMatchObject({
      operation: 'GET /pay',
      count: 4,
      errorCount: 1,
      errorRatio: 0.25,
      p50Ms: 30,
    });
    expect(k8s?.operations[0]?.p99Ms).toBeCloseTo(93.2, 9);
    expect(k8s?.operations[1]).toMatchObject({ operation: 'redis GET', p50Ms: 7 });
    expect(k8s?.operations[0]?.durationsMs).toEqual([15, 25, 35, 95]);
  });

  it('flags a sample that hit its cap', async () => {
    const small = traceService([{ name: 'kr-vm', url: cluster.vm.queryUrl, api: 'v3' }]);
    Object.assign(small.opts, { statsSampleCap: 4 });
    const res = await small.operationStats('payment-api', RANGE);
    expect(res.data[0]).toMatchObject({ sampleSize: 4, capped: true });
  });

  it('merges services, operations and dependencies over envs', async () => {
    const services = await traces.services(['kr-vm', 'kr-k8s']);
    expect(services.data).toEqual([
      { name: 'catalog-api', envs: ['kr-k8s'] },
      { name: 'checkout-api', envs: ['kr-vm'] },
      { name: 'payment-api', envs: ['kr-vm', 'kr-k8s'] },
    ]);
    const ops = await traces.operations('payment-api', ['kr-vm', 'kr-k8s']);
    expect(ops.data).toEqual([
      { name: 'GET /pay', spanKind: 'server', envs: ['kr-vm', 'kr-k8s'] },
      { name: 'redis GET', spanKind: 'client', envs: ['kr-vm', 'kr-k8s'] },
    ]);
    const deps = await traces.dependencies(Date.now(), 3_600_000, ['kr-vm', 'kr-k8s']);
    expect(deps.errors).toEqual([]);
    const pay = deps.data.find((d) => d.parent === 'payment-api' && d.child === 'payment-api');
    expect(pay).toEqual({
      parent: 'payment-api',
      child: 'payment-api',
      callCount: 14,
      byEnv: [
        { env: 'kr-vm', callCount: 10 },
        { env: 'kr-k8s', callCount: 4 },
      ],
    });
  });

  it('rejects bad input naming the field', async () => {
    const field = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ParallaxError);
      return [(err as ParallaxError).code, (err as ParallaxError).field];
    };
    expect(await field(search({ limit: 5000 }))).toEqual(['BAD_INPUT', 'limit']);
    expect(await field(search({ envs: ['nope'] }))).toEqual(['UNKNOWN_ENV', 'envs']);
    expect(await field(search({ minDurationUs: 10, maxDurationUs: 5 }))).toEqual([
      'BAD_INPUT',
      'maxDuration',
    ]);
    expect(await field(search({ startMs: RANGE.endMs, endMs: RANGE.startMs }))).toEqual([
      'BAD_INPUT',
      'range.end',
    ]);
  });
});

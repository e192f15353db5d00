import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracesResolvers } from '../../src/api/graphql/resolvers/traces.js';
import { createGraphQLServer, mergeResolvers } from '../../src/api/graphql/server.js';
import { GatewayMetrics } from '../../src/telemetry/index.js';
import { blackhole } from '../harness/index.js';
import { RANGE, k8sTraceId, startCluster, traceService, vmTraceId, type Cluster } from './fixtures.js';

const SCHEMA_DIR = join(import.meta.dirname, '../../schema');
let cluster: Cluster;
let hole: Awaited<ReturnType<typeof blackhole>>;
let server: ReturnType<typeof createGraphQLServer>;

beforeAll(async () => {
  cluster = await startCluster();
  hole = await blackhole();
  const traces = traceService(
    [
      { name: 'kr-vm', url: cluster.vm.queryUrl, api: 'v3', uiUrl: 'https://ui/{{traceId}}' },
      { name: 'kr-k8s', url: cluster.k8s.queryUrl, api: 'auto' },
      { name: 'jp-k8s', url: hole.url, api: 'legacy' },
    ],
    1500,
  );
  // The app's own GraphQL server, with only the SDL files this feature needs.
  server = createGraphQLServer({
    sdl: ['base.graphql', 'traces.graphql'].map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8')),
    resolvers: mergeResolvers([{ Query: { envs: () => [] } }, tracesResolvers(traces)]),
    path: '/graphql',
    metrics: new GatewayMetrics(),
  });
});

afterAll(async () => {
  await hole?.close();
  await cluster?.stop();
});

interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string; env?: string };
}

async function run(source: string, variables: Record<string, unknown> = {}) {
  const res = await server.fetch('http://parallax/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source, variables }),
  });
  const result = (await res.json()) as { data?: unknown; errors?: GqlError[] };
  return { result, partial: (result.errors ?? []).map((e) => e.extensions ?? {}) };
}

const range = { start: String(RANGE.startMs / 1000), end: String(RANGE.endMs / 1000) };

describe('GraphQL traces', () => {
  it('traces: merged, slowest first, per-env errors reported through partial', async () => {
    const { result, partial } = await run(
      `query($range: TimeRangeInput!) {
        traces(service: "payment-api", range: $range, limit: 2, order: SLOWEST) {
          traceId envs durationMs errorCount spanCount startTime
          spans { spanId kind status env attributes { key value type } }
        }
      }`,
      { range },
    );
    const list = (
      result.data as { traces: { traceId: string; durationMs: number; spans: { kind: string }[] }[] }
    ).traces;
    expect(list.map((t) => [t.traceId, t.durationMs])).toEqual([
      [vmTraceId(9), 100],
      [k8sTraceId(3), 95],
    ]);
    expect(list[0]?.spans.map((s) => s.kind)).toEqual(['SERVER', 'CLIENT']);
    expect(partial.map((e) => [e.env, e.code])).toEqual([['jp-k8s', 'DEADLINE_EXCEEDED']]);
    expect(result.errors?.[0]?.message).toContain('jp-k8s');
  });

  it('trace: locations with UI links', async () => {
    const { result } = await run(`{ trace(id: "${vmTraceId(4).toUpperCase()}", envs: ["kr-vm", "kr-k8s"]) {
      traceId found locations { env spanCount uiUrl } trace { rootOperation durationMs }
    } }`);
    expect(result.data).toEqual({
      trace: {
        traceId: vmTraceId(4),
        found: true,
        locations: [{ env: 'kr-vm', spanCount: 2, uiUrl: `https://ui/${vmTraceId(4)}` }],
        trace: { rootOperation: 'GET /pay', durationMs: 50 },
      },
    });
  });

  it('operationStats: per env, per operation', async () => {
    const { result } = await run(
      `query($range: TimeRangeInput!) { operationStats(service: "payment-api", envs: ["kr-vm", "kr-k8s"], range: $range) {
        env sampleSize capped operations { operation spanKind count errorCount errorRatio p50Ms p90Ms }
      } }`,
      { range },
    );
    expect(result.errors).toBeUndefined();
    const stats = (result.data as { operationStats: { env: string; operations: unknown[] }[] })
      .operationStats;
    expect(stats[0]).toMatchObject({ env: 'kr-vm', sampleSize: 10, capped: false });
    expect(stats[0]?.operations[0]).toEqual({
      operation: 'GET /pay',
      spanKind: 'SERVER',
      count: 10,
      errorCount: 2,
      errorRatio: 0.2,
      p50Ms: 55,
      p90Ms: 91,
    });
    expect(stats[1]?.operations[0]).toMatchObject({ count: 4, errorRatio: 0.25, p50Ms: 30 });
  });

  it('bad input is a BAD_INPUT naming the field', async () => {
    const cases: [string, string, string][] = [
      [`{ trace(id: "not-hex") { found } }`, 'id', 'BAD_INPUT'],
      [`{ trace(id: "abc", envs: ["nope"]) { found } }`, 'envs', 'UNKNOWN_ENV'],
      [
        `{ traces(service: "p", range: {start: "now-1h", end: "now"}, minDuration: "-5ms") { traceId } }`,
        'minDuration',
        'BAD_INPUT',
      ],
      [
        `{ traces(service: "p", range: {start: "now-1h", end: "now"}, maxDuration: "soon") { traceId } }`,
        'maxDuration',
        'BAD_INPUT',
      ],
      [
        `{ traces(service: "p", range: {start: "now-1h", end: "now"}, limit: 1001) { traceId } }`,
        'limit',
        'BAD_INPUT',
      ],
      [
        `{ traces(service: "p", range: {start: "now-1h", end: "now"}, attributes: [{key: "", value: "x"}]) { traceId } }`,
        'attributes.0.key',
        'BAD_INPUT',
      ],
      [
        `{ traces(service: "p", range: {start: "yesterday", end: "now"}) { traceId } }`,
        'range.start',
        'BAD_INPUT',
      ],
      [
        `{ operationStats(service: "p", range: {start: "now", end: "now-1h"}) { env } }`,
        'range.end',
        'BAD_INPUT',
      ],
    ];
    for (const [source, field, code] of cases) {
      const { result } = await run(source);
      const ext = result.errors?.[0]?.extensions;
      expect([ext?.code, ext?.field], source).toEqual([code, field]);
      expect(result.errors?.[0]?.message, source).toContain(field);
    }
  });
});

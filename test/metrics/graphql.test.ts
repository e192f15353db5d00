import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './setup.js';

let w: World;
beforeAll(async () => {
  w = await startWorld({ deadlineMs: 2000 });
}, 180_000);
afterAll(async () => w?.stop());

interface GqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
  const res = await w.app.app.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as GqlResponse<T>;
}

const sec = (ms: number): string => String(ms / 1000);

interface SignalRow {
  env: string;
  signal: string;
  query: string;
  series: Array<{ points: Array<{ t: number; value: number | null }> }>;
  summary: { avg: number | null; min: number | null; max: number | null; last: number | null; count: number };
}

const SIGNALS_QUERY = `query($service: String!, $envs: [String!], $range: TimeRangeInput!) {
  signals(service: $service, envs: $envs, range: $range) {
    env signal query series { points { t value } } summary { avg min max last count }
  }
}`;

describe('GraphQL over real Prometheus servers', () => {
  it('lists the configured environments with labels and backends', async () => {
    const res = await gql<{
      envs: Array<{ name: string; labels: Array<{ name: string; value: string }>; backends: string[] }>;
    }>('{ envs { name labels { name value } backends } }');
    expect(res.data?.envs.map((e) => e.name)).toEqual(['kr-vm', 'kr-k8s', 'kr-down', 'kr-hole']);
    expect(res.data?.envs[1]).toEqual({
      name: 'kr-k8s',
      labels: [
        { name: 'region', value: 'kr' },
        { name: 'platform', value: 'k8s' },
        { name: 'role', value: 'new' },
      ],
      backends: ['prometheus'],
    });
  });

  it('gives each env its own template and the same values as that PromQL run directly on the env', async () => {
    const range = { start: sec(w.start + 600_000), end: sec(w.end), step: '60s' };
    const res = await gql<{ signals: SignalRow[] }>(SIGNALS_QUERY, {
      service: 'payment-api',
      envs: ['kr-vm', 'kr-k8s'],
      range,
    });
    expect(res.errors).toBeUndefined();
    const rows = res.data?.signals ?? [];
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.env === 'kr-k8s' && r.signal === 'REQUEST_RATE')?.query).toContain(
      'istio_requests_total',
    );
    expect(rows.find((r) => r.env === 'kr-vm' && r.signal === 'REQUEST_RATE')?.query).toContain(
      'http_request_duration_seconds_count',
    );
    for (const row of rows) {
      const url = row.env === 'kr-vm' ? w.vm.url : w.k8sB.url;
      const body = new URLSearchParams({ query: row.query, start: range.start, end: range.end, step: '60' });
      const direct = (await (await fetch(`${url}/api/v1/query_range`, { method: 'POST', body })).json()) as {
        data: { result: Array<{ values: [number, string][] }> };
      };
      const expected = direct.data.result[0]?.values.map(([t, v]) => ({
        t,
        value: Number.isFinite(Number(v)) ? Number(v) : null,
      }));
      expect(expected?.length, `${row.env} ${row.signal} has data`).toBeGreaterThan(10);
      expect(row.series[0]?.points, `${row.env} ${row.signal}`).toEqual(expected);
      const finite = (expected ?? []).map((p) => p.value).filter((v): v is number => v !== null);
      expect(row.summary.max).toBe(Math.max(...finite));
      expect(row.summary.last).toBe(finite[finite.length - 1]);
      expect(row.summary.count).toBe(finite.length);
    }
    const rate = rows.find((r) => r.env === 'kr-vm' && r.signal === 'REQUEST_RATE');
    expect(rate?.summary.avg).toBeCloseTo(30, 0);
  });

  it('puts a failed env in errors with code, env and backend next to the healthy envs data', async () => {
    const started = performance.now();
    const res = await gql<{ queryRange: { series: Array<{ env: string }>; envs: string[] } }>(
      `query($range: TimeRangeInput!) { queryRange(query: "parallax_test_gauge", range: $range) { series { env } envs } }`,
      { range: { start: sec(w.start), end: sec(w.end), step: '5m' } },
    );
    expect(performance.now() - started).toBeLessThan(2000 + 2000);
    expect(new Set(res.data?.queryRange.series.map((s) => s.env))).toEqual(new Set(['kr-vm', 'kr-k8s']));
    const byEnv = Object.fromEntries(
      (res.errors ?? []).map((e) => [String(e.extensions?.env), e.extensions]),
    ) as Record<string, unknown>;
    expect(byEnv['kr-down']).toMatchObject({
      code: 'BACKEND_UNREACHABLE',
      env: 'kr-down',
      backend: 'prometheus',
    });
    expect(byEnv['kr-hole']).toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      env: 'kr-hole',
      backend: 'prometheus',
    });
  });

  it('merges across envs and marks merged series with no env', async () => {
    const res = await gql<{
      query: { series: Array<{ env: string | null; points: Array<{ value: number }> }> };
    }>(
      `query($t: String!) { query(query: "sum(parallax_test_gauge)", time: $t, envs: ["kr-vm", "kr-k8s"]) { series { env points { value } } } }`,
      { t: sec(w.end) },
    );
    const expected = [...w.samples['kr-vm'], ...w.samples['kr-k8s']]
      .filter((s) => s.name === 'parallax_test_gauge' && s.t === w.end)
      .reduce((a, s) => a + s.v, 0);
    expect(res.data?.query.series).toHaveLength(1);
    expect(res.data?.query.series[0]?.env).toBeNull();
    expect(res.data?.query.series[0]?.points[0]?.value).toBeCloseTo(expected, 9);
  });

  it('rejects bad input with errors naming the field, never a 500', async () => {
    const range = { start: sec(w.start), end: sec(w.end), step: '60s' };
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        `query($r: TimeRangeInput!) { queryRange(query: "up", range: $r, envs: ["nope"]) { envs } }`,
        { r: range },
        'UNKNOWN_ENV',
        /envs: unknown env "nope"/,
      ],
      [
        `query($r: TimeRangeInput!) { queryRange(query: "sum(up", range: $r) { envs } }`,
        { r: range },
        'BAD_QUERY',
        /query: PromQL syntax error/,
      ],
      [
        `query($r: TimeRangeInput!) { queryRange(query: "up", range: $r) { envs } }`,
        { r: { ...range, start: sec(w.end), end: sec(w.start) } },
        'BAD_INPUT',
        /range.end/,
      ],
      [
        `query($r: TimeRangeInput!) { queryRange(query: "up", range: $r) { envs } }`,
        { r: { ...range, start: sec(w.start - 86_400_000), step: '1s' } },
        'BAD_INPUT',
        /range.step: .*exceeds the limit/,
      ],
      [
        `query($r: TimeRangeInput!) { queryRange(query: "up", range: $r) { envs } }`,
        { r: { ...range, step: '-5m' } },
        'BAD_INPUT',
        /range.step/,
      ],
      [
        `query($r: TimeRangeInput!) { signals(service: "a", range: $r, envs: ["kr-vm", "mars"]) { env } }`,
        { r: range },
        'UNKNOWN_ENV',
        /unknown env "mars"/,
      ],
    ];
    for (const [query, variables, code, message] of cases) {
      const res = await gql(query, variables);
      expect(res.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
    }
  });
});

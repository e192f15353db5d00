import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAnswer, type PromBody } from './compare-results.js';
import { STEP, startWorld, type World } from './setup.js';

const run = promisify(execFile);
let w: World;

beforeAll(async () => {
  w = await startWorld({ deadlineMs: 3000 });
}, 180_000);
afterAll(async () => w?.stop());

const sec = (ms: number): string => String(ms / 1000);

async function gateway(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: PromBody; ms: number }> {
  const started = performance.now();
  const res = await w.app.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: (await res.json()) as PromBody, ms: performance.now() - started };
}

async function direct(url: string, path: string, params: Record<string, string>): Promise<PromBody> {
  const res = await fetch(`${url}${path}`, { method: 'POST', body: new URLSearchParams(params) });
  return (await res.json()) as PromBody;
}

const rangeParams = (query: string) => ({ query, start: sec(w.start), end: sec(w.end), step: '60' });

describe('Prometheus-compatible API over real Prometheus servers', () => {
  it('promtool query range returns every series with its env label and the exact values', async () => {
    const { stdout } = await run('promtool', [
      'query',
      'range',
      '-o',
      'json',
      '--start',
      sec(w.start),
      '--end',
      sec(w.end),
      '--step',
      `${STEP / 1000}s`,
      w.gatewayUrl,
      'parallax_test_gauge{env=~"kr-vm|kr-k8s"}',
    ]);
    const series = JSON.parse(stdout) as Array<{
      metric: Record<string, string>;
      values: [number, string][];
    }>;
    expect(series).toHaveLength(6);
    for (const s of series) {
      const env = s.metric.env as 'kr-vm' | 'kr-k8s';
      const expected = w.samples[env]
        .filter((x) => x.name === 'parallax_test_gauge' && x.labels.instance === s.metric.instance)
        .map((x) => [x.t / 1000, String(x.v)]);
      // The kr-k8s replica A has a 10-minute gap: the merged HA pair must still answer every sample once.
      expect(s.values, `${env}/${s.metric.instance}`).toEqual(expected);
    }
  });

  it('answers cross-env aggregations exactly as one Prometheus holding every env would', async () => {
    const queries = [
      'parallax_test_gauge{env="kr-vm"}',
      'sum(parallax_test_gauge{env=~"kr-(vm|k8s)"})',
      'max by (instance) (parallax_test_gauge{env!~"kr-(down|hole)"})',
      'min(parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'avg by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'count(parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'topk(2, parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'bottomk(1, parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'sum by (env) (rate(http_request_duration_seconds_count{env=~"kr-vm|kr-k8s"}[5m]))',
      'sum(rate(http_request_duration_seconds_count{service="ref-api",env=~"kr-vm|kr-k8s"}[5m]))',
      'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{service="ref-api",env=~"kr-vm|kr-k8s"}[5m])))',
      'histogram_quantile(0.5, sum by (le, env) (rate(http_request_duration_seconds_bucket{service="ref-api",env=~"kr-vm|kr-k8s"}[5m])))',
      'sum(rate(http_request_duration_seconds_count{service="ref-api",status_code=~"5..",env=~"kr-vm|kr-k8s"}[5m])) / sum(rate(http_request_duration_seconds_count{service="ref-api",env=~"kr-vm|kr-k8s"}[5m]))',
      '1 - sum(parallax_test_gauge{env=~"kr-vm|kr-k8s"}) / 1000',
      // Traffic share per env: the migration's key number, global only if the total crosses envs.
      'sum by (env) (rate(http_request_duration_seconds_count{service="ref-api",env=~"kr-vm|kr-k8s"}[5m])) / ignoring(env) group_left sum(rate(http_request_duration_seconds_count{service="ref-api",env=~"kr-vm|kr-k8s"}[5m]))',
      'parallax_test_gauge{env=~"kr-vm|kr-k8s"} / on(instance) group_left sum by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'sum by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"}) - on(instance) max by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"})',
      'sum by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"}) * 2 - (min by (instance) (parallax_test_gauge{env=~"kr-vm|kr-k8s"}))',
    ];
    for (const query of queries) {
      const got = await gateway('/api/v1/query_range', rangeParams(query));
      expect(got.status, query).toBe(200);
      expectSameAnswer(got.body, await direct(w.all.url, '/api/v1/query_range', rangeParams(query)), query);
      const at = { query, time: sec(w.end - 600_000) };
      expectSameAnswer(
        (await gateway('/api/v1/query', at)).body,
        await direct(w.all.url, '/api/v1/query', at),
        `instant ${query}`,
      );
    }
  });

  it('asks every env at one instant when the query names no time', async () => {
    const before = Date.now();
    const got = await gateway('/api/v1/query', {
      query: 'count_over_time(parallax_test_gauge{env=~"kr-vm|kr-k8s"}[1d])',
    });
    const after = Date.now();
    const result = got.body.data?.result ?? [];
    expect(new Set(result.map((r) => r.metric.env))).toEqual(new Set(['kr-vm', 'kr-k8s']));
    const times = new Set(result.map((r) => r.value?.[0]));
    expect(times.size).toBe(1);
    const t = ([...times][0] ?? NaN) * 1000;
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
  });

  it('says so in a warning when a cross-env query can only be evaluated per env', async () => {
    const got = await gateway('/api/v1/query', {
      query: 'sum(parallax_test_gauge) > bool 100',
      time: sec(w.end),
    });
    expect(got.status).toBe(200);
    expect(got.body.warnings?.join('\n')).toMatch(/evaluated per env/);
  });

  it('answers within the deadline with healthy envs and names the refused and blackholed envs', async () => {
    const got = await gateway('/api/v1/query_range', rangeParams('parallax_test_gauge'));
    expect(got.status).toBe(200);
    const envs = new Set(got.body.data?.result.map((r) => r.metric.env));
    expect([...envs].sort()).toEqual(['kr-k8s', 'kr-vm']);
    const warnings = got.body.warnings?.join('\n') ?? '';
    expect(warnings).toMatch(/env kr-down \(prometheus\) failed: BACKEND_UNREACHABLE/);
    expect(warnings).toMatch(/env kr-hole \(prometheus\) failed: DEADLINE_EXCEEDED/);
    expect(got.ms).toBeLessThan(3000 + 2000);
  });

  it('is an error only when every env fails', async () => {
    const got = await gateway('/api/v1/query', { query: 'up{env=~"kr-down|kr-hole"}' });
    expect(got.status).toBe(502);
    expect(got.body).toMatchObject({ status: 'error', errorType: 'unavailable' });
    expect(got.body.error).toMatch(/kr-down: BACKEND_UNREACHABLE/);
  });

  it('serves series, labels and label values through promtool', async () => {
    const args = [
      '--match',
      'parallax_test_gauge{env="kr-vm"}',
      '--start',
      sec(w.start),
      '--end',
      sec(w.end),
    ];
    const series = await run('promtool', ['query', 'series', ...args, w.gatewayUrl]);
    expect(series.stdout.trim().split('\n').sort()).toEqual([
      '{__name__="parallax_test_gauge", env="kr-vm", instance="i1"}',
      '{__name__="parallax_test_gauge", env="kr-vm", instance="i2"}',
      '{__name__="parallax_test_gauge", env="kr-vm", instance="i3"}',
    ]);
    const labels = await run('promtool', [
      'query',
      'labels',
      '--start',
      sec(w.start),
      '--end',
      sec(w.end),
      w.gatewayUrl,
      'env',
    ]);
    expect(labels.stdout.trim().split('\n')).toEqual(['kr-down', 'kr-hole', 'kr-k8s', 'kr-vm']);
    const instances = await run('promtool', [
      'query',
      'labels',
      '--start',
      sec(w.start),
      '--end',
      sec(w.end),
      w.gatewayUrl,
      'instance',
    ]);
    expect(instances.stdout.trim().split('\n')).toEqual(['i1', 'i2', 'i3']);
  });

  it('rejects bad input with a 4xx naming the parameter', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ query: 'sum(rate(x[5m]', start: '1', end: '2', step: '1' }, /query: PromQL syntax error/],
      [{ query: 'up', start: '200', end: '100', step: '15' }, /range.end: end is before start/],
      [{ query: 'up', start: '100', end: '200', step: '0' }, /step/],
      [{ query: 'up', start: '0', end: '1000000', step: '1' }, /exceeds the limit of 11000/],
      [{ query: 'up', start: 'yesterday', end: '200', step: '15' }, /start: "yesterday" is not a time/],
      [{ query: 'up', start: '100', end: '200', step: '5x' }, /step: "5x" is not a duration/],
    ];
    for (const [params, message] of cases) {
      const got = await gateway('/api/v1/query_range', params);
      expect(got.status, JSON.stringify(params)).toBe(400);
      expect(got.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(got.body.error).toMatch(message);
    }
    const nameless = await gateway('/api/v1/query', {});
    expect(nameless.status).toBe(400);
    expect(nameless.body.error).toMatch(/query: parameter "query" is required/);
  });

  it('reports buildinfo Grafana accepts, and its own metrics', async () => {
    const info = (await (await w.app.app.request('/api/v1/status/buildinfo')).json()) as {
      data: { version: string };
    };
    expect(Number(info.data.version.split('.')[1])).toBeGreaterThanOrEqual(24);
    const metrics = await (await w.app.app.request('/metrics')).text();
    expect(metrics).toMatch(
      /parallax_backend_requests_total\{env="kr-vm",backend="prometheus",outcome="ok"\} \d+/,
    );
    expect(metrics).toMatch(
      /parallax_backend_errors_total\{env="kr-down",backend="prometheus",code="BACKEND_UNREACHABLE"\} \d+/,
    );
  });
});

describe('dashboards/', () => {
  it('every panel query answers through the gateway with one series per env', async () => {
    const { readFile } = await import('node:fs/promises');
    const dash = JSON.parse(
      await readFile(new URL('../../dashboards/service-across-envs.json', import.meta.url), 'utf8'),
    ) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    for (const panel of dash.panels) {
      for (const { expr } of panel.targets) {
        const query = expr.replaceAll('$service', 'payment-api').replaceAll('$env', 'kr-vm|kr-k8s');
        const got = await gateway('/api/v1/query_range', rangeParams(query));
        expect(got.status, panel.title).toBe(200);
        expect(got.body.warnings, panel.title).toBeUndefined();
        const envs = got.body.data?.result.map((r) => r.metric.env).sort();
        expect(envs, panel.title).toEqual(['kr-k8s', 'kr-vm']);
        if (panel.title.startsWith('Traffic share')) {
          // Shares of one global total: at every step they add up to 1.
          const totals = new Map<number, number>();
          for (const r of got.body.data?.result ?? [])
            for (const [t, v] of r.values ?? []) totals.set(t, (totals.get(t) ?? 0) + Number(v));
          expect(totals.size).toBeGreaterThan(10);
          for (const total of totals.values()) expect(total).toBeCloseTo(1, 9);
        }
      }
    }
  });
});

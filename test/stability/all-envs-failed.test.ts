import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { parseConfig } from '../../src/config/index.js';
import { closedPort, startPrometheus, type RunningPrometheus } from '../harness/index.js';
import { startJaeger } from '../harness/jaeger.js';

// Every env's backends are real servers that were started and stopped, or ports nothing listens on.
let deadProm: string;
let deadJaeger: string;
let live: RunningPrometheus;
let gw: (path: string, init?: RequestInit) => Promise<Response>;
let partialGw: typeof gw;
const T = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;

const UNREACHABLE = 'every environment failed (kr-vm: BACKEND_UNREACHABLE, kr-k8s: BACKEND_UNREACHABLE)';

function yaml(vmProm: string, k8sProm: string, ports: { es: number; es2: number; jaeger2: number }): string {
  return `federation: { breakerThreshold: 1000 }
envs:
  - name: kr-vm
    labels: { role: old }
    prometheus: { url: "${vmProm}" }
    traces: { kind: jaeger, url: "${deadJaeger}", api: v3 }
    logs: { kind: elasticsearch, url: "http://127.0.0.1:${ports.es}", index: logs, version: 9 }
  - name: kr-k8s
    labels: { role: new }
    prometheus: { url: "${k8sProm}" }
    traces: { kind: jaeger, url: "http://127.0.0.1:${ports.jaeger2}", api: auto }
    logs: { kind: elasticsearch, url: "http://127.0.0.1:${ports.es2}", index: logs, version: auto }
`;
}

beforeAll(async () => {
  const [prom, jaeger] = await Promise.all([
    startPrometheus('stopped', [{ name: 'up_value', labels: { job: 'x' }, t: T, v: 1 }]),
    startJaeger('stopped'),
  ]);
  deadProm = prom.url;
  deadJaeger = jaeger.queryUrl;
  await Promise.all([prom.stop(), jaeger.stop()]);
  live = await startPrometheus('live', [{ name: 'up_value', labels: { job: 'x' }, t: T, v: 3 }]);
  const ports = { es: await closedPort(), es2: await closedPort(), jaeger2: await closedPort() };
  const k8sProm = `http://127.0.0.1:${await closedPort()}`;
  const all = createApp(parseConfig(yaml(deadProm, k8sProm, ports))).app;
  const partial = createApp(parseConfig(yaml(live.url, k8sProm, ports))).app;
  gw = async (path, init) => all.fetch(new Request(`http://gw${path}`, init));
  partialGw = async (path, init) => partial.fetch(new Request(`http://gw${path}`, init));
});

afterAll(() => live?.stop());

async function graphql(
  fetcher: typeof gw,
  query: string,
): Promise<{ status: number; codes: string[]; messages: string[]; data: unknown }> {
  const res = await fetcher('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as {
    data: unknown;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return {
    status: res.status,
    codes: (body.errors ?? []).map((e) => e.extensions?.code ?? ''),
    messages: (body.errors ?? []).map((e) => e.message),
    data: body.data,
  };
}

const range = `range: { start: "${new Date(T - 60_000).toISOString()}", end: "${new Date(T + 60_000).toISOString()}" }`;

describe('ALL_ENVS_FAILED on every surface', () => {
  it('REST incident context: 502 with error.code ALL_ENVS_FAILED and each env next to it', async () => {
    const res = await gw(`/api/v1/incident-context?service=checkout-api&at=${T / 1000}&window=5m`);
    const body = (await res.json()) as {
      error: { code: string; message: string };
      errors: Array<{ env: string; backend: string; code: string }>;
    };
    expect(res.status).toBe(502);
    expect(body.error.code).toBe('ALL_ENVS_FAILED');
    expect(body.error.message).toMatch(/^every environment failed \(/);
    const places = new Set(body.errors.flatMap((e) => (e.env ? [`${e.env}/${e.backend}`] : [])));
    expect([...places].sort()).toEqual([
      'kr-k8s/elasticsearch',
      'kr-k8s/jaeger',
      'kr-k8s/prometheus',
      'kr-vm/elasticsearch',
      'kr-vm/jaeger',
      'kr-vm/prometheus',
    ]);
  });

  it('REST incident context: one env answering is a partial 200, not ALL_ENVS_FAILED', async () => {
    const res = await partialGw(`/api/v1/incident-context?service=checkout-api&at=${T / 1000}&window=5m`);
    const body = (await res.json()) as { error?: unknown; service: string; errors: Array<{ env?: string }> };
    expect(res.status).toBe(200);
    expect(body.error).toBeUndefined();
    expect(body.service).toBe('checkout-api');
    expect(body.errors.some((e) => e.env === 'kr-vm')).toBe(true); // its traces and logs are down
  });

  it('Prometheus API: 502, errorType unavailable, error led by ALL_ENVS_FAILED naming each env', async () => {
    for (const path of [`/api/v1/query?query=up_value&time=${T / 1000}`, '/api/v1/labels']) {
      const res = await gw(path);
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({
        status: 'error',
        errorType: 'unavailable',
        error: `ALL_ENVS_FAILED: ${UNREACHABLE}`,
      });
    }
    const partial = await partialGw(`/api/v1/query?query=up_value&time=${T / 1000}`);
    const body = (await partial.json()) as {
      status: string;
      warnings: string[];
      data: { result: unknown[] };
    };
    expect(partial.status).toBe(200);
    expect(body.data.result).toEqual([
      { metric: { __name__: 'up_value', env: 'kr-vm', job: 'x' }, value: [T / 1000, '3'] },
    ]);
    expect(body.warnings).toEqual([
      expect.stringMatching(/^env kr-k8s \(prometheus\) failed: BACKEND_UNREACHABLE/),
    ]);
  });

  it('Jaeger API: 502 with ALL_ENVS_FAILED first in errors, then each env', async () => {
    const res = await gw('/api/services');
    const body = (await res.json()) as { data: unknown; errors: Array<{ code: number; msg: string }> };
    expect(res.status).toBe(502);
    expect(body.errors[0]).toEqual({ code: 502, msg: `ALL_ENVS_FAILED: ${UNREACHABLE}` });
    expect(body.errors.slice(1).map((e) => e.msg.split(':')[0])).toEqual([
      'BACKEND_UNREACHABLE',
      'BACKEND_UNREACHABLE',
    ]);
  });

  it('GraphQL: an error with extensions.code ALL_ENVS_FAILED for each field no env answered', async () => {
    const metrics = await graphql(gw, `{ queryRange(query: "up_value", ${range}) { series { env } } }`);
    expect(metrics.status).toBe(200);
    expect(metrics.codes).toEqual(['ALL_ENVS_FAILED', 'BACKEND_UNREACHABLE', 'BACKEND_UNREACHABLE']);
    expect(metrics.messages[0]).toBe(UNREACHABLE);
    expect(metrics.data).toEqual({ queryRange: { series: [] } });

    const traces = await graphql(gw, `{ traces(service: "checkout-api", ${range}) { traceId } }`);
    expect(traces.codes[0]).toBe('ALL_ENVS_FAILED');
    expect(traces.codes.slice(1)).toEqual(['BACKEND_UNREACHABLE', 'BACKEND_UNREACHABLE']);

    const logs = await graphql(gw, `{ logs(service: "checkout-api", ${range}) { records { message } } }`);
    expect(logs.codes[0]).toBe('ALL_ENVS_FAILED');
    expect(logs.codes.slice(1)).toEqual(['BACKEND_UNREACHABLE', 'BACKEND_UNREACHABLE']);

    const compare = await graphql(
      gw,
      `{ compare(service: "checkout-api", baseline: ["kr-vm"], candidate: ["kr-k8s"], range: { start: "${new Date(T - 600_000).toISOString()}", end: "${new Date(T).toISOString()}", step: "1m" }) { verdict { verdict } } }`,
    );
    expect(compare.codes[0]).toBe('ALL_ENVS_FAILED');
    expect(compare.messages[0]).toBe(UNREACHABLE);
    // metrics, traces and logs of both envs
    expect(compare.codes.filter((c) => c === 'BACKEND_UNREACHABLE')).toHaveLength(6);
  });

  it('GraphQL: one env answering gives its data and only the failed env error', async () => {
    const got = await graphql(partialGw, `{ queryRange(query: "up_value", ${range}) { series { env } } }`);
    expect(got.codes).toEqual(['BACKEND_UNREACHABLE']);
    expect(got.data).toEqual({ queryRange: { series: [{ env: 'kr-vm' }] } });
  });
});

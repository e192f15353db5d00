import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { T0, T1 } from './data.js';
import { SCENARIOS } from './scenarios.js';
import { closedPort } from '../harness/index.js';
import { gateway, gql, startWorld, worldConfig, type World } from './world.js';
import { labelledSuite } from './labelled.js';

let world: World;
let app: Hono;

beforeAll(async () => {
  const started = performance.now();
  world = await startWorld();
  console.log(
    `compare world (2 Prometheus, 2 Jaeger, Elasticsearch 8 and 9) ready in ${Math.round(performance.now() - started)} ms`,
  );
  app = gateway(worldConfig(world)).app;
  // Two Elasticsearch JVMs on a shared 2-core machine: more than the default hook timeout.
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

const COMPARE = /* GraphQL */ `
  query Compare($service: String!, $range: TimeRangeInput!, $baseline: [String!]!, $candidate: [String!]!) {
    compare(service: $service, baseline: $baseline, candidate: $candidate, range: $range) {
      verdict {
        verdict
        score
        reason
        missing {
          env
          backend
          code
        }
      }
      signals {
        signal
        verdict
        reason
        baseline
        candidate
        shift
        pValue
        nBaseline
        nCandidate
      }
      traffic {
        env
        side
        share
        requests
      }
      migration {
        env
        side
        requests
        avgThroughput
        peakThroughput
        successes
        errors
        failureRate
        p50Ms
        p99Ms
      }
      operations {
        operation
        spanKind
        deltaP50Ms
        deltaErrorRatio
      }
      logPatterns {
        newPatterns {
          template
          count
          perRequest
        }
        grown {
          template
          count
        }
      }
      culprits {
        rank
        signal
        verdict
        env
        summary
        operation {
          operation
          measure
          delta
        }
        logPatterns {
          template
        }
      }
      series {
        env
        signal
        points {
          t
          value
        }
      }
    }
  }
`;

interface Answer {
  compare: {
    verdict: { verdict: string; score: number | null; reason: string; missing: unknown[] };
    signals: { signal: string; verdict: string; reason: string }[];
    traffic: { env: string; share: number; requests: number }[];
    migration: {
      env: string;
      requests: number;
      avgThroughput: number;
      failureRate: number;
      p50Ms: number;
      p99Ms: number;
    }[];
    operations: unknown[];
    logPatterns: { newPatterns: { template: string; count: number }[]; grown: { template: string }[] } | null;
    culprits: {
      rank: number;
      signal: string;
      verdict: string;
      env: string;
      summary: string;
      operation: { operation: string } | null;
      logPatterns: { template: string }[];
    }[];
    series: { env: string; signal: string; points: unknown[] }[];
  };
}

const RANGE = { start: new Date(T0).toISOString(), end: new Date(T1).toISOString(), step: '15s' };

async function compare(service: string, target: Hono = app, candidate = ['kr-k8s']) {
  const res = await gql<Answer>(target, COMPARE, { service, range: RANGE, baseline: ['kr-vm'], candidate });
  expect(res.errors).toBeUndefined();
  const c = res.data?.compare;
  if (!c) throw new Error('no data');
  return c;
}

const verdictOf = (c: Answer['compare'], signal: string) =>
  c.signals.find((s) => s.signal === signal)?.verdict;

describe('compare on real Prometheus, Jaeger and Elasticsearch', () => {
  it('passes a no-change control and names no culprit', async () => {
    const c = await compare(SCENARIOS.control.service);
    expect(c.verdict.verdict).toBe('PASS');
    expect(c.culprits).toEqual([]);
    expect(c.verdict.missing).toEqual([]);
  });

  it('fails latency +5 ms in kr-k8s and names `redis GET`', async () => {
    const c = await compare(SCENARIOS.latency.service);
    expect(c.verdict.verdict).toBe('FAIL');
    expect(verdictOf(c, 'LATENCY_P50')).toBe('FAIL');
    expect(verdictOf(c, 'ERROR_RATIO')).toBe('PASS');
    // Every failing signal is a culprit: the latency one points at the call, and so do the spans.
    const latency = c.culprits.find((x) => x.signal.startsWith('LATENCY_'));
    expect(latency).toMatchObject({ env: 'kr-k8s', verdict: 'FAIL' });
    expect(latency?.operation?.operation).toBe('redis GET');
    expect(latency?.summary).toMatch(
      /latency \+\d+\.\d ms .* in kr-k8s, mostly operation `redis GET` \(\+\d\.\d ms\)/,
    );
    const spans = c.culprits.find((x) => x.signal === 'TRACE_OPERATIONS');
    expect(spans?.operation?.operation).toBe('redis GET');
  });

  it('fails error ratio 0.1% -> 1% and names the new log pattern', async () => {
    const c = await compare(SCENARIOS.errors.service);
    expect(c.verdict.verdict).toBe('FAIL');
    expect(verdictOf(c, 'ERROR_RATIO')).toBe('FAIL');
    const top = c.culprits[0];
    expect(top).toMatchObject({ signal: 'ERROR_RATIO', env: 'kr-k8s' });
    expect(top?.summary).toMatch(/^error ratio 0\.1\d% -> 0?\.?\d\.\d+% \(\+0\.\d+ pp\) in kr-k8s/);
    expect(top?.operation?.operation).toBe('redis GET');
    // The new log pattern is a culprit of its own (ERROR_LOGS), with every one of its 400 lines.
    const logs = c.culprits.find((x) => x.signal === 'ERROR_LOGS');
    expect(logs?.env).toBe('kr-k8s');
    expect(logs?.logPatterns.map((p) => p.template)).toContain('redis timeout after <*> ms');
    expect(logs?.summary).toContain('new log pattern `redis timeout after <*> ms` x400');
  });

  it('fails on a new error log pattern alone (0.17% of requests) and names it', async () => {
    const c = await compare(SCENARIOS.newLog.service);
    expect(verdictOf(c, 'ERROR_LOGS')).toBe('FAIL');
    expect(c.verdict.verdict).toBe('FAIL');
    expect(c.culprits).toHaveLength(1);
    expect(c.culprits[0]).toMatchObject({ signal: 'ERROR_LOGS', env: 'kr-k8s' });
    expect(c.culprits[0]?.summary).toContain('`tls handshake to payments-gateway failed after <*> ms` x300');
  });

  it('names the one slow span operation, not the endpoint that calls it', async () => {
    const c = await compare(SCENARIOS.slowOp.service);
    expect(c.verdict.verdict).toBe('FAIL');
    expect(c.culprits[0]?.operation?.operation).toBe('SELECT orders');
    expect(c.culprits[0]?.env).toBe('kr-k8s');
  });

  for (const [name, shares] of [
    ['split1090', [0.9, 0.1]],
    ['split9010', [0.1, 0.9]],
  ] as const) {
    it(`passes the ${name} traffic split with identical per-request behaviour`, async () => {
      const c = await compare(SCENARIOS[name].service);
      expect(c.verdict.verdict).toBe('PASS');
      expect(c.culprits).toEqual([]);
      const share = (env: string) => c.traffic.find((t) => t.env === env)?.share ?? Number.NaN;
      expect(share('kr-vm')).toBeCloseTo(shares[0], 2);
      expect(share('kr-k8s')).toBeCloseTo(shares[1], 2);
    });
  }
});

describe('the migration table and partial failures', () => {
  it('gives per env throughput, successes, errors, failure rate and quantiles over the window', async () => {
    const c = await compare(SCENARIOS.errors.service);
    const [vm, k8s] = ['kr-vm', 'kr-k8s'].map((env) => c.migration.find((m) => m.env === env));
    // 50 req/s over the hour; the counters' increase() extrapolates a little at the edges.
    for (const row of [vm, k8s]) {
      expect(row?.avgThroughput).toBeGreaterThan(49);
      expect(row?.avgThroughput).toBeLessThan(51);
    }
    expect(vm?.failureRate).toBeGreaterThan(0.0005);
    expect(vm?.failureRate).toBeLessThan(0.0015);
    expect(k8s?.failureRate).toBeGreaterThan(0.008);
    expect(k8s?.failureRate).toBeLessThan(0.012);
    expect(k8s?.p50Ms).toBeGreaterThan(25);
    expect(k8s?.p50Ms).toBeLessThan(35);
  });

  it('judges with the envs that answered and says which data the verdict rests without', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const config = worldConfig(world, [
      {
        name: 'jp-k8s',
        labels: { role: 'new' },
        prometheus: { url: down },
        signals: { template: 'istio' },
        traces: { kind: 'jaeger', url: down },
        logs: { kind: 'elasticsearch', url: down, index: 'logs', version: 9 },
      },
    ]);
    const partial = gateway(config).app;
    const res = await gql<Answer>(partial, COMPARE, {
      service: SCENARIOS.latency.service,
      range: RANGE,
      baseline: ['kr-vm'],
      candidate: ['kr-k8s', 'jp-k8s'],
    });
    expect(res.data?.compare.verdict.verdict).toBe('FAIL');
    expect(res.data?.compare.culprits[0]?.env).toBe('kr-k8s');
    const missing = res.data?.compare.verdict.missing as { env: string; backend: string }[];
    expect(missing.map((m) => `${m.env}/${m.backend}`).sort()).toEqual([
      'jp-k8s/elasticsearch',
      'jp-k8s/jaeger',
      'jp-k8s/prometheus',
    ]);
    expect(res.data?.compare.verdict.reason).toContain('rests on partial data: jp-k8s');
    const envs = (res.errors ?? []).map(
      (e) => `${String(e.extensions?.env)}/${String(e.extensions?.backend)}`,
    );
    expect(envs.sort()).toEqual(['jp-k8s/elasticsearch', 'jp-k8s/jaeger', 'jp-k8s/prometheus']);
  });
});

describe('bad input names the field', () => {
  const ask = (vars: Record<string, unknown>, extra = '') =>
    gql(
      app,
      `query($b: [String!]!, $c: [String!]!, $r: TimeRangeInput!, $t: [ToleranceInput!]) {
        compare(service: "lat-api", baseline: $b, candidate: $c, range: $r, tolerances: $t ${extra}) { verdict { verdict } }
      }`,
      { b: ['kr-vm'], c: ['kr-k8s'], r: RANGE, ...vars },
    );
  const fieldOf = async (vars: Record<string, unknown>, extra = '') => {
    const res = await ask(vars, extra);
    const e = res.errors?.[0];
    return `${String(e?.extensions?.code)} ${String(e?.extensions?.field)}`;
  };

  it('rejects overlapping, empty and unknown env sets', async () => {
    expect(await fieldOf({ c: ['kr-k8s', 'kr-vm'] })).toBe('BAD_INPUT candidate');
    expect(await fieldOf({ b: [] })).toBe('BAD_INPUT baseline');
    expect(await fieldOf({ c: [] })).toBe('BAD_INPUT candidate');
    expect(await fieldOf({ c: ['mars'] })).toBe('UNKNOWN_ENV candidate');
  });

  it('rejects a window too long for the step cap, a tolerance out of range and an unknown signal', async () => {
    expect(await fieldOf({ r: { ...RANGE, step: '1s' } })).toBe('BAD_INPUT range.step');
    expect(await fieldOf({ t: [{ signal: 'LATENCY_P99', relative: 50 }] })).toBe(
      'BAD_INPUT tolerances.0.relative',
    );
    expect(await fieldOf({ t: [{ signal: 'ERROR_RATIO', absolute: 1.5 }] })).toBe(
      'BAD_INPUT tolerances.0.absolute',
    );
    const unknown = await ask({}, ', signals: [THROUGHPUT]');
    expect(unknown.errors?.[0]?.message).toMatch(/THROUGHPUT/);
    expect(unknown.data).toBeUndefined();
  });
});

describe('GET /api/v1/incident-context', () => {
  const AT = new Date(T0 + 30 * 60_000).toISOString();
  const get = (query: Record<string, string>, accept = 'application/json') =>
    app.request(`/api/v1/incident-context?${new URLSearchParams(query).toString()}`, { headers: { accept } });

  it('returns the versioned JSON: RED before/after, verdict, new log patterns, worst traces with links, error lines', async () => {
    const res = await get({ service: SCENARIOS.errors.service, at: AT, window: '30m' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-parallax-verdict')).toBe('fail');
    const body = (await res.json()) as {
      schemaVersion: number;
      baseline: string[];
      candidate: string[];
      verdict: { verdict: string; window: { start: string }; culprits: { summary: string }[] };
      red: { env: string; before: { requestRate: number } | null; after: { errorRatio: number } | null }[];
      newLogPatterns: { template: string; example: string }[];
      slowestTraces: { traceId: string; durationMs: number; links: { env: string; url: string }[] }[];
      failedTraces: { envs: string[]; errorCount: number }[];
      recentErrors: { env: string; level: string; message: string }[];
      errors: unknown[];
    };
    expect(body).toMatchObject({ schemaVersion: 1, baseline: ['kr-vm'], candidate: ['kr-k8s'], errors: [] });
    expect(body.verdict.verdict).toBe('fail');
    expect(body.verdict.window.start).toBe(AT);
    expect(body.verdict.culprits[0]?.summary).toContain('error ratio');
    expect(body.red.map((r) => r.env)).toEqual(['kr-vm', 'kr-k8s']);
    expect(body.red[0]?.before?.requestRate).toBeGreaterThan(45);
    expect(body.red[1]?.after?.errorRatio).toBeGreaterThan(0.005);
    expect(body.newLogPatterns[0]?.template).toBe('redis timeout after <*> ms');
    expect(body.newLogPatterns[0]?.example).toMatch(/^redis timeout after \d+ ms$/);
    expect(body.slowestTraces).toHaveLength(5);
    const durations = body.slowestTraces.map((t) => t.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    const first = body.slowestTraces[0];
    expect(first?.links[0]?.url).toBe(
      `https://jaeger.${first?.links[0]?.env}.example/trace/${first?.traceId}`,
    );
    expect(body.failedTraces.length).toBeGreaterThan(0);
    expect(body.failedTraces.every((t) => t.envs.includes('kr-k8s') && t.errorCount > 0)).toBe(true);
    expect(body.recentErrors.length).toBe(10);
    expect(body.recentErrors.every((l) => l.level === 'error')).toBe(true);
  });

  it('renders Markdown for a human or a ticket', async () => {
    const res = await get({ service: SCENARIOS.errors.service, at: AT }, 'text/markdown');
    expect(res.headers.get('content-type')).toContain('text/markdown');
    const md = await res.text();
    expect(md).toMatch(/^# Incident context: err-api at /);
    for (const heading of [
      '## Culprits',
      '## RED per env, before / after T',
      '## Migration table (verdict window)',
      '## New or grown error log patterns',
      '## Slowest traces',
      '## Failed traces',
      '## Recent error lines',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/^- (\*\*fail\*\* )?`redis timeout after <\*> ms` x\d+, new/m);
    expect(md).toMatch(/\[kr-(vm|k8s)\]\(https:\/\/jaeger\.kr-(vm|k8s)\.example\/trace\/[0-9a-f]{32}\)/);
  });

  it('answers errors as JSON with the field and the status', async () => {
    const cases: [Record<string, string>, number, string, string][] = [
      [{}, 400, 'BAD_INPUT', 'service'],
      [{ service: 'x', at: new Date(Date.now() + 3_600_000).toISOString() }, 400, 'BAD_INPUT', 'at'],
      [{ service: 'x', window: 'soon' }, 400, 'BAD_INPUT', 'window'],
      [{ service: 'x', window: '3d' }, 400, 'BAD_INPUT', 'window'],
      [{ service: 'x', baseline: 'kr-vm', candidate: 'kr-vm' }, 400, 'BAD_INPUT', 'candidate'],
      [{ service: 'x', candidate: 'nowhere' }, 400, 'UNKNOWN_ENV', 'candidate'],
    ];
    for (const [query, status, code, field] of cases) {
      const res = await get(query);
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; field: string; message: string } };
      expect(error).toMatchObject({ code, field });
      expect(error.message).toMatch(new RegExp(`^${field}: `));
    }
  });
});

describe('service: signals next to span operations', () => {
  it('answers both per env in one query, equal to the signals and operationStats fields', async () => {
    const range = { start: String(T0 / 1000), end: String(T1 / 1000), step: '60s' };
    const variables = { name: SCENARIOS.latency.service, range };
    const both = await gql<{
      service: {
        envs: Array<{
          env: string;
          signals: Array<{ signal: string; summary: { avg: number } }>;
          operations: unknown;
        }>;
      };
      signals: Array<{ env: string; signal: string; summary: { avg: number } }>;
      operationStats: Array<{ env: string }>;
    }>(
      app,
      `query($name: String!, $range: TimeRangeInput!) {
        service(name: $name, range: $range, signals: [LATENCY_P50, REQUEST_RATE]) {
          envs { env signals { signal summary { avg } } operations { env sampleSize operations { operation count p50Ms } } }
        }
        signals(service: $name, range: $range, signals: [LATENCY_P50, REQUEST_RATE]) { env signal summary { avg } }
        operationStats(service: $name, range: $range) { env sampleSize operations { operation count p50Ms } }
      }`,
      variables,
    );
    expect(both.errors).toBeUndefined();
    const envs = both.data?.service.envs ?? [];
    expect(envs.map((e) => e.env).sort()).toEqual(['kr-k8s', 'kr-vm']);
    for (const e of envs) {
      expect(e.signals).toEqual(
        both.data?.signals.filter((s) => s.env === e.env).map(({ signal, summary }) => ({ signal, summary })),
      );
      expect(e.signals).toHaveLength(2);
      expect(e.operations).toEqual(both.data?.operationStats.find((o) => o.env === e.env));
      expect(e.operations).not.toBeNull();
    }
  });
});

labelledSuite(() => app);

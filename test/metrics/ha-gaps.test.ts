import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../demo/metrics.js';
import { parseConfig } from '../../src/config/index.js';
import { createApp } from '../../src/app/index.js';
import {
  closedPort,
  serveApp,
  startPrometheus,
  type PromSample,
  type RunningPrometheus,
} from '../harness/index.js';
import { expectSameAnswer, type PromBody } from './compare-results.js';

// An HA pair whose replicas each miss a DIFFERENT 10-minute stretch, and one Prometheus holding the
// complete data: every point the gateway answers must equal the complete Prometheus, including the
// minutes just after each gap starts and ends, where a replica answers from a partial window.
const SCRAPE = 15_000;
const MINUTE = 60_000;
const LE = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];

interface HaWorld {
  start: number;
  end: number;
  gapA: [number, number];
  gapB: [number, number];
  replicas: RunningPrometheus[];
  complete: RunningPrometheus;
  gateway: string;
  stop: () => Promise<void>;
}

/** Counters and a latency histogram with random increments: expectations come from the complete server. */
function samples(seed: number, start: number, end: number): PromSample[] {
  const rand = prng(seed);
  const out: PromSample[] = [];
  for (const instance of ['i1', 'i2']) {
    const counts: Record<string, number> = { '200': 0, '500': 0 };
    const buckets = LE.map(() => 0);
    for (let t = start; t <= end; t += SCRAPE) {
      counts['200'] = (counts['200'] ?? 0) + Math.round(rand() * 300);
      counts['500'] = (counts['500'] ?? 0) + Math.round(rand() * 12);
      for (const [code, v] of Object.entries(counts))
        out.push({ name: 'ha_requests_total', labels: { instance, code }, t, v });
      const observed = Math.round(rand() * 200);
      let cumulative = 0;
      LE.forEach((le, i) => {
        cumulative += Math.round(observed * rand() * 0.4);
        buckets[i] = (buckets[i] ?? 0) + (le === '+Inf' ? observed : Math.min(cumulative, observed));
      });
      // Cumulative buckets must be monotone in le.
      for (let i = 1; i < buckets.length; i++) buckets[i] = Math.max(buckets[i] ?? 0, buckets[i - 1] ?? 0);
      LE.forEach((le, i) =>
        out.push({ name: 'ha_latency_seconds_bucket', labels: { instance, le }, t, v: buckets[i] ?? 0 }),
      );
    }
  }
  return out;
}

const outside =
  ([from, to]: [number, number]) =>
  (s: PromSample): boolean =>
    s.t < from || s.t > to;

async function startHaWorld(): Promise<HaWorld> {
  const end = Math.floor((Date.now() - 3_600_000) / MINUTE) * MINUTE;
  const start = end - 80 * MINUTE;
  const gapA: [number, number] = [start + 20 * MINUTE, start + 30 * MINUTE];
  const gapB: [number, number] = [start + 45 * MINUTE, start + 55 * MINUTE];
  const all = samples(Date.now() % 100_000, start, end);
  // One series of another counter misses gap A on replica a only: the other series agree everywhere.
  const partial = all
    .filter((s) => s.name === 'ha_requests_total' && s.labels.code === '200')
    .map((s) => ({ ...s, name: 'ha_partial_total', labels: { instance: s.labels.instance ?? '' } }));
  const partialOnA = partial.filter((s) => s.labels.instance !== 'i1' || outside(gapA)(s));
  const [a, b, complete] = await Promise.all([
    startPrometheus('ha-a', [...all.filter(outside(gapA)), ...partialOnA]),
    startPrometheus('ha-b', [...all.filter(outside(gapB)), ...partial]),
    startPrometheus(
      'ha-complete',
      [...all, ...partial].map((s) => ({ ...s, labels: { ...s.labels, env: 'kr-k8s' } })),
    ),
  ]);
  const config = parseConfig(`
federation: { deadline: 20s, breakerThreshold: 1000 }
envs:
  - name: kr-k8s
    prometheus: { url: [${a.url}, ${b.url}], timeout: 20s }
`);
  const app = createApp(config);
  const served = await serveApp(app.app.fetch);
  return {
    start,
    end,
    gapA,
    gapB,
    replicas: [a, b],
    complete,
    gateway: served.url,
    stop: async () => {
      served.close();
      await Promise.all([a.stop(), b.stop(), complete.stop()]);
    },
  };
}

async function rangeQuery(base: string, query: string, start: number, end: number, step: number) {
  const form = new URLSearchParams({
    query,
    start: String(start / 1000),
    end: String(end / 1000),
    step: String(step / 1000),
  });
  const res = await fetch(`${base}/api/v1/query_range`, { method: 'POST', body: form });
  return (await res.json()) as PromBody;
}

async function instantQuery(base: string, query: string, time: number) {
  const form = new URLSearchParams({ query, time: String(time / 1000) });
  const res = await fetch(`${base}/api/v1/query`, { method: 'POST', body: form });
  return (await res.json()) as PromBody;
}

const QUERIES = [
  'rate(ha_partial_total[5m])',
  'sum by (instance) (rate(ha_partial_total[5m]))',
  'sum(rate(ha_partial_total[5m]))',
  'sum by (env) (rate(ha_requests_total[5m]))',
  'sum(rate(ha_requests_total[5m]))',
  'increase(ha_requests_total[5m])',
  'sum by (env, code) (increase(ha_requests_total[2m]))',
  'histogram_quantile(0.9, sum by (le, env) (rate(ha_latency_seconds_bucket[5m])))',
  'histogram_quantile(0.5, sum by (le) (rate(ha_latency_seconds_bucket[5m])))',
  'ha_requests_total',
];

let world: HaWorld;

beforeAll(async () => {
  world = await startHaWorld();
});

afterAll(async () => {
  await world?.stop();
});

describe('an HA pair with a different 10-minute gap in each replica', () => {
  it('the pair really differs from the complete data at the gap edges (the test can fail)', async () => {
    const [a] = world.replicas as [RunningPrometheus];
    const t = world.gapA[0] + 2 * MINUTE;
    const q = 'sum(rate(ha_requests_total[5m]))';
    const fromA = await instantQuery(a.url, q, t);
    const full = await instantQuery(world.complete.url, q, t);
    expect(fromA.data?.result[0]?.value?.[1]).not.toEqual(full.data?.result[0]?.value?.[1]);
  });

  it.each(QUERIES)('every point of %s over the whole range equals the complete Prometheus', async (q) => {
    const from = world.start + 6 * MINUTE;
    const [got, want] = await Promise.all([
      rangeQuery(world.gateway, q, from, world.end, 30_000),
      rangeQuery(world.complete.url, q, from, world.end, 30_000),
    ]);
    expect(got.status).toBe('success');
    expect(got.warnings ?? []).toEqual([]);
    expectSameAnswer(got, want, q);
  });

  it.each(QUERIES)(
    'instant %s equals the complete Prometheus at every minute around each gap edge',
    async (q) => {
      const edges = [...world.gapA, ...world.gapB];
      const times = edges.flatMap((edge) => [-1, 0, 1, 2, 3, 4, 5, 6].map((m) => edge + m * MINUTE + 7_000));
      for (const t of times) {
        const [got, want] = await Promise.all([
          instantQuery(world.gateway, q, t),
          instantQuery(world.complete.url, q, t),
        ]);
        expectSameAnswer(got, want, `${q} @${new Date(t).toISOString()}`);
      }
    },
  );
});

/** How many queries of one handler a Prometheus has answered, from its own /metrics. */
async function queriesServed(p: RunningPrometheus, handler: '/api/v1/query' | '/api/v1/query_range') {
  const text = await (await fetch(`${p.url}/metrics`)).text();
  const prefix = `prometheus_http_requests_total{code="200",handler="${handler}"}`;
  return Number(
    text
      .split('\n')
      .find((l) => l.startsWith(prefix))
      ?.split(' ')[1] ?? 0,
  );
}

/** The probe's kind of query. */
const instantQueriesServed = (p: RunningPrometheus) => queriesServed(p, '/api/v1/query');

/** A gateway of its own over the HA pair (after any `before` replicas), with more federation settings. */
async function pairGateway(federation: string, before: string[] = []) {
  const [a, b] = world.replicas as [RunningPrometheus, RunningPrometheus];
  const urls = [...before, a.url, b.url].join(', ');
  const config = parseConfig(`
federation: { deadline: 20s, breakerThreshold: 1000, ${federation} }
envs:
  - name: kr-k8s
    prometheus: { url: [${urls}], timeout: 20s }
`);
  return serveApp(createApp(config).app.fetch);
}

describe('a third replica that is down, listed first', () => {
  it("leaves the merge exact: each answer is judged by its own replica's freshness", async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const served = await pairGateway('cache: { maxPoints: 0 }', [down]);
    try {
      for (const q of ['sum(rate(ha_requests_total[5m]))', 'increase(ha_requests_total[5m])']) {
        const from = world.start + 6 * MINUTE;
        const [got, want] = await Promise.all([
          rangeQuery(served.url, q, from, world.end, 30_000),
          rangeQuery(world.complete.url, q, from, world.end, 30_000),
        ]);
        expect(got.warnings?.[0]).toMatch(/^env kr-k8s: replica 0 failed: /);
        expectSameAnswer(got, want, q);
      }
    } finally {
      served.close();
    }
  });
});

describe('the freshness probe', () => {
  const q = 'sum(rate(ha_requests_total[5m]))';
  const probes = async () => Promise.all(world.replicas.map(instantQueriesServed));

  it('is not run while the replicas answer alike: one query per replica, the same answer', async () => {
    // Before gap A, and its look-back window too: both replicas hold every sample.
    const [from, to] = [world.start + 6 * MINUTE, world.gapA[0] - MINUTE];
    // Twice: the first answer may follow one that differed (probe started beside it). Steps differ
    // from every other query here, so no answer comes from the gateway's cache.
    await rangeQuery(world.gateway, q, from, to, 20_000);
    const before = await probes();
    const [got, want] = await Promise.all([
      rangeQuery(world.gateway, q, from, to, 45_000),
      rangeQuery(world.complete.url, q, from, to, 45_000),
    ]);
    expectSameAnswer(got, want, q);
    expect(await probes()).toEqual(before);
  });

  it('is run on every replica when their answers differ', async () => {
    const before = await probes();
    // A selector written as no query above wrote it: settled sample times are kept per selector.
    const fresh = 'sum(rate(ha_requests_total{code=~".+"}[5m]))';
    const [got, want] = await Promise.all([
      rangeQuery(world.gateway, fresh, world.start + 5 * MINUTE, world.end, 60_000),
      rangeQuery(world.complete.url, fresh, world.start + 5 * MINUTE, world.end, 60_000),
    ]);
    expectSameAnswer(got, want, fresh);
    const after = await probes();
    after.forEach((n, i) => expect(n).toBeGreaterThan(before[i] ?? Infinity));
  });

  it('reads settled raw samples once: the same span at another step is answered exactly from them', async () => {
    const from = world.start + 8 * MINUTE;
    await rangeQuery(world.gateway, q, from, world.end, 60_000);
    const before = await probes();
    const [got, want] = await Promise.all([
      rangeQuery(world.gateway, q, from, world.end, 120_000),
      rangeQuery(world.complete.url, q, from, world.end, 120_000),
    ]);
    expect(got.warnings ?? []).toEqual([]);
    expectSameAnswer(got, want, q);
    expect(await probes()).toEqual(before);
  });
});

describe('a freshness probe that fails (its raw samples exceed maxResponseBytes, the answers do not)', () => {
  it('answers from the replicas with a warning naming each one, and the answer is not cached', async () => {
    const [a, b] = world.replicas as [RunningPrometheus, RunningPrometheus];
    const served = await pairGateway(`maxResponseBytes: 8192`);
    try {
      const q = 'sum(rate(ha_requests_total[5m]))';
      const from = world.start + 7 * MINUTE;
      const ask = () => rangeQuery(served.url, q, from, world.end, 60_000);
      const got = await ask();
      expect(got.status).toBe('success');
      expect(got.data?.result).toHaveLength(1);
      const probeWarnings = (body: PromBody) =>
        (body.warnings ?? []).filter((w) => w.includes('freshness of'));
      const unknown = probeWarnings(got);
      expect(unknown).toHaveLength(2);
      [a.url, b.url].forEach((url, i) => {
        expect(unknown[i]).toContain(`env kr-k8s: freshness of ${url} unknown (`);
        expect(unknown[i]).toContain('points at its gap edges may be inexact');
      });
      // Not cached: the same query asks both replicas again.
      const before = await Promise.all([a, b].map((p) => queriesServed(p, '/api/v1/query_range')));
      expect(probeWarnings(await ask())).toEqual(unknown);
      const after = await Promise.all([a, b].map((p) => queriesServed(p, '/api/v1/query_range')));
      after.forEach((n, i) => expect(n).toBe((before[i] ?? NaN) + 1));
    } finally {
      served.close();
    }
  });
});

/** The size of a Prometheus answer of the selector's raw samples over [from, to]. */
async function rawBytes(p: RunningPrometheus, selector: string, from: number, to: number): Promise<number> {
  const form = new URLSearchParams({
    query: `${selector}[${(to - from) / 1000 + 1}s]`,
    time: String(to / 1000),
  });
  const res = await fetch(`${p.url}/api/v1/query`, { method: 'POST', body: form });
  return (await res.arrayBuffer()).byteLength;
}

describe('the probe reads only where the answers differ', () => {
  it('is exact under a maxResponseBytes that the whole range of raw samples exceeds', async () => {
    const b = world.replicas[1] as RunningPrometheus;
    const window = 5 * MINUTE;
    const [from, to] = [world.start + 6 * MINUTE, world.gapA[1] + 12 * MINUTE];
    // Answers differ only where a 5m window touches gap A: the probe needs [gap start - 5m, gap end + 5m].
    const narrow = await rawBytes(
      b,
      'ha_requests_total',
      world.gapA[0] - window - MINUTE,
      world.gapA[1] + window,
    );
    const whole = await rawBytes(b, 'ha_requests_total', from - window, to);
    const cap = Math.round((narrow + whole) / 2);
    expect(whole).toBeGreaterThan(cap * 1.2);
    const served = await pairGateway(`maxResponseBytes: ${cap}`);
    try {
      const q = 'sum(rate(ha_requests_total[5m]))';
      const [got, want] = await Promise.all([
        rangeQuery(served.url, q, from, to, 60_000),
        rangeQuery(world.complete.url, q, from, to, 60_000),
      ]);
      expect(got.warnings ?? []).toEqual([]);
      expectSameAnswer(got, want, q);
    } finally {
      served.close();
    }
  });
});

describe('the probe reads only the inputs of the series that differ', () => {
  it.each(['rate(ha_partial_total[5m])', 'sum by (instance) (rate(ha_partial_total[5m]))'])(
    '%s is exact under a maxResponseBytes that the raw samples of every series would exceed',
    async (q) => {
      const b = world.replicas[1] as RunningPrometheus;
      const [window, step] = [5 * MINUTE, 5 * MINUTE];
      const [from, to] = [world.gapA[0] - 10 * MINUTE, world.gapA[1] + 15 * MINUTE];
      // Points whose window touches gap A differ on series i1 only (i2 is written alike by both replicas).
      const grid = Array.from({ length: (to - from) / step + 1 }, (_, k) => from + k * step);
      const differ = grid.filter((t) => t >= world.gapA[0] && t - window < world.gapA[1]);
      const [d0, d1] = [Math.min(...differ), Math.max(...differ)];
      const one = await rawBytes(b, 'ha_partial_total{instance="i1"}', d0 - window, d1);
      const every = await rawBytes(b, 'ha_partial_total', d0 - window, d1);
      const answerBytes = JSON.stringify(
        (await rangeQuery(world.complete.url, q, from, to, step)).data,
      ).length;
      const cap = Math.round((one + every) / 2);
      expect(every).toBeGreaterThan(cap * 1.2);
      expect(answerBytes).toBeLessThan(cap / 2);
      const served = await pairGateway(`maxResponseBytes: ${cap}`);
      try {
        const [got, want] = await Promise.all([
          rangeQuery(served.url, q, from, to, step),
          rangeQuery(world.complete.url, q, from, to, step),
        ]);
        expect(got.warnings ?? []).toEqual([]);
        expectSameAnswer(got, want, q);
      } finally {
        served.close();
      }
    },
  );
});

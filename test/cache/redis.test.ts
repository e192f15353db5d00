import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/index.js';
import { parseConfig } from '../../src/config/index.js';
import {
  startPrometheus,
  startRedis,
  type PromSample,
  type RunningPrometheus,
  type RunningRedis,
} from '../harness/index.js';

const STEP = 60_000;
// Two hours old: settled under any `federation.cache.settle` the test sets.
const END = Math.floor((Date.now() - 2 * 3_600_000) / STEP) * STEP;
const START = END - 30 * STEP;
const sec = (ms: number): string => String(ms / 1000);

const samples: PromSample[] = ['a', 'b'].flatMap((instance, i) =>
  Array.from({ length: 31 }, (_, k) => ({
    name: 'parallax_cache_gauge',
    labels: { instance },
    t: START + k * STEP,
    v: (i + 1) * 1000 + k + (Date.now() % 997) / 1000,
  })),
);

let prom: RunningPrometheus;
let redis: RunningRedis;
const apps: App[] = [];

beforeAll(async () => {
  [prom, redis] = await Promise.all([startPrometheus('kr-vm', samples), startRedis()]);
}, 180_000);
afterAll(async () => {
  await Promise.all(apps.map((a) => a.services.federation.close()));
  await Promise.all([prom?.stop(), redis?.stop()]);
});

/** A gateway of its own (own process-local cache) over the same Prometheus and Redis. */
function gateway(redisUrl = redis.url): App {
  const app = createApp(
    parseConfig(`
federation:
  deadline: 5s
  cache: { settle: 5m, redis: { url: "${redisUrl}", timeout: 200ms } }
envs:
  - name: kr-vm
    prometheus: { url: ${prom.url} }
`),
  );
  apps.push(app);
  return app;
}

async function queryRange(app: App, skipMs = 0): Promise<{ status: number; body: unknown }> {
  const start = sec(START + skipMs);
  const form = { query: 'parallax_cache_gauge', start, end: sec(END), step: sec(STEP) };
  const res = await app.app.request('/api/v1/query_range', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json() };
}

/** Range queries Prometheus itself has served, from its own /metrics. */
async function promRangeCalls(): Promise<number> {
  const text = await (await fetch(`${prom.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('prometheus_http_requests_total{code="200",handler="/api/v1/query_range"}'));
  return Number(line?.split(' ').pop() ?? 0);
}

async function cacheLookups(app: App, tier: string, outcome: string): Promise<number> {
  const text = await (await app.app.request('/metrics')).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`parallax_result_cache_total{tier="${tier}",outcome="${outcome}"}`));
  return Number(line?.split(' ').pop() ?? 0);
}

const expected = ['a', 'b'].map((instance) => ({
  metric: { __name__: 'parallax_cache_gauge', env: 'kr-vm', instance },
  values: samples.filter((s) => s.labels.instance === instance).map((s) => [s.t / 1000, String(s.v)]),
}));

describe('shared result cache on a real redis-server', () => {
  it('a second gateway answers from the first one’s cache, without asking Prometheus', async () => {
    const first = await queryRange(gateway());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'success', data: { resultType: 'matrix' } });
    expect((first.body as { data: { result: unknown } }).data.result).toEqual(expected);
    // The write is fire-and-forget; give it a moment to land.
    await new Promise((r) => setTimeout(r, 200));
    const before = await promRangeCalls();
    const second = gateway();
    const again = await queryRange(second);
    expect(again).toEqual(first);
    expect(await promRangeCalls()).toBe(before);
    expect(await cacheLookups(second, 'redis', 'hit')).toBe(1);
  });

  it('with Redis down a new and a connected gateway answer from Prometheus, 200, the same data', async () => {
    await redis.stop();
    const connected = apps[1] as App;
    for (const app of [gateway(), connected]) {
      const before = await promRangeCalls();
      // The connected gateway's own LRU holds the answer; a window it has not seen goes to Redis.
      const res = await queryRange(app, app === connected ? STEP : 0);
      expect(res.status).toBe(200);
      expect((res.body as { data: { result: unknown } }).data.result).toEqual(
        app === connected ? expected.map((e) => ({ ...e, values: e.values.slice(1) })) : expected,
      );
      expect(await promRangeCalls()).toBe(before + 1);
      expect(await cacheLookups(app, 'redis', 'error')).toBe(1);
    }
  });
});

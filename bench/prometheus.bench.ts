/**
 * Parallax vs direct Prometheus, side by side in one run: p50/p99 of a 1 h range query over 6 series
 * and a tiny instant query through the gateway (one env) vs the same query on that Prometheus, and
 * fan-out over 2 and 4 envs vs the slowest single env. Run: npm run bench -- prometheus
 */
import { serve } from '@hono/node-server';
import { request } from 'undici';
import { parseConfig } from '../src/config/index.js';
import { createApp } from '../src/app/index.js';
import { freePort, startPrometheus, type PromSample, type RunningPrometheus } from '../test/harness/index.js';
import { percentile, round, timed } from './stats.js';

const N = Number(process.env.BENCH_N ?? 300);
const WARMUP = 50;

function samples(seed: number, start: number, end: number): PromSample[] {
  const out: PromSample[] = [];
  for (let i = 1; i <= 6; i++) {
    for (let t = start; t <= end; t += 15_000)
      out.push({ name: 'bench_gauge', labels: { instance: `i${i}` }, t, v: (seed * i * t) % 997 });
  }
  return out;
}

async function gateway(proms: RunningPrometheus[]): Promise<{ url: string; close: () => void }> {
  const envs = proms.map((p, i) => `  - name: env${i + 1}\n    prometheus: { url: "${p.url}" }\n`).join('');
  const { app } = createApp(parseConfig(`envs:\n${envs}`));
  const port = await freePort();
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function get(base: string, path: string, params: Record<string, string>): Promise<void> {
  const res = await request(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const body = (await res.body.json()) as { status: string };
  if (body.status !== 'success') throw new Error(`${base}${path}: ${JSON.stringify(body)}`);
}

/** Runs the contenders interleaved, so machine noise hits them alike. */
async function race(
  contenders: Record<string, () => Promise<void>>,
): Promise<Record<string, { p50: number; p99: number }>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let i = 0; i < WARMUP + N; i++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const ms = await timed(fn);
      if (i >= WARMUP) times[name]?.push(ms);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([k, v]) => [
      k,
      { p50: round(percentile(v, 50), 3), p99: round(percentile(v, 99), 3) },
    ]),
  );
}

async function main(): Promise<void> {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const start = end - 3_600_000;
  const proms = await Promise.all(
    [1, 2, 3, 4].map((i) => startPrometheus(`bench${i}`, samples(i, start, end))),
  );
  const [g1, g2, g4] = await Promise.all([
    gateway(proms.slice(0, 1)),
    gateway(proms.slice(0, 2)),
    gateway(proms),
  ]);
  const range = { query: 'bench_gauge', start: String(start / 1000), end: String(end / 1000), step: '15' };
  const instant = { query: 'bench_gauge{instance="i1"}', time: String(end / 1000) };
  const p = proms.map((x) => x.url);
  try {
    const small = await race({
      direct: () => get(p[0] as string, '/api/v1/query', instant),
      parallax: () => get(g1.url, '/api/v1/query', instant),
    });
    const big = await race({
      direct: () => get(p[0] as string, '/api/v1/query_range', range),
      parallax: () => get(g1.url, '/api/v1/query_range', range),
    });
    const slowest = (urls: string[]) => async () =>
      void (await Promise.all(urls.map((u) => get(u, '/api/v1/query_range', range))));
    const fan = await race({
      slowest2: slowest(p.slice(0, 2)),
      parallax2: () => get(g2.url, '/api/v1/query_range', range),
      slowest4: slowest(p),
      parallax4: () => get(g4.url, '/api/v1/query_range', range),
    });
    const ratio = (a: { p50: number; p99: number }, b: { p50: number; p99: number }) => ({
      p50: round(a.p50 / b.p50),
      p99: round(a.p99 / b.p99),
    });
    const result = {
      bench: 'prometheus',
      n: N,
      instant: { ...small, ratio: ratio(small.parallax!, small.direct!) },
      range1h6series: { ...big, ratio: ratio(big.parallax!, big.direct!) },
      fanOut2: {
        slowest: fan.slowest2,
        parallax: fan.parallax2,
        ratio: ratio(fan.parallax2!, fan.slowest2!),
      },
      fanOut4: {
        slowest: fan.slowest4,
        parallax: fan.parallax4,
        ratio: ratio(fan.parallax4!, fan.slowest4!),
      },
    };
    console.table({
      'instant (1 env)': {
        direct_p50: small.direct?.p50,
        parallax_p50: small.parallax?.p50,
        ...prefixed(result.instant.ratio),
      },
      'range 1h x6 (1 env)': {
        direct_p50: big.direct?.p50,
        parallax_p50: big.parallax?.p50,
        ...prefixed(result.range1h6series.ratio),
      },
      'fan-out 2 envs': {
        direct_p50: fan.slowest2?.p50,
        parallax_p50: fan.parallax2?.p50,
        ...prefixed(result.fanOut2.ratio),
      },
      'fan-out 4 envs': {
        direct_p50: fan.slowest4?.p50,
        parallax_p50: fan.parallax4?.p50,
        ...prefixed(result.fanOut4.ratio),
      },
    });
    console.log(JSON.stringify(result));
  } finally {
    [g1, g2, g4].forEach((g) => g.close());
    await Promise.all(proms.map((x) => x.stop()));
  }
}

const prefixed = (r: { p50: number; p99: number }) => ({ ratio_p50: r.p50, ratio_p99: r.p99 });

await main();

/**
 * Parallax vs direct Prometheus, side by side in one run: p50/p99 of a 1 h range query over 6 series
 * and a tiny instant query through the gateway (one env) vs the same query on that Prometheus, and
 * fan-out over 2 and 4 envs vs the slowest single env. Run: npm run bench -- prometheus
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import {
  freePort,
  httpOk,
  startProcess,
  startPrometheus,
  waitReady,
  type PromSample,
  type RunningPrometheus,
} from '../test/harness/index.js';
import { percentile, round, timed } from './stats.js';
import { startThanosQuery, thanosAvailable } from './peers/thanos.js';

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

/** Parallax as deployed: its own process (node + the compiled-on-the-fly source), like Thanos and Prometheus. */
async function gateway(proms: RunningPrometheus[]): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const envs = proms.map((p, i) => `  - name: env${i + 1}\n    prometheus: { url: "${p.url}" }\n`).join('');
  const dir = await mkdtemp(join(tmpdir(), 'parallax-bench-'));
  await writeFile(join(dir, 'p.yaml'), `server: { port: ${port}, logLevel: warn }\nenvs:\n${envs}`);
  const proc = startProcess('parallax', process.execPath, [
    '--import',
    'tsx',
    'src/main.ts',
    '--config',
    join(dir, 'p.yaml'),
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/healthz`), 60_000);
  return { url, close: () => proc.stop() };
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

type Stat = { p50: number; p99: number };
const ratio = (a: Stat | undefined, b: Stat | undefined): Stat =>
  a && b ? { p50: round(a.p50 / b.p50), p99: round(a.p99 / b.p99) } : { p50: NaN, p99: NaN };

async function main(): Promise<void> {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const start = end - 3_600_000;
  // External labels are for the Thanos sidecars; Prometheus' query API never returns them.
  const proms = await Promise.all(
    [1, 2, 3, 4].map((i) =>
      startPrometheus(`bench${i}`, samples(i, start, end), { env: `env${i}`, replica: '0' }),
    ),
  );
  const [g1, g2, g4] = await Promise.all([
    gateway(proms.slice(0, 1)),
    gateway(proms.slice(0, 2)),
    gateway(proms),
  ]);
  const peers = thanosAvailable()
    ? await Promise.all([
        startThanosQuery(proms.slice(0, 1)),
        startThanosQuery(proms.slice(0, 2)),
        startThanosQuery(proms),
      ])
    : [];
  if (peers.length === 0)
    console.log('thanos: not built (bash scripts/backends/thanos.sh), peer column skipped');
  const range = { query: 'bench_gauge', start: String(start / 1000), end: String(end / 1000), step: '15' };
  const instant = { query: 'bench_gauge{instance="i1"}', time: String(end / 1000) };
  const p = proms.map((x) => x.url);
  const [t1, t2, t4] = peers.map((x) => x.url);
  const peer = (url: string | undefined, path: string, params: Record<string, string>) =>
    url ? { thanos: () => get(url, path, params) } : {};
  try {
    const slowest = (urls: string[]) => async () =>
      void (await Promise.all(urls.map((u) => get(u, '/api/v1/query_range', range))));
    const rows = {
      'instant (1 env)': await race({
        direct: () => get(p[0] as string, '/api/v1/query', instant),
        parallax: () => get(g1.url, '/api/v1/query', instant),
        ...peer(t1, '/api/v1/query', instant),
      }),
      'range 1h x6 (1 env)': await race({
        direct: () => get(p[0] as string, '/api/v1/query_range', range),
        parallax: () => get(g1.url, '/api/v1/query_range', range),
        ...peer(t1, '/api/v1/query_range', range),
      }),
      'fan-out 2 envs': await race({
        direct: slowest(p.slice(0, 2)),
        parallax: () => get(g2.url, '/api/v1/query_range', range),
        ...peer(t2, '/api/v1/query_range', range),
      }),
      'fan-out 4 envs': await race({
        direct: slowest(p),
        parallax: () => get(g4.url, '/api/v1/query_range', range),
        ...peer(t4, '/api/v1/query_range', range),
      }),
    };
    const table = Object.fromEntries(
      Object.entries(rows).map(([name, r]) => [
        name,
        {
          direct_p50: r.direct?.p50,
          parallax_p50: r.parallax?.p50,
          parallax_ratio_p50: ratio(r.parallax, r.direct).p50,
          parallax_ratio_p99: ratio(r.parallax, r.direct).p99,
          ...(r.thanos
            ? {
                thanos_p50: r.thanos.p50,
                thanos_ratio_p50: ratio(r.thanos, r.direct).p50,
                thanos_ratio_p99: ratio(r.thanos, r.direct).p99,
              }
            : {}),
        },
      ]),
    );
    console.log(
      'direct = the Prometheus queried directly (fan-out: all envs in parallel, i.e. the slowest one)',
    );
    console.table(table);
    console.log(JSON.stringify({ bench: 'prometheus', n: N, rows }));
  } finally {
    await Promise.all([g1, g2, g4].map((g) => g.close()));
    await Promise.all(peers.map((x) => x.stop()));
    await Promise.all(proms.map((x) => x.stop()));
  }
}

await main();

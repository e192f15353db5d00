/**
 * Soak / load: mixed traffic at SOAK_RPS (default 200 req/s) for SOAK_SECONDS (default 60; the issue's
 * soak is SOAK_SECONDS=1800) against Parallax as its own process over two real Prometheus envs, with
 * access control on (a static token per request). Every 10 s: gateway RSS, p50/p99, errors.
 * Run: npm run bench -- soak
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { sha256Hex } from '../src/access/index.js';
import {
  freePort,
  httpOk,
  startProcess,
  startPrometheus,
  waitReady,
  type PromSample,
} from '../test/harness/index.js';
import { percentile, round } from './stats.js';

const RPS = Number(process.env.SOAK_RPS ?? 200);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const TOKEN = 'soak-token-0123456789abcdef';
const now = Math.floor(Date.now() / 60_000) * 60_000;

function samples(env: number): PromSample[] {
  const out: PromSample[] = [];
  for (let i = 1; i <= 6; i++)
    for (let t = now - 2 * 3600_000; t <= now; t += 15_000)
      out.push({ name: 'soak_gauge', labels: { instance: `i${i}` }, t, v: (env * i * t) % 997 });
  return out;
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

const s = (ms: number): string => String(ms / 1000);
const MIX: Array<{ path: string; body?: string }> = [
  { path: `/api/v1/query?query=${encodeURIComponent('sum by (env) (soak_gauge)')}&time=${s(now)}` },
  {
    path: `/api/v1/query_range?query=${encodeURIComponent('soak_gauge{env=~"e.*"}')}&start=${s(now - 3600_000)}&end=${s(now)}&step=60`,
  },
  { path: '/api/v1/label/instance/values' },
  {
    path: '/graphql',
    body: JSON.stringify({
      query: `{ queryRange(query: "max(soak_gauge)", range: { start: "${s(now - 3600_000)}", end: "${s(now)}", step: "1m" }) { envs series { points { value } } } }`,
    }),
  },
  { path: '/graphql', body: JSON.stringify({ query: '{ envs { name } }' }) },
];

async function main(): Promise<void> {
  const proms = await Promise.all([
    startPrometheus('soak1', samples(1)),
    startPrometheus('soak2', samples(2)),
  ]);
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'parallax-soak-'));
  const envs = proms.map((p, i) => `  - name: e${i + 1}\n    prometheus: { url: "${p.url}" }\n`).join('');
  await writeFile(
    join(dir, 'p.yaml'),
    `server: { port: ${port}, logLevel: warn }\naccess:\n  roles: { all: { envs: ["*"] } }\n  tokens: [{ name: soak, sha256: "${sha256Hex(TOKEN)}", roles: [all] }]\nenvs:\n${envs}`,
  );
  const gw = startProcess('parallax', process.execPath, [
    '--import',
    'tsx',
    'src/main.ts',
    '--config',
    join(dir, 'p.yaml'),
  ]);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(gw, () => httpOk(`${base}/healthz`), 60_000);
  const pid = gw.proc.pid ?? 0;

  let lat: number[] = [];
  let errors = 0;
  let sent = 0;
  let totalErrors = 0;
  const one = async (i: number): Promise<void> => {
    const m = MIX[i % MIX.length] ?? MIX[0];
    if (!m) return;
    const t0 = performance.now();
    try {
      const res = await request(`${base}${m.path}`, {
        method: m.body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(m.body ? { body: m.body } : {}),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.includes('"errors"') || text.includes('"warnings":["')) errors++;
    } catch {
      errors++;
    }
    lat.push(performance.now() - t0);
  };

  // warm up
  for (let i = 0; i < 100; i++) await one(i);
  lat = [];
  errors = 0;
  const rss0 = rssMb(pid);
  const rows: Array<Record<string, number>> = [];
  const started = performance.now();
  const inflight = new Set<Promise<void>>();
  let nextReport = 10_000;
  while (performance.now() - started < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * RPS);
    while (sent < due) {
      const p = one(sent++).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    if (performance.now() - started >= nextReport) {
      rows.push({
        t_s: round(nextReport / 1000, 0),
        rss_mb: round(rssMb(pid), 1),
        req: lat.length,
        p50_ms: round(percentile(lat, 50)),
        p99_ms: round(percentile(lat, 99)),
        errors,
      });
      totalErrors += errors;
      lat = [];
      errors = 0;
      nextReport += 10_000;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(inflight);
  console.table(rows);
  const rssEnd = rssMb(pid);
  console.log(
    `soak: ${sent} requests at ${RPS} req/s for ${SECONDS} s; RSS ${round(rss0, 1)} -> ${round(rssEnd, 1)} MB (${round(((rssEnd - rss0) / rss0) * 100, 1)}%), ${totalErrors} errors`,
  );
  await gw.stop();
  await Promise.all(proms.map((p) => p.stop()));
}

await main();

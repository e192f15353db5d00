/**
 * Soak (never in CI): `SOAK_MINUTES=30 npx tsx bench/soak.ts`. Real Prometheus, Jaeger and
 * Elasticsearch, the gateway as its own process, mixed traffic (Prometheus API, Jaeger API, GraphQL
 * logs) from SOAK_WORKERS loops, a config reload (SIGHUP) every SOAK_RELOAD_S seconds and a fault
 * flipped every SOAK_FAULT_S seconds on the `flaky` env's Prometheus (ok, connection reset, HTTP 500,
 * slower than its timeout). Prints the gateway's RSS, open fds and sockets per backend over time.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { imageMmapThreshold } from '../test/harness/index.js';
import { startGateway } from '../test/stability/gateway-process.js';
import { fdCount, portOf, rssBytes, socketsTo } from '../test/stability/proc.js';
import { LOG_LINES, SERVICE, T0, startWorld, worldConfig, type World } from '../test/stability/world.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const RELOAD_S = Number(process.env.SOAK_RELOAD_S ?? 60);
const FAULT_S = Number(process.env.SOAK_FAULT_S ?? 10);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 30);

const FAULTS = ['ok', 'reset', 'http500', 'slow'] as const;
type Fault = (typeof FAULTS)[number];

/** A proxy to the real Prometheus whose behaviour is flipped from outside. */
async function faultProxy(
  target: string,
): Promise<{ url: string; set: (f: Fault) => void; close: () => void }> {
  let fault: Fault = 'ok';
  const upstream = new URL(target);
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };
  const server = createServer((req, res) => {
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'http500') return void res.writeHead(500).end('injected');
    if (fault === 'slow') return void setTimeout(() => forward(req, res), 2500);
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (f) => (fault = f),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function config(w: World, flakyUrl: string, generation: number): string {
  const flaky = `  - name: flaky
    prometheus: { url: "${flakyUrl}", timeout: 2s }
    logs: { kind: elasticsearch, url: "${w.es.url}", index: logs-stab, version: 9 }
`;
  // Alternate a timeout so every reload really changes the envs (new clients each time).
  return worldConfig(w, generation % 2 === 0 ? '10s' : '11s', flaky).replace(
    'federation: { deadline: 10s }',
    'federation: { deadline: 5s, breakerThreshold: 5, breakerCooldown: 15s }',
  );
}

const range = { start: new Date(T0 - 60_000).toISOString(), end: new Date(T0 + 60_000).toISOString() };
const CALLS: Array<(gw: string) => Promise<number>> = [
  async (gw) => (await fetch(`${gw}/api/v1/query?query=stab_value&time=${T0 / 1000}`).then(drain)).status,
  async (gw) => (await fetch(`${gw}/api/services`).then(drain)).status,
  async (gw) => {
    const query = `{ logs(service: "${SERVICE}", range: { start: "${range.start}", end: "${range.end}" }) { records { env } } }`;
    const res = await fetch(`${gw}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: { logs?: { records: unknown[] } } };
    // a, b and flaky all hold the same index: 3 x LOG_LINES when every env answered
    return body.data?.logs?.records.length === 3 * LOG_LINES ? res.status : 599;
  },
];

/** The gateway's own JS heap in use, from its /metrics (Node's process metrics). */
async function heapUsed(gw: string): Promise<string> {
  const text = await fetch(`${gw}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const m = /^parallax_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return m?.[1] ? mib(Number(m[1])) : '?';
}

async function drain(res: Response): Promise<Response> {
  await res.arrayBuffer();
  return res;
}

const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const world = await startWorld();
  const dir = mkdtempSync(join(tmpdir(), 'parallax-soak-'));
  const proxy = await faultProxy(world.prom.url);
  let generation = 0;
  // Run as the Dockerfile runs it (README, Operations: memory) unless the caller set it otherwise.
  process.env.MALLOC_MMAP_THRESHOLD_ ??= imageMmapThreshold();
  const gw = await startGateway(join(dir, 'soak.yaml'), config(world, proxy.url, generation));
  const ports = {
    prometheus: portOf(world.prom.url),
    jaeger: portOf(world.jaeger.queryUrl),
    elasticsearch: portOf(world.es.url),
    flaky: portOf(proxy.url),
  };
  const statuses = new Map<string, number>();
  let calls = 0;
  let running = true;
  const loops = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = w; running; i++) {
      const status = await (CALLS[i % CALLS.length] as (gw: string) => Promise<number>)(gw.url).catch(
        () => -1,
      );
      const key = `${i % CALLS.length}:${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      calls++;
    }
  });
  const started = Date.now();
  const rows: string[][] = [];
  const sample = async (): Promise<void> => {
    const s = socketsTo(gw.pid, Object.values(ports));
    const heap = await heapUsed(gw.url);
    rows.push([
      ((Date.now() - started) / 60_000).toFixed(1),
      mib(rssBytes(gw.pid)),
      heap,
      String(fdCount(gw.pid)),
      String(s[ports.prometheus]),
      String(s[ports.jaeger]),
      String(s[ports.elasticsearch]),
      String(s[ports.flaky]),
      String(generation),
      String(calls),
    ]);
    console.log(rows[rows.length - 1]?.join('\t'));
  };
  console.log(
    `soak: ${MINUTES} min, ${WORKERS} workers, reload every ${RELOAD_S} s, fault flip every ${FAULT_S} s`,
  );
  console.log(
    [
      'min',
      'rss MiB',
      'heap MiB',
      'fds',
      'sock prom',
      'sock jaeger',
      'sock es',
      'sock flaky',
      'reloads',
      'calls',
    ].join('\t'),
  );
  await sample();
  let fault = 0;
  const faultTimer = setInterval(() => proxy.set(FAULTS[++fault % FAULTS.length] as Fault), FAULT_S * 1000);
  const reloadTimer = setInterval(
    () => void gw.reload(config(world, proxy.url, ++generation)),
    RELOAD_S * 1000,
  );
  const sampleTimer = setInterval(() => void sample(), SAMPLE_S * 1000);
  await sleep(MINUTES * 60_000);
  clearInterval(faultTimer);
  clearInterval(reloadTimer);
  clearInterval(sampleTimer);
  proxy.set('ok');
  running = false;
  await Promise.all(loops);
  await sleep(2000);
  await sample();
  const surfaces = ['prometheus', 'jaeger', 'graphql logs'];
  const summary = [...statuses].sort().map(([k, n]) => {
    const [i, status] = k.split(':');
    return `${surfaces[Number(i)]} ${status}: ${n}`;
  });
  console.log(
    `calls by surface and status (599 = GraphQL logs answer incomplete, -1 = no answer):\n  ${summary.join('\n  ')}`,
  );
  const rss = rows.map((r) => Number(r[1]));
  console.log(
    `rss MiB first ${rss[0]}, max ${Math.max(...rss)}, last ${rss[rss.length - 1]}; fds first ${rows[0]?.[3]}, last ${rows[rows.length - 1]?.[3]}`,
  );
  await gw.stop();
  proxy.close();
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

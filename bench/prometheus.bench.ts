/**
 * Parallax vs direct Prometheus, Thanos Query and Promxy, side by side in one run, each gateway its own
 * process: p50/p99 (sequential) and req/s at concurrency 8 per case, as ratios to direct Prometheus;
 * the answers checked against a single Prometheus holding all the data; peak RSS under 50 concurrent
 * large range queries. Run: npm run bench -- prometheus   (BENCH_N, BENCH_BURST_MS scale it)
 */
import { call, type Params } from './prom/client.js';
import { runChecks } from './prom/checks.js';
import { measureRow, peakRss, type Call, type Memory, type RowPlan, type Stat } from './prom/measure.js';
import { checksTable, memoryTable, statsTable } from './prom/table.js';
import { startTopology, type Peer, type Topology, type View } from './prom/topology.js';
import { startParallax } from './peers/parallax.js';
import { promxyAvailable, promxyMissingReason, startPromxy } from './peers/promxy.js';
import { startThanosQuery, thanosAvailable } from './peers/thanos.js';
import type { Gateway } from './peers/gateway.js';

const N = Number(process.env.BENCH_N ?? 200);
const BURST_MS = Number(process.env.BENCH_BURST_MS ?? 1000);
const CONCURRENCY = 8;
const RSS_CONCURRENT = 50;
const PEERS: Peer[] = ['parallax', 'parallax, cache off', 'thanos', 'promxy'];

interface Case {
  view: View;
  path: string;
  params: Params;
  /** the direct baseline: one Prometheus, or all of a fan-out's envs at once (= the slowest) */
  direct: Call;
  heavy?: boolean;
}

function cases(t: Topology): Record<string, Case> {
  const [s, e] = [String(t.window.start / 1000), String(t.window.end / 1000)];
  const range = { query: 'bench_gauge', start: s, end: e, step: '15' };
  const instant = { query: 'bench_gauge{instance="i1"}', time: e };
  const matrix = { query: 'bench_wide', start: s, end: e, step: '60' };
  const qr = '/api/v1/query_range';
  const one = (url: string, path: string, p: Params): Call => call(url, path, p);
  const all = (urls: string[]): Call => {
    const calls = urls.map((u) => call(u, qr, range));
    return async () => void (await Promise.all(calls.map((c) => c())));
  };
  const urls = t.envs.map((p) => p.url);
  return {
    'instant, 1 series': {
      view: 'one',
      path: '/api/v1/query',
      params: instant,
      direct: one(urls[0]!, '/api/v1/query', instant),
    },
    'range 1h x 6 series': { view: 'one', path: qr, params: range, direct: one(urls[0]!, qr, range) },
    'range 1h x 6, HA pair with gaps': {
      view: 'ha',
      path: qr,
      params: range,
      direct: one(t.truth.url, qr, range),
    },
    'range 1h x 6, HA pair healthy': {
      view: 'ha-healthy',
      path: qr,
      params: range,
      direct: one(t.truth.url, qr, range),
    },
    'fan-out 2 envs (1h x 6 each)': { view: 'two', path: qr, params: range, direct: all(urls.slice(0, 2)) },
    'fan-out 4 envs (1h x 6 each)': { view: 'four', path: qr, params: range, direct: all(urls) },
    'matrix 5,000 series x 61 points': {
      view: 'one',
      path: qr,
      params: matrix,
      direct: one(urls[0]!, qr, matrix),
      heavy: true,
    },
    'matrix 5,000 series, HA pair, 1 series gapped': {
      view: 'ha-wide',
      path: qr,
      params: matrix,
      direct: one(urls[0]!, qr, matrix),
      heavy: true,
    },
  };
}

function plan(t: Topology, c: Case): RowPlan {
  const contenders: Record<string, Call> = { direct: c.direct };
  for (const peer of PEERS) {
    const g = t.gateways[peer]?.[c.view];
    if (g) contenders[peer] = call(g.url, c.path, c.params);
  }
  return {
    contenders,
    n: c.heavy ? Math.max(5, Math.round(N / 10)) : N,
    warmup: c.heavy ? 3 : Math.max(10, Math.round(N / 5)),
    burstMs: c.heavy ? 2 * BURST_MS : BURST_MS,
    rounds: 2,
    concurrency: CONCURRENCY,
  };
}

/**
 * Fresh processes over env1 (so VmHWM is this load's), hit by 50 concurrent 5,000-series range queries.
 * Parallax gets 120 s limits so every query completes as it does through Thanos: memory of finished work.
 */
async function memory(t: Topology, c: Case): Promise<Record<string, Memory>> {
  const starters: [string, () => Promise<Gateway>][] = [
    ['parallax', () => startParallax(t.targets.one, 'rss', { deadline: '120s', timeout: '120s' })],
  ];
  const sidecar = t.sidecars.get(t.envs[0]!.url);
  if (sidecar) starters.push(['thanos query', () => startThanosQuery([sidecar], 'rss')]);
  if (promxyAvailable()) starters.push(['promxy', () => startPromxy(t.targets.one, 'rss')]);
  const out: Record<string, Memory> = {};
  for (const [name, start] of starters) {
    const g = await start();
    try {
      out[name] = await peakRss(g.pid, call(g.url, c.path, c.params), RSS_CONCURRENT, 1);
    } finally {
      await g.stop();
    }
  }
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const topo = await startTopology();
  try {
    if (!thanosAvailable())
      console.log('thanos: not built (bash scripts/backends/thanos.sh); its rows are skipped');
    if (!promxyAvailable()) console.log(`promxy: ${promxyMissingReason()}; its rows are skipped`);
    const checks = await runChecks(topo);
    const all = cases(topo);
    const rows: Record<string, Record<string, Stat>> = {};
    for (const [name, c] of Object.entries(all)) {
      rows[name] = await measureRow(plan(topo, c));
      console.error(`bench: ${name} done (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    const mem = await memory(topo, all['matrix 5,000 series x 61 points']!);
    console.log(
      `\nn=${N} sequential per contender (heavy row n/10), throughput: ${CONCURRENCY} concurrent, 2 x ${BURST_MS} ms bursts`,
    );
    console.log(
      'direct = that Prometheus queried directly; fan-out: all envs queried directly in parallel (the slowest)\n',
    );
    console.log(statsTable(rows));
    console.log(
      `\nPeak RSS, ${RSS_CONCURRENT} concurrent 5,000-series x 61-point range queries at once, fresh process (Parallax deadline and backend timeout 120 s):\n`,
    );
    console.log(memoryTable(mem, 'fresh, env1'));
    console.log(
      '\nAnswers on the HA pair (replica a misses +15m..+25m, b misses +35m..+45m) and the fan-out:\n',
    );
    console.log(checksTable(checks));
    console.log(`\nbench took ${Math.round((Date.now() - t0) / 1000)} s`);
    console.log(JSON.stringify({ bench: 'prometheus', n: N, rows, memory: mem, checks }));
  } finally {
    await topo.stop();
  }
}

await main();

/**
 * The Grafana plugin's query path against the same GraphQL call made directly: `npm run bench -- grafana`.
 * Starts the compare world and the plugin in headless Chromium (test/grafana/world.ts), then measures,
 * interleaved, N of each: (1) the GraphQL POST from Node straight to the gateway, (2) the same POST from
 * the browser through the Grafana stand-in's data proxy route, (3) the plugin's DataSource.query (the
 * same POST plus interpolation and DataFrames). Prints p50/p99 and ratios to (1).
 */
import { SIGNALS, MIGRATION } from '../grafana-plugin/src/queries.js';
import { T0, T1 } from '../test/compare/data.js';
import { TOKEN, startPluginWorld, type Target } from '../test/grafana/world.js';
import { percentile, round, timed } from './stats.js';

const N = Number(process.env.BENCH_N ?? 50);
const WARMUP = 5;
const RANGE = { start: new Date(T0).toISOString(), end: new Date(T1).toISOString(), step: '60s' };

interface Case {
  name: string;
  doc: string;
  variables: Record<string, unknown>;
  target: Target;
}

const CASES: Case[] = [
  {
    name: 'signals (3 signals x 2 envs, 1 h)',
    doc: SIGNALS,
    variables: {
      service: 'lat-api',
      range: RANGE,
      envs: ['kr-vm', 'kr-k8s'],
      signals: ['LATENCY_P50', 'REQUEST_RATE', 'ERROR_RATIO'],
    },
    target: {
      refId: 'A',
      queryType: 'signals',
      service: 'lat-api',
      envs: ['kr-vm', 'kr-k8s'],
      signals: ['LATENCY_P50', 'REQUEST_RATE', 'ERROR_RATIO'],
    },
  },
  {
    name: 'migration table (full compare, 1 h)',
    doc: MIGRATION,
    variables: { service: 'lat-api', range: RANGE, baseline: ['kr-vm'], candidate: ['kr-k8s'] },
    target: {
      refId: 'A',
      queryType: 'migration',
      service: 'lat-api',
      baseline: ['kr-vm'],
      candidate: ['kr-k8s'],
    },
  },
];

const w = await startPluginWorld();
try {
  const rows: string[] = [];
  for (const c of CASES) {
    const body = JSON.stringify({ query: c.doc, variables: c.variables });
    const direct = () =>
      fetch(`${w.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body,
      }).then((r) => r.json());
    const proxied = () =>
      w.page.evaluate(
        (b) =>
          fetch('/api/datasources/proxy/uid/parallax/parallax/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: b,
          }).then((r) => r.json() as Promise<unknown>),
        body,
      );
    const plugin = () => w.query([c.target], {}, { from: T0, to: T1 });
    const runs = { direct, proxied, plugin };
    const samples: Record<keyof typeof runs, number[]> = { direct: [], proxied: [], plugin: [] };
    for (let i = 0; i < WARMUP + N; i++)
      for (const [k, run] of Object.entries(runs) as Array<[keyof typeof runs, () => Promise<unknown>]>) {
        const ms = await timed(run);
        if (i >= WARMUP) samples[k].push(ms);
      }
    const p50 = (k: keyof typeof runs) => percentile(samples[k], 50);
    const p99 = (k: keyof typeof runs) => percentile(samples[k], 99);
    const cell = (k: keyof typeof runs) =>
      `${round(p50(k), 1)} ms / ${round(p99(k), 1)} ms (${round(p50(k) / p50('direct'), 2)}x)`;
    rows.push(`| ${c.name} | ${cell('direct')} | ${cell('proxied')} | ${cell('plugin')} |`);
  }
  console.log(`N=${N} per path, p50 / p99 (ratio of p50 to direct)`);
  console.log('| query | GraphQL from Node | browser via data proxy | plugin DataSource.query |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await w.stop();
}

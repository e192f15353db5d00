/**
 * Trace search through Parallax vs directly on Jaeger, same server, same search, one run:
 * `npx tsx bench/traces.bench.ts`. Starts its own Jaeger v2, loads the demo workload, warms up, then
 * measures N sequential searches per path. Goal: gateway p50/p99 <= 1.2x direct.
 */
import os from 'node:os';
import { Agent, request } from 'undici';
import { jaegerApi } from '../src/api/jaeger/index.js';
import { sendDemoSpans } from '../demo/traces.js';
import { startJaeger, waitSearchable } from '../test/harness/jaeger.js';
import { traceService } from '../test/traces/fixtures.js';

const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 30;
const LIMIT = 20;
const SERVICE = 'payment-api';

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8 });

async function directJson(url: string): Promise<unknown> {
  const res = await request(url, { dispatcher: agent });
  return res.body.json();
}

/** Nearest rank. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

type Run = () => Promise<number>;
interface Stat {
  name: string;
  p50: number;
  p99: number;
}

async function timeOne(name: string, run: Run): Promise<number> {
  const t0 = performance.now();
  const count = await run();
  const ms = performance.now() - t0;
  if (count !== LIMIT) throw new Error(`${name}: expected ${LIMIT} traces, got ${count}`);
  return ms;
}

/** Runs the paths interleaved (a, b, a, b ...) so load changes on a shared machine hit them alike. */
async function measure(paths: [string, Run][]): Promise<Stat[]> {
  for (let i = 0; i < WARMUP; i++) for (const [name, run] of paths) await timeOne(name, run);
  const times = paths.map((): number[] => []);
  for (let i = 0; i < N; i++) {
    for (const [k, [name, run]] of paths.entries()) times[k]?.push(await timeOne(name, run));
  }
  return paths.map(([name], k) => {
    const sorted = (times[k] ?? []).sort((a, b) => a - b);
    return { name, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  });
}

const countOf = (body: unknown, key: 'data' | 'result'): number => {
  const value = (body as Record<string, unknown>)[key];
  if (key === 'data') return Array.isArray(value) ? value.length : -1;
  const spans = (value as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] })
    .resourceSpans;
  return new Set(spans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.traceId)))).size;
};

async function main(): Promise<void> {
  const jaeger = await startJaeger('jaeger-bench');
  try {
    const end = Date.now();
    const start = end - 3_600_000;
    await sendDemoSpans(
      { 'kr-vm': jaeger.otlpUrl },
      { services: [SERVICE], start, end, tracesPerService: 300 },
    );
    await waitSearchable(jaeger.queryUrl, SERVICE, 300);

    const legacyApp = jaegerApi(traceService([{ name: 'kr-vm', url: jaeger.queryUrl, api: 'legacy' }]));
    const autoApp = jaegerApi(traceService([{ name: 'kr-vm', url: jaeger.queryUrl, api: 'auto' }]));
    const v3Service = traceService([{ name: 'kr-vm', url: jaeger.queryUrl, api: 'v3' }]);
    const legacyQs = new URLSearchParams({
      service: SERVICE,
      start: String(start * 1000),
      end: String(end * 1000),
      limit: String(LIMIT),
    });
    const v3Qs = new URLSearchParams({
      'query.service_name': SERVICE,
      'query.start_time_min': new Date(start).toISOString(),
      'query.start_time_max': new Date(end).toISOString(),
      'query.num_traces': String(LIMIT),
    });
    const viaApp = (app: typeof legacyApp) => async () => {
      const res = await app.request(`/api/traces?${legacyQs}`);
      return countOf(await res.json(), 'data');
    };

    const results = await measure([
      [
        'direct legacy /api/traces',
        async () => countOf(await directJson(`${jaeger.queryUrl}/api/traces?${legacyQs}`), 'data'),
      ],
      ['parallax jaegerApi /api/traces (legacy env)', viaApp(legacyApp)],
      ['parallax jaegerApi /api/traces (auto env)', viaApp(autoApp)],
      [
        'direct api_v3 /api/v3/traces',
        async () => countOf(await directJson(`${jaeger.queryUrl}/api/v3/traces?${v3Qs}`), 'result'),
      ],
      [
        'parallax TraceService.search (v3 env)',
        async () => {
          const res = await v3Service.search({
            service: SERVICE,
            startMs: start,
            endMs: end,
            limit: LIMIT,
            order: 'NEWEST',
          });
          return res.data.length;
        },
      ],
    ]);

    for (const r of results)
      console.log(`${r.name.padEnd(46)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
    const [dLegacy, gLegacy, gAuto, dV3, gV3] = results as [Stat, Stat, Stat, Stat, Stat];
    const ratio = (g: Stat, d: Stat) => ({
      p50: Number((g.p50 / d.p50).toFixed(3)),
      p99: Number((g.p99 / d.p99).toFixed(3)),
    });
    const jaegerApiRatio = ratio(gLegacy, dLegacy);
    const autoRatio = ratio(gAuto, dLegacy);
    const serviceRatio = ratio(gV3, dV3);
    console.log(
      `ratio jaegerApi(legacy env)/direct legacy: p50 ${jaegerApiRatio.p50}x p99 ${jaegerApiRatio.p99}x (goal <= 1.2)`,
    );
    console.log(
      `ratio jaegerApi(auto env)/direct legacy:   p50 ${autoRatio.p50}x p99 ${autoRatio.p99}x (goal <= 1.2)`,
    );
    console.log(
      `ratio TraceService(v3)/direct v3:          p50 ${serviceRatio.p50}x p99 ${serviceRatio.p99}x`,
    );
    console.log(
      JSON.stringify({
        bench: 'traces.search',
        n: N,
        limit: LIMIT,
        results: results.map((r) => ({
          name: r.name,
          p50Ms: Number(r.p50.toFixed(3)),
          p99Ms: Number(r.p99.toFixed(3)),
        })),
        ratio: {
          jaegerApiLegacyEnv: jaegerApiRatio,
          jaegerApiAutoEnv: autoRatio,
          traceServiceV3: serviceRatio,
        },
        loadavg: os.loadavg()[0],
      }),
    );
  } finally {
    await jaeger.stop();
    await agent.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

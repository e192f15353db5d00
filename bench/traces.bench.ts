/**
 * Trace search through Parallax vs directly on Jaeger, same server, same search, one run:
 * `npx tsx bench/traces.bench.ts`. Starts its own Jaeger v2, loads the demo workload, warms up, then
 * measures N sequential searches per path. Goal: gateway p50/p99 <= 1.2x direct.
 */
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

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(
  name: string,
  run: () => Promise<number>,
): Promise<{ name: string; p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const count = await run();
    times.push(performance.now() - t0);
    if (count !== LIMIT) throw new Error(`${name}: expected ${LIMIT} traces, got ${count}`);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
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

    const results = [];
    results.push(
      await measure('direct legacy /api/traces', async () =>
        countOf(await directJson(`${jaeger.queryUrl}/api/traces?${legacyQs}`), 'data'),
      ),
    );
    results.push(
      await measure('parallax jaegerApi /api/traces (legacy env)', async () => {
        const res = await legacyApp.request(`/api/traces?${legacyQs}`);
        return countOf(await res.json(), 'data');
      }),
    );
    results.push(
      await measure('direct api_v3 /api/v3/traces', async () =>
        countOf(await directJson(`${jaeger.queryUrl}/api/v3/traces?${v3Qs}`), 'result'),
      ),
    );
    results.push(
      await measure('parallax TraceService.search (v3 env)', async () => {
        const res = await v3Service.search({
          service: SERVICE,
          startMs: start,
          endMs: end,
          limit: LIMIT,
          order: 'NEWEST',
        });
        return res.data.length;
      }),
    );

    for (const r of results)
      console.log(`${r.name.padEnd(46)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
    const [dLegacy, gLegacy, dV3, gV3] = results as [
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
      (typeof results)[0],
    ];
    const ratio = (g: { p50: number; p99: number }, d: { p50: number; p99: number }) => ({
      p50: Number((g.p50 / d.p50).toFixed(3)),
      p99: Number((g.p99 / d.p99).toFixed(3)),
    });
    const jaegerApiRatio = ratio(gLegacy, dLegacy);
    const serviceRatio = ratio(gV3, dV3);
    console.log(
      `ratio jaegerApi/direct: p50 ${jaegerApiRatio.p50}x p99 ${jaegerApiRatio.p99}x (goal <= 1.2)`,
    );
    console.log(`ratio TraceService(v3)/direct v3: p50 ${serviceRatio.p50}x p99 ${serviceRatio.p99}x`);
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
        ratio: { jaegerApi: jaegerApiRatio, traceServiceV3: serviceRatio },
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

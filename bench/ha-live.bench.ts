/**
 * A live dashboard over an HA pair whose replicas have different gaps: a step-aligned range that
 * ends at "now" (moving every 15 s, so no whole answer is ever cached), through Parallax with its
 * caches on (the settled points of the last answer are kept and only the rest is asked for; the
 * freshness probe re-reads only raw samples newer than the settled ones it keeps) and off, beside
 * one Prometheus holding the complete data. Run: npm run bench -- ha-live   (HA_LIVE_HOURS, BENCH_N)
 */
import { startPrometheus } from '../test/harness/index.js';
import { startParallax } from './peers/parallax.js';
import { startSidecar, startThanosQuery, thanosAvailable } from './peers/thanos.js';
import { answer, call } from './prom/client.js';
import { counters, gauges } from './prom/data.js';
import { warmUp } from './prom/measure.js';
import { percentile, round } from './stats.js';

const MIN = 60_000;
const HOURS = Number(process.env.HA_LIVE_HOURS ?? 6);
const N = Number(process.env.BENCH_N ?? 150);
const QUERY = 'sum(rate(bench_requests_total[5m]))';

async function main(): Promise<void> {
  const end = Math.floor(Date.now() / MIN) * MIN;
  const w = { start: end - HOURS * 60 * MIN, end };
  const gapA = { start: w.start + 15 * MIN, end: w.start + 25 * MIN };
  const gapB = { start: w.start + 35 * MIN, end: w.start + 45 * MIN };
  const data = (gaps: (typeof gapA)[]) => [...gauges(5, w, gaps), ...counters(w, gaps)];
  const [a, b, truth] = await Promise.all([
    // External labels are for Thanos' sidecars (dedup by `replica`); Prometheus' API never shows them.
    startPrometheus('live-a', data([gapA]), { env: 'ha', replica: 'a' }),
    startPrometheus('live-b', data([gapB]), { env: 'ha', replica: 'b' }),
    startPrometheus('live-truth', data([])),
  ]);
  const pair = [{ name: 'ha', urls: [a.url, b.url] }];
  const on = await startParallax(pair, 'live cache on');
  const off = await startParallax(pair, 'live cache off', undefined, { cache: false });
  const sidecars = thanosAvailable()
    ? await Promise.all([startSidecar(a, 'live-a'), startSidecar(b, 'live-b')])
    : [];
  const thanos = sidecars.length ? await startThanosQuery(sidecars, 'live') : undefined;
  try {
    // Grafana aligns start and end to the step: the grid stays, the window moves every 15 s.
    const window = () => {
      const now = Math.floor(Date.now() / 15_000) * 15;
      return { query: QUERY, start: String(now - HOURS * 3600), end: String(now), step: '15' };
    };
    const live = (url: string) => () => call(url, '/api/v1/query_range', window())();
    const contenders = {
      direct: live(truth.url),
      'parallax, cache on': live(on.url),
      'parallax, cache off': live(off.url),
      ...(thanos ? { 'thanos query': live(thanos.url) } : {}),
    };
    await warmUp(contenders, 8, 1000);
    const times: Record<string, number[]> = {};
    for (let i = 0; i < N + 20; i++) {
      for (const [name, f] of Object.entries(contenders)) {
        const t0 = performance.now();
        await f();
        if (i >= 20) (times[name] ??= []).push(performance.now() - t0);
      }
    }
    const params = window();
    const [got, want] = await Promise.all(
      [on.url, truth.url].map((u) => answer(u, '/api/v1/query_range', params)),
    );
    const values = (a: typeof got) => JSON.stringify(a?.data?.result.map((r) => r.values));
    console.log(`\n${HOURS} h range ending now, step 15 s, ${QUERY}, n=${N}`);
    console.log(
      `cache on vs direct after the run: ${values(got) === values(want) ? 'exact' : 'DIFFERENT'}\n`,
    );
    console.log('| contender | p50 ms | p50 vs direct | p99 ms |\n| --- | ---: | ---: | ---: |');
    const p50 = (name: string) => percentile(times[name] ?? [], 50);
    for (const name of Object.keys(contenders))
      console.log(
        `| ${name} | ${round(p50(name))} | ${round(p50(name) / p50('direct'))}x | ${round(percentile(times[name] ?? [], 99))} |`,
      );
  } finally {
    await Promise.all([on.stop(), off.stop(), thanos?.stop()]);
    await Promise.all(sidecars.map((s) => s.stop()));
    await Promise.all([a.stop(), b.stop(), truth.stop()]);
  }
}

await main();

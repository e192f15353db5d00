/**
 * A live dashboard over an HA pair whose replicas have different gaps: a range that ends at "now"
 * (moving every call, so no answer is ever cached), through Parallax with its caches on (the
 * freshness probe re-reads only raw samples newer than the settled ones it keeps) and off, beside
 * one Prometheus holding the complete data. Run: npm run bench -- ha-live   (HA_LIVE_HOURS, BENCH_N)
 */
import { startPrometheus } from '../test/harness/index.js';
import { startParallax } from './peers/parallax.js';
import { call } from './prom/client.js';
import { counters, gauges } from './prom/data.js';
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
    startPrometheus('live-a', data([gapA])),
    startPrometheus('live-b', data([gapB])),
    startPrometheus('live-truth', data([])),
  ]);
  const pair = [{ name: 'ha', urls: [a.url, b.url] }];
  const on = await startParallax(pair, 'live cache on');
  const off = await startParallax(pair, 'live cache off', undefined, { cache: false });
  try {
    const live = (url: string) => () => {
      const now = Date.now() / 1000;
      const params = { query: QUERY, start: String(now - HOURS * 3600), end: String(now), step: '15' };
      return call(url, '/api/v1/query_range', params)();
    };
    const contenders = {
      direct: live(truth.url),
      'parallax, cache on': live(on.url),
      'parallax, cache off': live(off.url),
    };
    const times: Record<string, number[]> = {};
    for (let i = 0; i < N + 20; i++) {
      for (const [name, f] of Object.entries(contenders)) {
        const t0 = performance.now();
        await f();
        if (i >= 20) (times[name] ??= []).push(performance.now() - t0);
      }
    }
    console.log(`\n${HOURS} h range ending now, step 15 s, ${QUERY}, n=${N}\n`);
    console.log('| contender | p50 ms | p50 vs direct | p99 ms |\n| --- | ---: | ---: | ---: |');
    const p50 = (name: string) => percentile(times[name] ?? [], 50);
    for (const name of Object.keys(contenders))
      console.log(
        `| ${name} | ${round(p50(name))} | ${round(p50(name) / p50('direct'))}x | ${round(percentile(times[name] ?? [], 99))} |`,
      );
  } finally {
    await Promise.all([on.stop(), off.stop()]);
    await Promise.all([a.stop(), b.stop(), truth.stop()]);
  }
}

await main();

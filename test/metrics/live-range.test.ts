import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { parseConfig } from '../../src/config/index.js';
import { startPrometheus, type PromSample, type RunningPrometheus } from '../harness/index.js';
import { expectSameAnswer, type PromBody } from './compare-results.js';

// A live dashboard: a step-aligned range ending at now, refreshed. Data up to the last scrape, so
// the last minutes are unsettled (federation.cache.settle, 5m); a series that starts in them and
// one that ended long before.
const STEP = 15_000;
const MINUTE = 60_000;
let server: RunningPrometheus;
let reference: RunningPrometheus;
let app: ReturnType<typeof createApp>;
const end0 = Math.floor(Date.now() / STEP) * STEP;
const start0 = end0 - 60 * MINUTE;

function samples(): PromSample[] {
  const out: PromSample[] = [];
  for (let t = start0 - 20 * MINUTE; t <= end0 - STEP; t += STEP) {
    for (const i of ['1', '2'])
      out.push({ name: 'live_total', labels: { i }, t, v: ((t / STEP) % 97) * Number(i) * 3 });
    if (t >= end0 - 4 * MINUTE) out.push({ name: 'live_new', labels: {}, t, v: (t / STEP) % 13 });
    if (t <= start0 + 20 * MINUTE) out.push({ name: 'live_old', labels: {}, t, v: (t / STEP) % 17 });
  }
  return out;
}

beforeAll(async () => {
  const data = samples();
  [server, reference] = await Promise.all([
    startPrometheus('live', data),
    startPrometheus(
      'live-ref',
      data.map((s) => ({ ...s, labels: { ...s.labels, env: 'kr-k8s' } })),
    ),
  ]);
  app = createApp(parseConfig(`envs:\n  - name: kr-k8s\n    prometheus: { url: ${server.url} }\n`));
});
afterAll(async () => Promise.all([server?.stop(), reference?.stop()]));

async function range(query: string, start: number, end: number, fromGateway: boolean): Promise<PromBody> {
  const body = new URLSearchParams({
    query,
    start: String(start / 1000),
    end: String(end / 1000),
    step: '15',
  });
  const init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const res = fromGateway
    ? await app.app.request('/api/v1/query_range', init)
    : await fetch(`${reference.url}/api/v1/query_range`, init);
  return (await res.json()) as PromBody;
}

/** What the gateway asked the env's Prometheus for this query, after `since` log lines. */
const asked = async (query: string, since: number) =>
  (await server.queryLog()).slice(since).filter((q) => q.query === query);

describe('a live dashboard refreshing a range that ends at now', () => {
  it.each(['rate(live_total[1m])', '{__name__=~"live_.*"}', 'sum by (i) (increase(live_total[2m]))'])(
    '%s: every refresh equals one Prometheus, and asks the backend only after the settled points',
    async (query) => {
      const windows = [0, 1, 2, 2].map((m) => [start0 + m * MINUTE, end0 + m * MINUTE] as const);
      for (const [i, [start, end]] of windows.entries()) {
        const since = (await server.queryLog()).length;
        const [got, want] = await Promise.all([
          range(query, start, end, true),
          range(query, start, end, false),
        ]);
        expect(got.status).toBe('success');
        expectSameAnswer(got, want, `${query} refresh ${i}`);
        const [one, ...more] = await asked(query, since);
        expect(more).toEqual([]);
        expect(Date.parse(one?.end ?? '')).toBe(end);
        // The first refresh loads the window; later ones only what follows now - settle.
        const from = Date.parse(one?.start ?? '');
        if (i === 0) expect(from).toBe(start);
        else expect(end - from).toBeLessThanOrEqual(8 * MINUTE);
      }
    },
  );

  it('counts the refreshes that reused kept points in /metrics', async () => {
    const text = await (await app.app.request('/metrics')).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('parallax_result_cache_total{tier="live",outcome="hit"}'));
    // Three queries above, each refreshed three times after its first load.
    expect(Number(line?.split(' ')[1])).toBe(9);
  });

  it('loads the whole window for a query with @ (its points move with the range)', async () => {
    const query = 'live_total @ end()';
    for (const m of [0, 1]) {
      const [start, end] = [start0 + m * MINUTE, end0 + m * MINUTE];
      const since = (await server.queryLog()).length;
      const [got, want] = await Promise.all([
        range(query, start, end, true),
        range(query, start, end, false),
      ]);
      expectSameAnswer(got, want, query);
      const [one] = await asked(query, since);
      expect(Date.parse(one?.start ?? '')).toBe(start);
    }
  });
});

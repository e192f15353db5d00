import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { TOKEN, field, type Frame, type PluginWorld, type Target } from './world.js';

interface Panel {
  id: number;
  title: string;
  type: string;
  datasource?: { type: string; uid: string };
  targets?: Array<Target & { expr?: string; legendFormat?: string }>;
}
interface Variable {
  name: string;
  type: string;
  query?: string | { query: string };
  datasource?: { type: string };
}
interface DashboardJson {
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
  annotations?: { list: Array<{ name: string; datasource?: { type: string }; target?: Target }> };
}

export const DASHBOARD_FILES = ['service-across-envs.json', 'service-compare.json', 'gateway-health.json'];
export const loadDashboard = async (file: string): Promise<DashboardJson> =>
  JSON.parse(await readFile(new URL(`../../dashboards/${file}`, import.meta.url), 'utf8')) as DashboardJson;

/**
 * Values the replay gives the dashboard variables: a service of the test world with something on
 * every panel (err-api: more 5xx and a new error log pattern in kr-k8s), and its two sides.
 */
const VARS: Record<string, string | string[]> = {
  service: 'err-api',
  env: 'kr-vm|kr-k8s',
  baseline: 'kr-vm',
  candidate: 'kr-k8s',
};

/** Grafana's interpolation of a PromQL panel query (the variables and $__rate_interval). */
const promql = (expr: string, rateInterval: string) =>
  expr.replaceAll('$__rate_interval', rateInterval).replace(/\$(\w+)/g, (whole, name: string) => {
    const v = VARS[name];
    return v === undefined ? whole : Array.isArray(v) ? v.join('|') : v;
  });

interface PromAnswer {
  status: string;
  warnings?: string[];
  data: {
    resultType: string;
    result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
  };
}

/** A range query posted the way Grafana's Prometheus datasource posts it (form encoded, bearer header). */
async function rangeQuery(
  base: string,
  query: string,
  start: number,
  end: number,
  step: number,
): Promise<PromAnswer> {
  const res = await fetch(`${base}/api/v1/query_range`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TOKEN}` },
    body: new URLSearchParams({
      query,
      start: String(start / 1000),
      end: String(end / 1000),
      step: String(step),
    }).toString(),
  });
  expect(res.status, query).toBe(200);
  return (await res.json()) as PromAnswer;
}

function expectPromData(panel: Panel, answer: PromAnswer, withEnv: boolean) {
  expect(answer.status, panel.title).toBe('success');
  expect(answer.data.resultType, panel.title).toBe('matrix');
  expect(answer.data.result.length, panel.title).toBeGreaterThan(0);
  for (const s of answer.data.result) {
    expect(s.values.length, panel.title).toBeGreaterThan(0);
    if (withEnv) expect(s.metric.env, `${panel.title} ${JSON.stringify(s.metric)}`).toMatch(/^kr-/);
  }
}

/** A plugin answer has data: rows in every frame; series frames carry the env label, tables an env column when they have one. */
function expectPluginData(title: string, frames: Frame[]) {
  expect(frames.length, title).toBeGreaterThan(0);
  for (const f of frames) {
    expect(f.length, `${title}: ${f.name}`).toBeGreaterThan(0);
    const series = f.fields.find((x) => x.labels?.env);
    const envColumn = f.fields.find((x) => x.name === 'env');
    if (f.meta?.preferredVisualisationType === 'graph') expect(series?.labels?.env, title).toMatch(/^kr-/);
    if (envColumn) expect(envColumn.values.filter(Boolean).length, title).toBeGreaterThan(0);
  }
}

async function eventually<T>(get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function dashboardsSuite(ctx: { w: PluginWorld; range: { from: number; to: number } }) {
  it('Migration overview: every PromQL panel over /api/v1/query_range returns series per env', async () => {
    const d = await loadDashboard('service-across-envs.json');
    const { from, to } = ctx.range;
    for (const panel of d.panels)
      for (const t of panel.targets ?? []) {
        expect(panel.datasource?.type).toBe('prometheus');
        const answer = await rangeQuery(ctx.w.gatewayUrl, promql(t.expr ?? '', '5m'), from, to, 60);
        expectPromData(panel, answer, true);
        expect(new Set(answer.data.result.map((s) => s.metric.env))).toEqual(new Set(['kr-vm', 'kr-k8s']));
      }
  });

  it('Migration overview: the env variable query (label_values(env)) lists the envs', async () => {
    const res = await fetch(`${ctx.w.gatewayUrl}/api/v1/label/env/values`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await res.json()) as { data: string[]; warnings?: string[] };
    // Every configured env is a value, the unreachable kr-down too (the gateway knows its envs).
    expect(body.data).toEqual(['kr-down', 'kr-k8s', 'kr-vm']);
    const d = await loadDashboard('service-across-envs.json');
    expect(d.templating.list.find((v) => v.name === 'env')?.query).toEqual({
      query: 'label_values(env)',
      refId: 'env',
    });
  });

  it('Service compare: variable queries, every panel and the verdict annotations through the plugin', async () => {
    const d = await loadDashboard('service-compare.json');
    for (const v of d.templating.list.filter((x) => x.type === 'query')) {
      expect(v.datasource?.type).toBe('parallax-gateway-datasource');
      const found = await ctx.w.metricFind(typeof v.query === 'string' ? v.query : (v.query?.query ?? ''));
      expect(found.length, v.name).toBeGreaterThan(0);
      const chosen = VARS[v.name];
      expect(found, v.name).toContain(Array.isArray(chosen) ? chosen[0] : chosen);
    }
    for (const panel of d.panels) {
      expect(panel.datasource?.type, panel.title).toBe('parallax-gateway-datasource');
      const frames = await ctx.w.query(panel.targets ?? [], VARS, ctx.range);
      expectPluginData(panel.title, frames);
      expect(
        frames.flatMap((f) => f.meta?.notices ?? []),
        panel.title,
      ).toEqual([]);
    }
    const annotations = (d.annotations?.list ?? []).filter(
      (a) => a.datasource?.type === 'parallax-gateway-datasource',
    );
    expect(annotations).toHaveLength(1);
    for (const a of annotations) {
      const frames = await ctx.w.query(a.target ? [a.target] : [], VARS, ctx.range);
      expectPluginData(a.name, frames);
      expect(field(frames[0], 'title').values).toContain('err-api: FAIL');
    }
  });

  it('Gateway health: every panel on a real Prometheus scraping the gateway /metrics', async () => {
    const d = await loadDashboard('gateway-health.json');
    const end = Date.now();
    const start = end - 120_000;
    for (const panel of d.panels)
      for (const t of panel.targets ?? []) {
        const query = promql(t.expr ?? '', '20s');
        // The scraper holds a few seconds of the gateway's metrics; wait until the series exist.
        const answer = await eventually(
          () => rangeQuery(ctx.w.opsUrl, query, start, Date.now(), 5),
          (a) => a.data.result.length > 0,
        );
        expectPromData(panel, answer, (t.legendFormat ?? '').includes('{{env}}'));
      }
  });
}

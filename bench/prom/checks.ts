/** Correctness beside speed: each gateway's answer vs a single Prometheus holding all the data. */
import { answer, type Params, type PromAnswer, type PromSeries } from './client.js';
import { describe, diff } from './correctness.js';
import type { Peer, Topology, View } from './topology.js';

const QR = '/api/v1/query_range';
const PEERS: Peer[] = ['parallax', 'parallax, cache off', 'thanos', 'promxy'];

interface Check {
  view: View;
  params: Params;
  /** what a correct gateway returns, from direct Prometheus */
  want: () => Promise<PromSeries[]>;
  drop: string[];
  /** HA checks: also judge the gateway against itself over one Prometheus with the complete data */
  selfTruth: boolean;
}

export interface Verdict {
  /** vs Prometheus (2.42) queried directly */
  direct: string;
  /** vs the same gateway over the complete data: the error its HA merge alone adds */
  merge: string;
}

const result = (a: PromAnswer): PromSeries[] => {
  if (a.status !== 'success' || !a.data) throw new Error(`query failed: ${a.error ?? JSON.stringify(a)}`);
  return a.data.result;
};

const withEnv = (series: PromSeries[], env: string): PromSeries[] =>
  series.map((s) => ({ ...s, metric: { ...s.metric, env } }));

function checks(t: Topology): Record<string, Check> {
  const [start, end] = [String(t.window.start / 1000), String(t.window.end / 1000)];
  const r = (query: string, step: string): Params => ({ query, start, end, step });
  const ha = (query: string, step: string, view: View = 'ha'): Check => ({
    view,
    params: r(query, step),
    want: async () => result(await answer(t.truth.url, QR, r(query, step))),
    drop: ['env', 'replica'],
    selfTruth: true,
  });
  const raw = r('bench_gauge', '15');
  return {
    'HA: bench_gauge raw, step 15s': ha('bench_gauge', '15'),
    'HA: rate(bench_requests_total[5m]), step 60s': ha('rate(bench_requests_total[5m])', '60'),
    'HA: sum by (env) (rate(...[5m])), step 60s': ha('sum by (env) (rate(bench_requests_total[5m]))', '60'),
    'HA: increase(bench_requests_total[10m]), step 60s': ha('increase(bench_requests_total[10m])', '60'),
    'HA healthy: rate(bench_requests_total[5m]), step 60s': ha(
      'rate(bench_requests_total[5m])',
      '60',
      'ha-healthy',
    ),
    'fan-out 4 envs: bench_gauge raw': {
      view: 'four',
      params: raw,
      want: async () =>
        (
          await Promise.all(
            t.envs.map(async (p, i) => withEnv(result(await answer(p.url, QR, raw)), `env${i + 1}`)),
          )
        ).flat(),
      drop: ['replica'],
      selfTruth: false,
    },
    'matrix 5,000 series': {
      view: 'one',
      params: r('bench_wide', '60'),
      want: async () => result(await answer(t.envs[0]!.url, QR, r('bench_wide', '60'))),
      drop: ['env'],
      selfTruth: false,
    },
    'HA, 5,000 series, 1 gapped': {
      view: 'ha-wide',
      params: r('bench_wide', '60'),
      want: async () => result(await answer(t.envs[0]!.url, QR, r('bench_wide', '60'))),
      drop: ['env', 'replica'],
      selfTruth: false,
    },
  };
}

async function judge(t: Topology, c: Check, want: PromSeries[], url: string): Promise<string> {
  try {
    const a = await answer(url, QR, c.params);
    const text = describe(diff(want, result(a), c.drop), t.window.start / 1000, Number(c.params.step));
    return a.warnings?.length ? `${text}; warnings: ${a.warnings.join(' / ')}` : text;
  } catch (err) {
    return `error: ${(err as Error).message.slice(0, 200)}`;
  }
}

async function verdict(t: Topology, c: Check, want: PromSeries[], peer: Peer): Promise<Verdict | undefined> {
  const views = t.gateways[peer];
  if (!views) return undefined;
  const direct = await judge(t, c, want, views[c.view].url);
  if (!c.selfTruth) return { direct, merge: '-' };
  try {
    const self = result(await answer(views.truth.url, QR, c.params));
    return { direct, merge: await judge(t, c, self, views[c.view].url) };
  } catch (err) {
    return { direct, merge: `error over the complete data: ${(err as Error).message.slice(0, 200)}` };
  }
}

export async function runChecks(t: Topology): Promise<Record<string, Record<string, Verdict>>> {
  const out: Record<string, Record<string, Verdict>> = {};
  for (const [name, c] of Object.entries(checks(t))) {
    const want = await c.want();
    const row: Record<string, Verdict> = {};
    for (const peer of PEERS) {
      const v = await verdict(t, c, want, peer);
      if (v) row[peer] = v;
    }
    out[name] = row;
  }
  return out;
}

/**
 * The servers of the Prometheus bench: four envs, an HA pair whose replicas have different gaps, a
 * "truth" Prometheus holding the HA env's complete data, a twin of env1 missing 10 minutes of one of its 5,000 wide
 * series (with env1, an HA pair that differs in one series), and the same views (1 env, the HA env, the complete HA data,
 * 2 envs, 4 envs) through every gateway, each gateway its own process.
 */
import { startPrometheus, type PromSample, type RunningPrometheus } from '../../test/harness/index.js';
import type { EnvTarget, Gateway } from '../peers/gateway.js';
import { startParallax } from '../peers/parallax.js';
import { promxyAvailable, startPromxy } from '../peers/promxy.js';
import { startSidecar, startThanosQuery, thanosAvailable, type Sidecar } from '../peers/thanos.js';
import { counters, gauges, wide, type Gap, type Window } from './data.js';

/** `truth`: the HA env's complete data as ONE Prometheus, so a gateway's HA merge is judged by the
 * gateway's own PromQL engine (Thanos Query evaluates rate() with a newer engine than the backends' 2.42 and differs from them). */
export const VIEWS = ['one', 'ha', 'ha-healthy', 'ha-wide', 'two', 'four', 'truth'] as const;
export type View = (typeof VIEWS)[number];
export type Peer = 'parallax' | 'parallax, cache off' | 'thanos' | 'promxy';

export interface Topology {
  window: Window;
  gaps: { a: Gap; b: Gap };
  /** env1..env4 queried directly */
  envs: RunningPrometheus[];
  /** the HA env's complete data in one Prometheus: what a correct merge of the pair returns */
  truth: RunningPrometheus;
  /** a second Prometheus with the same complete data: with `truth`, an HA pair without gaps */
  twin: RunningPrometheus;
  /** env1's data with one of the 5,000 wide series missing 10 minutes: with env1, an HA pair that differs in one series */
  wideTwin: RunningPrometheus;
  gateways: Partial<Record<Peer, Record<View, Gateway>>>;
  targets: Record<View, EnvTarget[]>;
  sidecars: Map<string, Sidecar>;
  stop: () => Promise<void>;
}

const MIN = 60_000;

function window(): Window {
  const end = Math.floor(Date.now() / MIN) * MIN - 60 * MIN;
  return { start: end - 60 * MIN, end };
}

async function startBackends(w: Window, gaps: { a: Gap; b: Gap }) {
  const ha = (g: Gap[]) => [...gauges(5, w, g), ...counters(w, g)];
  // External labels are for the Thanos sidecars; Prometheus' own query API never returns them.
  const envs = Promise.all(
    [1, 2, 3, 4].map((i) =>
      startPrometheus(`env${i}`, [...gauges(i, w), ...(i === 1 ? wide(w) : [])], {
        env: `env${i}`,
        replica: '0',
      }),
    ),
  );
  const pair = Promise.all([
    startPrometheus('ha-a', ha([gaps.a]), { env: 'ha', replica: 'a' }),
    startPrometheus('ha-b', ha([gaps.b]), { env: 'ha', replica: 'b' }),
  ]);
  const truth = startPrometheus('ha-truth', ha([]), { env: 'ha', replica: 't' });
  const twin = startPrometheus('ha-twin', ha([]), { env: 'ha', replica: 'u' });
  const oneGap = (s: PromSample) => s.labels.instance !== 'w7' || s.t < gaps.a.start || s.t >= gaps.a.end;
  const wideTwin = startPrometheus('env1-twin', [...gauges(1, w), ...wide(w).filter(oneGap)], {
    env: 'env1',
    replica: '1',
  });
  return {
    envs: await envs,
    pair: await pair,
    truth: await truth,
    twin: await twin,
    wideTwin: await wideTwin,
  };
}

type Starter = (envs: readonly EnvTarget[], name: string) => Promise<Gateway>;

async function startViews(
  start: Starter,
  targets: Record<View, EnvTarget[]>,
): Promise<Record<View, Gateway>> {
  const out = {} as Record<View, Gateway>;
  for (const v of VIEWS) out[v] = await start(targets[v], v);
  return out;
}

export async function startTopology(): Promise<Topology> {
  const w = window();
  const gaps = {
    a: { start: w.start + 15 * MIN, end: w.start + 25 * MIN },
    b: { start: w.start + 35 * MIN, end: w.start + 45 * MIN },
  };
  const { envs, pair, truth, twin, wideTwin } = await startBackends(w, gaps);
  console.error('bench: Prometheus servers up');
  const env = (i: number): EnvTarget => ({ name: `env${i}`, urls: [envs[i - 1]!.url] });
  const targets: Record<View, EnvTarget[]> = {
    one: [env(1)],
    ha: [{ name: 'ha', urls: pair.map((p) => p.url) }],
    'ha-healthy': [{ name: 'ha', urls: [truth.url, twin.url] }],
    'ha-wide': [{ name: 'env1', urls: [envs[0]!.url, wideTwin.url] }],
    two: [env(1), env(2)],
    four: [env(1), env(2), env(3), env(4)],
    truth: [{ name: 'ha', urls: [truth.url] }],
  };
  const uncached: Starter = (t, name) => startParallax(t, `${name} uncached`, undefined, { cache: false });
  const gateways: Topology['gateways'] = {
    parallax: await startViews(startParallax, targets),
    'parallax, cache off': await startViews(uncached, targets),
  };
  const sidecars = new Map<string, Sidecar>();
  console.error('bench: Parallax gateways up');
  if (thanosAvailable()) {
    for (const [i, p] of envs.entries()) sidecars.set(p.url, await startSidecar(p, `env${i + 1}`));
    for (const [i, p] of pair.entries()) sidecars.set(p.url, await startSidecar(p, `ha-${i}`));
    sidecars.set(truth.url, await startSidecar(truth, 'ha-truth'));
    sidecars.set(twin.url, await startSidecar(twin, 'ha-twin'));
    sidecars.set(wideTwin.url, await startSidecar(wideTwin, 'env1-twin'));
    const thanos: Starter = (t, name) =>
      startThanosQuery(
        t.flatMap((e) => e.urls.map((u) => sidecars.get(u)!)),
        name,
      );
    gateways.thanos = await startViews(thanos, targets);
  }
  if (promxyAvailable()) gateways.promxy = await startViews(startPromxy, targets);
  const stop = async (): Promise<void> => {
    const all = Object.values(gateways).flatMap((g) => Object.values(g));
    await Promise.all(all.map((g) => g.stop()));
    await Promise.all([...sidecars.values()].map((s) => s.stop()));
    await Promise.all([...envs, ...pair, truth, twin, wideTwin].map((p) => p.stop()));
  };
  return { window: w, gaps, envs, truth, twin, wideTwin, gateways, targets, sidecars, stop };
}

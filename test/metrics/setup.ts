import { serviceSamples, prng } from '../../demo/metrics.js';
import { parseConfig, type Config } from '../../src/config/index.js';
import { createApp, type App } from '../../src/app/index.js';
import {
  blackhole,
  closedPort,
  serveApp,
  startPrometheus,
  type PromSample,
  type RunningPrometheus,
} from '../harness/index.js';

export const STEP = 15_000;

export interface World {
  /** window of the generated data, epoch ms */
  start: number;
  end: number;
  gapStart: number;
  gapEnd: number;
  samples: Record<'kr-vm' | 'kr-k8s', PromSample[]>;
  vm: RunningPrometheus;
  k8sA: RunningPrometheus;
  k8sB: RunningPrometheus;
  /** one Prometheus holding every env's data with an env label: the reference answer */
  all: RunningPrometheus;
  app: App;
  gatewayUrl: string;
  config: Config;
  stop: () => Promise<void>;
}

/** Random gauges per env: values the test computes its expectations from, never hard-coded. */
function gauges(seed: number, start: number, end: number): PromSample[] {
  const rand = prng(seed);
  const out: PromSample[] = [];
  for (const instance of ['i1', 'i2', 'i3']) {
    for (let t = start; t <= end; t += STEP) {
      out.push({
        name: 'parallax_test_gauge',
        labels: { instance },
        t,
        v: 1 + Math.round(rand() * 1e9) / 1e6,
      });
    }
  }
  return out;
}

function envSamples(env: 'kr-vm' | 'kr-k8s', seed: number, start: number, end: number): PromSample[] {
  const common = { env, start, end, stepMs: STEP, seed: seed + 7 };
  return [
    ...gauges(seed, start, end),
    // The same template in both envs, so cross-env aggregations have something to merge.
    ...serviceSamples({
      ...common,
      template: 'promclient',
      service: 'ref-api',
      rps: () => 20 + (seed % 7),
      errorRatio: 0.02,
      latencyMs: env === 'kr-vm' ? 40 : 45,
    }),
    ...(env === 'kr-vm'
      ? serviceSamples({
          ...common,
          template: 'promclient',
          service: 'payment-api',
          rps: () => 30,
          errorRatio: 0.01,
          latencyMs: 80,
        })
      : serviceSamples({
          ...common,
          template: 'istio',
          service: 'payment-api',
          rps: () => 30,
          errorRatio: 0.03,
          latencyMs: 85,
        })),
  ];
}

const withEnv = (samples: PromSample[], env: string): PromSample[] =>
  samples.map((s) => ({ ...s, labels: { ...s.labels, env } }));

export async function startWorld(opts: { deadlineMs?: number } = {}): Promise<World> {
  const seed = Date.now() % 100_000;
  const end = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
  const start = end - 3_600_000;
  const gapStart = start + 20 * 60_000;
  const gapEnd = start + 30 * 60_000;
  const samples = {
    'kr-vm': envSamples('kr-vm', seed, start, end),
    'kr-k8s': envSamples('kr-k8s', seed + 1, start, end),
  };
  const gapped = samples['kr-k8s'].filter((s) => s.t < gapStart || s.t > gapEnd);
  const [vm, k8sA, k8sB, all] = await Promise.all([
    startPrometheus('kr-vm', samples['kr-vm']),
    startPrometheus('kr-k8s-a', gapped),
    startPrometheus('kr-k8s-b', samples['kr-k8s']),
    startPrometheus('all', [...withEnv(samples['kr-vm'], 'kr-vm'), ...withEnv(samples['kr-k8s'], 'kr-k8s')]),
  ]);
  const hole = await blackhole();
  const down = `http://127.0.0.1:${await closedPort()}`;
  const deadline = opts.deadlineMs ?? 3000;
  const config = parseConfig(`
federation: { deadline: ${deadline / 1000}s, breakerThreshold: 1000 }
envs:
  - name: kr-vm
    labels: { region: kr, platform: vm, role: old }
    prometheus: { url: ${vm.url}, timeout: 10s }
    signals: { template: promclient }
  - name: kr-k8s
    labels: { region: kr, platform: k8s, role: new }
    prometheus: { url: [${k8sA.url}, ${k8sB.url}], timeout: 10s }
    signals: { template: istio }
  - name: kr-down
    prometheus: { url: ${down}, timeout: 10s }
  - name: kr-hole
    prometheus: { url: ${hole.url}, timeout: 10s }
`);
  const app = createApp(config);
  const served = await serveApp(app.app.fetch);
  return {
    start,
    end,
    gapStart,
    gapEnd,
    samples,
    vm,
    k8sA,
    k8sB,
    all,
    app,
    config,
    gatewayUrl: served.url,
    stop: async () => {
      served.close();
      await hole.close();
      await Promise.all([vm.stop(), k8sA.stop(), k8sB.stop(), all.stop()]);
    },
  };
}

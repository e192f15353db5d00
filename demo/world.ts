import { serviceSamples, type MetricTemplate } from './metrics.js';
import type { PromSample } from '../test/harness/prometheus.js';

export const DEMO_SERVICES = ['payment-api', 'checkout-api', 'catalog-api'] as const;
export const DEMO_ENVS = { vm: 'kr-vm', k8s: 'kr-k8s' } as const;

/** Share of traffic on K8s at time t: 10% for the first third, then 50%, then 100%. */
export function k8sShare(t: number, start: number, end: number): number {
  const third = (end - start) / 3;
  if (t < start + third) return 0.1;
  if (t < start + 2 * third) return 0.5;
  return 1;
}

interface Behaviour {
  rps: number;
  errorRatio: number;
  latencyMs: number;
}

/** What each service does per env: payment-api is clean, catalog-api is ~5 ms slower on K8s, checkout-api errs more there. */
const BEHAVIOUR: Record<(typeof DEMO_SERVICES)[number], { vm: Behaviour; k8s: Behaviour }> = {
  'payment-api': {
    vm: { rps: 40, errorRatio: 0.002, latencyMs: 60 },
    k8s: { rps: 40, errorRatio: 0.002, latencyMs: 60 },
  },
  'catalog-api': {
    vm: { rps: 80, errorRatio: 0.001, latencyMs: 25 },
    k8s: { rps: 80, errorRatio: 0.001, latencyMs: 30 },
  },
  'checkout-api': {
    vm: { rps: 20, errorRatio: 0.001, latencyMs: 90 },
    k8s: { rps: 20, errorRatio: 0.01, latencyMs: 92 },
  },
};

/** Metric samples for one env: Istio metrics on K8s, prom-client metrics on VMs, traffic shifting to K8s. */
export function demoSamples(side: 'vm' | 'k8s', start: number, end: number, stepMs = 15_000): PromSample[] {
  const template: MetricTemplate = side === 'k8s' ? 'istio' : 'promclient';
  return DEMO_SERVICES.flatMap((service, i) => {
    const b = BEHAVIOUR[service][side];
    const share = (t: number): number =>
      side === 'k8s' ? k8sShare(t, start, end) : 1 - k8sShare(t, start, end);
    return serviceSamples({
      env: DEMO_ENVS[side],
      template,
      service,
      start,
      end,
      stepMs,
      rps: (t) => b.rps * share(t),
      errorRatio: b.errorRatio,
      latencyMs: b.latencyMs,
      seed: 1000 * (i + 1) + (side === 'k8s' ? 1 : 0),
    });
  });
}

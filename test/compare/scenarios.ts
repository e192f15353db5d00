import type { MetricTemplate } from '../../demo/metrics.js';

/**
 * Scenarios with known truth, one service each, all in the same servers. kr-vm (baseline, prom-client)
 * and kr-k8s (candidate, Istio); traffic in req/s, latency as the median in ms.
 */
export interface EnvProfile {
  rps: number;
  errorRatio: number;
  latencyMs: number;
  /** Extra ms of the traced `redis GET` / `SELECT orders` calls. */
  redisExtraMs: number;
  dbExtraMs: number;
  /** Share of traces whose `redis GET` fails (and the root with it). */
  traceErrorRatio: number;
  /** Extra error log lines: template with `{n}` replaced by a number. */
  extraErrorLines: { template: string; count: number }[];
}

export interface Scenario {
  service: string;
  vm: EnvProfile;
  k8s: EnvProfile;
}

export const ENVS = { vm: 'kr-vm', k8s: 'kr-k8s' } as const;
export const TEMPLATES: Record<keyof typeof ENVS, MetricTemplate> = { vm: 'promclient', k8s: 'istio' };

const base: EnvProfile = {
  rps: 50,
  errorRatio: 0.005,
  latencyMs: 30,
  redisExtraMs: 0,
  dbExtraMs: 0,
  traceErrorRatio: 0,
  extraErrorLines: [],
};

const same = (over: Partial<EnvProfile> = {}): { vm: EnvProfile; k8s: EnvProfile } => ({
  vm: { ...base, ...over },
  k8s: { ...base, ...over },
});

export const REDIS_TIMEOUT = 'redis timeout after {n} ms';
export const TLS_TIMEOUT = 'tls handshake to payments-gateway failed after {n} ms';

export const SCENARIOS = {
  control: { service: 'ctl-api', ...same() },
  latency: {
    service: 'lat-api',
    vm: base,
    k8s: { ...base, latencyMs: 35, redisExtraMs: 5 },
  },
  errors: {
    service: 'err-api',
    vm: { ...base, errorRatio: 0.001 },
    k8s: {
      ...base,
      errorRatio: 0.01,
      traceErrorRatio: 0.05,
      extraErrorLines: [{ template: REDIS_TIMEOUT, count: 400 }],
    },
  },
  newLog: {
    service: 'log-api',
    vm: base,
    k8s: { ...base, extraErrorLines: [{ template: TLS_TIMEOUT, count: 300 }] },
  },
  slowOp: {
    service: 'op-api',
    vm: base,
    k8s: { ...base, latencyMs: 55, dbExtraMs: 25 },
  },
  split1090: { service: 'split-a', vm: { ...base, rps: 90 }, k8s: { ...base, rps: 10 } },
  split9010: { service: 'split-b', vm: { ...base, rps: 10 }, k8s: { ...base, rps: 90 } },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

import { parseConfig } from '../config/index.js';
import { EnvRegistry } from '../envs/index.js';
import { Federation, type FederationOptions } from './fan-out.js';
import type { Selection } from './types.js';

/** For the fan-out's tests: kr-vm and kr-k8s with a Prometheus each (never called: calls are given). */
export const twoEnvs = new EnvRegistry(
  parseConfig(`envs:
  - name: kr-vm
    prometheus: { url: "http://vm:9090" }
  - name: kr-k8s
    prometheus: { url: "http://k8s:9090" }
`),
);

export const onPrometheus = (...envs: string[]): Selection => ({ backend: 'prometheus', envs, errors: [] });

/** A federation over the two envs with test defaults (1 s deadline, 4 slots, breaker at 5 for 60 s). */
export const testFederation = (opts: Partial<FederationOptions> = {}): Federation =>
  new Federation(twoEnvs, {
    deadlineMs: 1000,
    concurrency: 4,
    breakerThreshold: 5,
    breakerCooldownMs: 60_000,
    ...opts,
  });

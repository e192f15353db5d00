import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Config, EnvConfig } from '../config/index.js';
import { BACKEND_KINDS, type BackendKind } from '../errors/index.js';
import { breakerKey, type Federation } from '../federation/index.js';

function backendConfig(env: EnvConfig | undefined, backend: BackendKind): unknown {
  if (!env) return undefined;
  if (backend === 'prometheus') return env.prometheus;
  return backend === 'jaeger' ? env.traces : env.logs;
}

const sameBreakerRules = (a: Config, b: Config): boolean =>
  a.federation.breakerThreshold === b.federation.breakerThreshold &&
  a.federation.breakerCooldown === b.federation.breakerCooldown;

/**
 * The breakers a reload keeps: those of an env whose backend config did not change (same URL, auth,
 * timeouts), under unchanged breaker rules. An env kept failing before the reload is still known to
 * fail after it; an env whose config changed starts afresh.
 */
export function carriedBreakers(
  before: Config,
  after: Config,
  federation: Federation,
): Map<string, CircuitBreakerPolicy> {
  const kept = new Map<string, CircuitBreakerPolicy>();
  if (!sameBreakerRules(before, after)) return kept;
  const old = new Map(before.envs.map((env) => [env.name, env]));
  const states = federation.breakerStates();
  for (const env of after.envs) {
    for (const backend of BACKEND_KINDS) {
      const now = backendConfig(env, backend);
      const key = breakerKey(env.name, backend);
      const breaker = states.get(key);
      if (!breaker || now === undefined) continue;
      if (JSON.stringify(now) === JSON.stringify(backendConfig(old.get(env.name), backend)))
        kept.set(key, breaker);
    }
  }
  return kept;
}

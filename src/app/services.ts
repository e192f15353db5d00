import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Config } from '../config/index.js';
import type { Services } from '../api/services.js';
import { EnvRegistry } from '../envs/index.js';
import { Federation, RedisTier } from '../federation/index.js';
import { LogService } from '../logs/index.js';
import { MetricsCatalog, MetricsService } from '../metrics/index.js';
import { SignalsService } from '../signals/index.js';
import { GatewayMetrics } from '../telemetry/index.js';
import { TraceService } from '../traces/index.js';
import { CompareService, IncidentService } from '../compare/index.js';

export type { Services };

/** What a reload carries over from the previous config: the gateway's metrics and unchanged envs' breakers. */
export interface Carried {
  telemetry?: GatewayMetrics;
  breakers?: ReadonlyMap<string, CircuitBreakerPolicy>;
}

export function buildServices(config: Config, carried: Carried = {}): Services {
  const telemetry = carried.telemetry ?? new GatewayMetrics();
  const envs = new EnvRegistry(config, config.access !== undefined || config.server.authToken !== undefined);
  const f = config.federation;
  const federation = new Federation(envs, {
    deadlineMs: f.deadline,
    concurrency: f.concurrency,
    retries: f.retries,
    perEnvConcurrency: f.perEnvConcurrency,
    breakerThreshold: f.breakerThreshold,
    breakerCooldownMs: f.breakerCooldown,
    hedge: { enabled: f.hedge.enabled, afterMs: f.hedge.after, cutAfterMs: f.hedge.cutAfter },
    cache: {
      maxPoints: f.cache.maxPoints,
      settleMs: f.cache.settle,
      ...(f.cache.redis ? { shared: redisTier(f.cache.redis) } : {}),
    },
    metrics: telemetry,
    ...(carried.breakers ? { breakers: carried.breakers } : {}),
  });
  // The newest config's breakers are the ones /metrics reports (a reload rebinds this).
  telemetry.watchBreakers(() => federation.breakerReadings());
  const metrics = new MetricsService(federation, f.maxPointsPerSeries, config.server.limits.maxQueryLength);
  const domain = {
    config,
    envs,
    metrics,
    signals: new SignalsService(envs, federation, metrics),
    traces: new TraceService(federation),
    logs: new LogService(federation),
  };
  const compare = new CompareService(domain);
  return {
    ...domain,
    federation,
    telemetry,
    catalog: new MetricsCatalog(federation),
    compare,
    incidents: new IncidentService(domain, compare),
  };
}

function redisTier(r: NonNullable<Config['federation']['cache']['redis']>): RedisTier {
  // Secrets were resolved at load: a password here is its value.
  const password = typeof r.password === 'string' ? { password: r.password } : {};
  return new RedisTier({
    url: r.url,
    keyPrefix: r.keyPrefix,
    ttlMs: r.ttl,
    timeoutMs: r.timeout,
    ...password,
  });
}

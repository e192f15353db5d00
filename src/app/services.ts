import type { Config } from '../config/index.js';
import { EnvRegistry } from '../envs/index.js';
import { Federation } from '../federation/index.js';
import { LogService } from '../logs/index.js';
import { MetricsCatalog, MetricsService } from '../metrics/index.js';
import { SignalsService } from '../signals/index.js';
import { GatewayMetrics } from '../telemetry/index.js';
import { TraceService } from '../traces/index.js';
import { CompareService, IncidentService } from '../compare/index.js';

/** The domain, built once from config: what every surface (GraphQL, REST, Prometheus, Jaeger) calls. */
export interface Services {
  config: Config;
  envs: EnvRegistry;
  federation: Federation;
  telemetry: GatewayMetrics;
  metrics: MetricsService;
  catalog: MetricsCatalog;
  signals: SignalsService;
  traces: TraceService;
  logs: LogService;
  compare: CompareService;
  incidents: IncidentService;
}

export function buildServices(config: Config, telemetry = new GatewayMetrics()): Services {
  const envs = new EnvRegistry(config, config.access !== undefined || config.server.authToken !== undefined);
  const f = config.federation;
  const federation = new Federation({
    deadlineMs: f.deadline,
    concurrency: f.concurrency,
    breakerThreshold: f.breakerThreshold,
    breakerCooldownMs: f.breakerCooldown,
    metrics: telemetry,
  });
  const metrics = new MetricsService(
    envs,
    federation,
    f.maxPointsPerSeries,
    config.server.limits.maxQueryLength,
  );
  const domain = {
    config,
    envs,
    metrics,
    signals: new SignalsService(envs, metrics),
    traces: new TraceService(envs, federation),
    logs: new LogService(envs, federation),
  };
  const compare = new CompareService(domain);
  return {
    ...domain,
    federation,
    telemetry,
    catalog: new MetricsCatalog(envs, federation),
    compare,
    incidents: new IncidentService(domain, compare),
  };
}

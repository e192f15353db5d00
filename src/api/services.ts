import type { Config } from '../config/index.js';
import type { EnvRegistry } from '../envs/index.js';
import type { Federation } from '../federation/index.js';
import type { LogService } from '../logs/index.js';
import type { MetricsCatalog, MetricsService } from '../metrics/index.js';
import type { SignalsService } from '../signals/index.js';
import type { GatewayMetrics } from '../telemetry/index.js';
import type { TraceService } from '../traces/index.js';
import type { CompareService, IncidentService } from '../compare/index.js';

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

export { MetricsService } from './service.js';
export { MetricsCatalog } from './catalog.js';
export type { FederatedQuery, QueryScope, EnvQueryResult, MetricMetadata, SeriesQuery } from './types.js';

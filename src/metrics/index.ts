export { MetricsService } from './service.js';
export { MetricsCatalog, type Catalog } from './catalog.js';
export type { FederatedQuery, QueryScope } from './types.js';

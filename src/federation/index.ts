export { Federation, breakerKey, type FederationOptions } from './fan-out.js';
export type { EnvValue, Federated, PerEnv, Selection, CallOptions, EnvCall, TraceClient } from './types.js';
export { mapData, combineFederated, valuesOf, dedupeErrors } from './result.js';
export { selectEnvs, lacksBackend, narrow } from './select.js';
export { FailoverGroup, HaGroup, type HedgeOptions } from './replicas/index.js';
export {
  PrometheusGroup,
  RedisTier,
  mergeMetadata,
  type FreshnessProbe,
  type RedisTierOptions,
} from './prometheus/index.js';
export { buildTargets } from './targets.js';

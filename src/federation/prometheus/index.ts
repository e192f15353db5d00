export { PrometheusGroup } from './group.js';
export { mergeStringSets, mergeMetadata } from './merge-metadata.js';
export type { FreshnessProbe } from './freshness.js';
export { ResultCache, type ResultCacheOptions } from './cache.js';
export { RedisTier, type RedisTierOptions, type SharedTier } from './shared-tier.js';
export type { Answer } from './codec.js';

export { PrometheusGroup, mergeStringSets, mergeMetadata } from './group.js';
export { mergeQueryResults } from './merge-results.js';
export { mergeReplicaSeries } from './replica-merge.js';

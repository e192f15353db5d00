export { labelKey, withEnvLabel, dropName } from './labels.js';
export { mergeReplicaSeries } from './merge.js';
export { summarize, type Summary } from './summary.js';
export { formatSampleValue, formatTimestamp } from './format.js';

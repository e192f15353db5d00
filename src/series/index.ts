export type { Labels, Point, Series, QueryData } from './types.js';
export { seriesOf } from './types.js';
export { labelKey, withEnvLabel, dropName } from './labels.js';
export { summarize, type Summary } from './summary.js';
export { formatSampleValue, formatTimestamp } from './format.js';
export { queryDataJson, injectEnvLabel, concatResults, type QueryJson } from './json.js';

export type { Direction, Verdict, Tolerance, SeriesInput, CountsInput, SignalVerdict } from './types.js';
export { judgeSeries } from './series.js';
export { judgeCounts } from './counts.js';
export { overall, type OverallInput, type OverallResult } from './overall.js';
export { allowedShift, classify, classifyCounts, DEFAULT_ALPHA, MATERIAL_RATIO } from './rules.js';
export { formatP } from './format.js';

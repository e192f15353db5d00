export { parseDuration, formatDuration } from './duration.js';
export { parseTime, toUnixSeconds } from './timestamp.js';
export { validateRange, alignRange, MAX_POINTS_PER_SERIES, type TimeRange } from './range.js';

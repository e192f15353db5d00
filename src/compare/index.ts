export * from './stats/index.js';
export * from './verdict/index.js';
export * from './model/index.js';
export { windowQueries, integrateCounts, type WindowQueries } from './queries/index.js';
export {
  CompareService,
  DEFAULT_COMPARE_SIGNALS,
  type CompareDeps,
  type CompareRequest,
  type CompareAnswer,
} from './service.js';
export { checkSides, checkCompareRange, checkService, MAX_COMPARE_POINTS } from './validate.js';
export * from './incident/index.js';

export type { Alternative } from './types.js';
export { erfc, normalPdf, normalCdf, normalSf, normalPpf } from './normal.js';
export { averageRanks, type RankResult } from './ranks.js';
export { finiteValues, quantile, sortedQuantile, median, sortedMedian, mean, min, max } from './describe.js';
export { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.js';
export { mannWhitneyExactCdf, mannWhitneyExactSf } from './mwu-exact.js';
export { hodgesLehmann, type ShiftEstimate } from './hodges-lehmann.js';
export {
  pairwiseDifferenceSelector,
  MATERIALIZE_LIMIT,
  type DifferenceSelector,
} from './pairwise-differences.js';
export { fisherExact, type FisherResult, type Table2x2 } from './fisher.js';
export { wilsonInterval, ratioDifferenceInterval, type Interval } from './proportion-interval.js';
export { compareProportions, twoProportionZ, type Counts, type ProportionComparison } from './proportions.js';
export { binomialSf, logGamma } from './binomial.js';
export { compareRates, type RateCount, type RateComparison } from './rates.js';
export { holmAdjust } from './holm.js';
export { requestsToDetect, samplesToDetect } from './power.js';
export { regularizedBeta, studentTSf, welchTTest, type WelchResult } from './student-t.js';

export { parsePromQL, unquote, type ParsedQuery } from './parse.js';
export { promqlString, promqlRegexLiteral } from './escape.js';
export { extractEnvMatchers, selectEnvs, reparse, type EnvMatcher, type EnvScoped } from './env-matchers.js';
export {
  planQuery,
  PUSHDOWN_OPS,
  type QueryPlan,
  type PushdownOp,
  type Operand,
  type ArithmeticOp,
} from './plan.js';
export { combine, type Evaluated } from './binary.js';
export { mergeAggregate, mergeHistogram } from './merge.js';
export { bucketQuantile } from './histogram.js';
export { prepareQuery, type PreparedQuery } from './cache.js';
export { freshnessProbe, type FreshnessProbe } from './freshness.js';
export { isStepwise } from './stepwise.js';

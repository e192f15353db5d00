import type { QueryData, QueryResult } from '../../backends/prometheus/index.js';
import { mergeReplicaSeries } from './replica-merge.js';

/** One replica's answer with its completeness per timestamp (from the freshness probe), when known. */
export interface ReplicaResult {
  result: QueryResult;
  complete?: (t: number) => boolean;
}

/** One answer from the answers of an HA group's replicas. */
export function mergeQueryResults(results: readonly ReplicaResult[]): QueryResult {
  const first = results[0]?.result as QueryResult;
  if (results.length === 1) return first;
  const warnings = [...new Set(results.flatMap((r) => r.result.warnings))];
  return { data: mergeQueryData(results) ?? first.data, warnings };
}

function mergeQueryData(results: readonly ReplicaResult[]): QueryData | undefined {
  const first = results[0]?.result.data;
  if (!first || (first.type !== 'vector' && first.type !== 'matrix')) return first;
  const replicas = results.map(({ result, complete }) => ({
    series: result.data.type === first.type ? result.data.series : [],
    ...(complete ? { complete } : {}),
  }));
  return { type: first.type, series: mergeReplicaSeries(replicas) };
}

import type { QueryData, QueryResult } from '../../backends/prometheus/index.js';
import { mergeReplicaSeries } from './replica-merge.js';

/** One answer from the answers of an HA group's replicas. */
export function mergeQueryResults(results: readonly QueryResult[]): QueryResult {
  const first = results[0] as QueryResult;
  if (results.length === 1) return first;
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  return { data: mergeQueryData(results.map((r) => r.data)) ?? first.data, warnings };
}

function mergeQueryData(datas: QueryData[]): QueryData | undefined {
  const first = datas[0];
  if (!first || (first.type !== 'vector' && first.type !== 'matrix')) return first;
  const series = datas.map((d) => (d.type === first.type ? d.series : []));
  return { type: first.type, series: mergeReplicaSeries(series) };
}

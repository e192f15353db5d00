import type { QueryResult, RawQueryResult } from '../../backends/prometheus/index.js';
import { queryDataJson } from '../../series/index.js';

/** What one env's Prometheus answered to a query: as text (the fast path) or parsed. */
export type Answer = QueryResult | RawQueryResult;

/**
 * An answer as the Prometheus success body it came from, for the shared cache: read back with the
 * adapter's own checks (prometheusApi.fromBody). Kept answers carry no warnings, so none are written.
 */
export function answerBody(answer: Answer): string {
  const json = 'raw' in answer ? answer : queryDataJson(answer.data);
  return `{"status":"success","data":{"resultType":"${json.resultType}","result":${json.result}}}`;
}

/** Points an answer holds, for the LRU's size bound; text is estimated at ~24 bytes per sample. */
export function pointsOf(answer: Answer): number {
  if ('raw' in answer) return Math.ceil(answer.result.length / 24) + 1;
  const d = answer.data;
  return d.type === 'vector' || d.type === 'matrix'
    ? d.series.reduce((n, s) => n + s.points.length + 1, 1)
    : 1;
}

/** A vector or matrix answer as text (a parsed one written out); undefined for a scalar or string. */
export function textOf(answer: Answer): RawQueryResult | undefined {
  if ('raw' in answer) return answer;
  const { type } = answer.data;
  return type === 'vector' || type === 'matrix'
    ? { raw: true, resultType: type, result: queryDataJson(answer.data).result }
    : undefined;
}

import { ParallaxError } from '../../errors/index.js';
import type { HttpTarget } from '../http/index.js';
import { mergeReplicaSeries } from '../../series/index.js';
import type { QueryData, QueryResult } from './types.js';

/**
 * Runs one call on every replica of an env in parallel. The env fails only when every replica fails;
 * otherwise the answers are merged by `merge` and a warning names the replicas that failed.
 */
export async function onReplicas<T>(
  targets: readonly HttpTarget[],
  call: (target: HttpTarget) => Promise<T>,
  merge: (values: T[]) => T,
): Promise<{ value: T; warnings: string[] }> {
  if (targets.length === 1) return { value: await call(targets[0] as HttpTarget), warnings: [] };
  const settled = await Promise.allSettled(targets.map(call));
  const values: T[] = [];
  const warnings: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') values.push(s.value);
    else warnings.push(`env ${targets[i]?.env}: replica ${i} failed: ${(s.reason as Error).message}`);
  });
  if (values.length === 0) {
    const first = settled[0];
    throw first?.status === 'rejected'
      ? (first.reason as unknown)
      : new ParallaxError('BACKEND_ERROR', 'no replica answered');
  }
  return { value: merge(values), warnings };
}

export function mergeQueryResults(results: QueryResult[]): QueryResult {
  const first = results[0] as QueryResult;
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  return { data: mergeQueryData(results.map((r) => r.data)) ?? first.data, warnings };
}

function mergeQueryData(datas: QueryData[]): QueryData | undefined {
  const first = datas[0];
  if (!first || (first.type !== 'vector' && first.type !== 'matrix')) return first;
  const series = datas.map((d) => (d.type === first.type ? d.series : []));
  return { type: first.type, series: mergeReplicaSeries(series) };
}

export const mergeStringSets = (sets: string[][]): string[] => [...new Set(sets.flat())].sort();

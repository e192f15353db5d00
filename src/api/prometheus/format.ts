import type { QueryData, Series } from '../../series/index.js';
import type { ParallaxError } from '../../errors/index.js';
import { formatSampleValue, formatTimestamp } from '../../series/index.js';

const sample = (t: number, v: number): [number, string] => [formatTimestamp(t), formatSampleValue(v)];

/** The `data` object of Prometheus' query API. */
export function formatQueryData(d: QueryData): { resultType: string; result: unknown } {
  switch (d.type) {
    case 'vector':
      return {
        resultType: 'vector',
        result: d.series.flatMap((s: Series) =>
          s.points.slice(-1).map((p) => ({ metric: s.labels, value: sample(p.t, p.v) })),
        ),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: d.series.map((s) => ({ metric: s.labels, values: s.points.map((p) => sample(p.t, p.v)) })),
      };
    case 'scalar':
      return { resultType: 'scalar', result: sample(d.point.t, d.point.v) };
    case 'string':
      return { resultType: 'string', result: [formatTimestamp(d.t), d.value] };
  }
}

/** A failed env as a Prometheus API warning (Thanos/Promxy style). */
export const envWarning = (e: ParallaxError): string =>
  `env ${e.env ?? '?'} (${e.backend ?? 'prometheus'}) failed: ${e.code}: ${e.message}`;

export function success(data: unknown, warnings: string[], errors: ParallaxError[]) {
  const all = [...warnings, ...errors.map(envWarning)];
  return { status: 'success', data, ...(all.length > 0 ? { warnings: all } : {}) };
}

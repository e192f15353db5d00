import { indexSeries, parseSampleValue } from '../../backends/prometheus/index.js';
import { labelKey, queryDataJson, type Series } from '../../series/index.js';
import type { SeriesById } from './differing.js';

/** For the merge's tests: series as Prometheus writes them, indexed, by label key. */
export function byId(series: readonly Series[], type: 'vector' | 'matrix' = 'matrix'): SeriesById {
  return new Map(
    series.map((s) => {
      const text = queryDataJson({ type, series: [s] }).result.slice(1, -1);
      const indexed = indexSeries(text, type);
      if (!indexed) throw new Error(`test series not indexable: ${text}`);
      return [labelKey(s.labels), indexed];
    }),
  );
}

/** Merged series texts read back the slow way. */
export function readSeries(texts: readonly string[]): Series[] {
  return texts.map((text) => {
    const row = JSON.parse(text) as {
      metric: Record<string, string>;
      values?: [number, string][];
      value?: [number, string];
    };
    const samples = row.values ?? (row.value ? [row.value] : []);
    return {
      labels: row.metric,
      points: samples.map(([t, v]) => ({ t: Math.round(t * 1000), v: parseSampleValue(v) })),
    };
  });
}

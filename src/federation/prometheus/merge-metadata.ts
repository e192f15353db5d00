import type { Labels, MetricMetadata } from '../../backends/prometheus/index.js';
import { labelKey } from '../../series/index.js';

// What every replica of an HA group answered to a metadata call, as one answer.

export const mergeStringSets = (sets: readonly string[][]): string[] => [...new Set(sets.flat())].sort();

export function uniqueLabelSets(sets: readonly Labels[][]): Labels[] {
  if (sets.length === 1) return sets[0] ?? [];
  const seen = new Map<string, Labels>();
  for (const l of sets.flat()) seen.set(labelKey(l), l);
  return [...seen.values()];
}

export function mergeMetadata(
  all: readonly Record<string, MetricMetadata[]>[],
): Record<string, MetricMetadata[]> {
  const out: Record<string, MetricMetadata[]> = {};
  for (const md of all) {
    for (const [metric, entries] of Object.entries(md)) {
      const list = (out[metric] ??= []);
      for (const e of entries)
        if (!list.some((x) => x.type === e.type && x.help === e.help && x.unit === e.unit)) list.push(e);
    }
  }
  return out;
}

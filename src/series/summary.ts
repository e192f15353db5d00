import type { Point } from './types.js';

export interface Summary {
  avg: number | null;
  min: number | null;
  max: number | null;
  last: number | null;
  count: number;
}

/** avg/min/max/last over the finite points (NaN from 0/0 ratios is skipped, not averaged). */
export function summarize(points: readonly Point[]): Summary {
  let sum = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let last: number | null = null;
  for (const { v } of points) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  if (count === 0) return { avg: null, min: null, max: null, last: null, count: 0 };
  return { avg: sum / count, min, max, last, count };
}

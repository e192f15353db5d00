import type { QueryData } from '../../backends/prometheus/index.js';

/** What the metrics domain sends along a query to an HA group (see promql freshnessProbe). */
export interface FreshnessProbe {
  query: string;
  windowMs: number;
}

/** The probe's own range: the query's, widened by the look-back window, at a fine step. */
export function probeRange(start: number, end: number, step: number, windowMs: number) {
  const from = start - windowMs;
  // Fine enough to see each scrape, coarse enough to stay far below Prometheus' 11,000 points.
  const probeStep = Math.max(Math.min(step, 15_000), Math.ceil((end - from) / 10_000 / 1000) * 1000, 1000);
  return { start: from, end, step: probeStep };
}

/** Raw sample times (ms) behind the query, from the probe's answer (latest sample time per point). */
export function sampleTimes(data: QueryData): number[] {
  const points = data.type === 'matrix' || data.type === 'vector' ? (data.series[0]?.points ?? []) : [];
  return [...new Set(points.map((p) => Math.round(p.v * 1000)))].sort((a, b) => a - b);
}

export type Complete = (t: number) => boolean;

/**
 * Per replica (undefined: its probe failed), whether its raw samples are complete over the window
 * ending at t. Replicas that share their scrape times (blocks copied, or one remote-write stream)
 * are checked against the union of every replica's samples: a point whose window misses one sample
 * another replica holds is incomplete, gap edges included. Replicas scraping at their own offsets
 * cannot be compared sample by sample; there a window is incomplete when it crosses a silence of
 * more than 1.5 scrape intervals.
 */
export function completeness(
  samples: readonly (number[] | undefined)[],
  range: { start: number; end: number },
  windowMs: number,
): (Complete | undefined)[] {
  const known = samples.filter((s): s is number[] => s !== undefined);
  if (aligned(known)) {
    const union = [...new Set(known.flat())].sort((a, b) => a - b);
    return samples.map((own) => {
      if (!own) return undefined;
      const have = new Set(own);
      const missing = union.filter((t) => !have.has(t));
      return (t) => !anyWithin(missing, t - windowMs, t);
    });
  }
  return samples.map((own) => {
    if (!own) return undefined;
    const gaps = silences(own, range);
    return (t) => !gaps.some(([a, b]) => a < t && b > t - windowMs);
  });
}

/** True when every replica shares at least half of its sample times with every other. */
function aligned(sets: readonly number[][]): boolean {
  if (sets.length < 2) return false;
  const [first, ...rest] = sets.map((s) => new Set(s));
  return rest.every((other) => {
    const a = first as Set<number>;
    let shared = 0;
    for (const t of other) if (a.has(t)) shared++;
    return shared >= 0.5 * Math.min(a.size, other.size) && shared > 0;
  });
}

/** Whether a sorted list holds a value in [from, to]. */
function anyWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as number) <= to;
}

/** Open intervals (ms) with no raw sample for longer than 1.5 scrape intervals. */
function silences(
  samples: readonly number[],
  range: { start: number; end: number },
): Array<[number, number]> {
  if (samples.length === 0) return [[-Infinity, Infinity]];
  const slack = 1.5 * medianDiff(samples);
  const gaps: Array<[number, number]> = [];
  const first = samples[0] as number;
  const last = samples[samples.length - 1] as number;
  if (first - range.start > slack) gaps.push([-Infinity, first]);
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1] as number, samples[i] as number];
    if (b - a > slack) gaps.push([a, b]);
  }
  if (range.end - last > slack) gaps.push([last, Infinity]);
  return gaps;
}

function medianDiff(sorted: readonly number[]): number {
  const diffs = sorted.slice(1).map((v, i) => v - (sorted[i] as number));
  if (diffs.length === 0) return 15_000;
  diffs.sort((a, b) => a - b);
  return diffs[Math.floor(diffs.length / 2)] as number;
}

import type { Point, Series } from '../../series/index.js';
import { labelKey } from '../../series/index.js';

/** One replica's answer and, when known, whether its data behind the query is complete at `t`. */
export interface ReplicaAnswer {
  series: Series[];
  complete?: (t: number) => boolean;
}

/**
 * Merges one answer from several HA replicas so that nothing is counted twice. Each timestamp is
 * taken whole from ONE replica (whole timestamps keep topk/bottomk sets consistent): a replica
 * whose raw samples are complete over the point's look-back window when there is one (a replica
 * at the edge of its gap answers from a partial window, which is wrong however full it looks),
 * then the one with the most series there, ties to the replica with the most points overall.
 */
export function mergeReplicaSeries(replicas: readonly ReplicaAnswer[]): Series[] {
  if (replicas.length === 1) return replicas[0]?.series ?? [];
  const ranked = [...replicas].sort((a, b) => totalPoints(b.series) - totalPoints(a.series));
  const owner = owners(ranked);
  const out = new Map<string, Series>();
  ranked.forEach(({ series }, i) => {
    for (const s of series) {
      const points = s.points.filter((p) => owner.get(p.t) === i);
      if (points.length === 0) continue;
      const key = labelKey(s.labels);
      const existing = out.get(key);
      out.set(key, { labels: s.labels, points: existing ? mergeSorted(existing.points, points) : points });
    }
  });
  return [...out.values()];
}

/** The replica that owns each timestamp (index into `ranked`). */
function owners(ranked: readonly ReplicaAnswer[]): Map<number, number> {
  const perTime = ranked.map((r) => countsByTime(r.series));
  const owner = new Map<number, number>();
  for (const m of perTime)
    for (const t of m.keys()) if (!owner.has(t)) owner.set(t, ownerAt(t, ranked, perTime));
  return owner;
}

/** A complete replica before an incomplete one, then the most series at t, ties to the first. */
function ownerAt(
  t: number,
  ranked: readonly ReplicaAnswer[],
  perTime: readonly Map<number, number>[],
): number {
  let [best, bestComplete, bestCount] = [-1, false, -1];
  perTime.forEach((m, i) => {
    const complete = ranked[i]?.complete?.(t) ?? false;
    const count = m.get(t) ?? 0;
    if (best < 0 || (complete && !bestComplete) || (complete === bestComplete && count > bestCount))
      [best, bestComplete, bestCount] = [i, complete, count];
  });
  return best;
}

const totalPoints = (series: Series[]): number => series.reduce((n, s) => n + s.points.length, 0);

function countsByTime(series: Series[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of series) for (const p of s.points) m.set(p.t, (m.get(p.t) ?? 0) + 1);
  return m;
}

/** Two point lists sorted by time as one; each time is owned by one replica, so none repeats. */
function mergeSorted(a: readonly Point[], b: readonly Point[]): Point[] {
  const out: Point[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length)
    out.push((a[i] as Point).t <= (b[j] as Point).t ? (a[i++] as Point) : (b[j++] as Point));
  while (i < a.length) out.push(a[i++] as Point);
  while (j < b.length) out.push(b[j++] as Point);
  return out;
}

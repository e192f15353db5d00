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
  const perTime = ranked.map((r) => countsByTime(r.series));
  const times = new Set(perTime.flatMap((m) => [...m.keys()]));
  const owner = new Map<number, number>();
  for (const t of times) owner.set(t, ownerAt(t, ranked, perTime));
  const out = new Map<string, Series>();
  ranked.forEach(({ series }, i) => {
    for (const s of series) {
      const points = s.points.filter((p) => owner.get(p.t) === i);
      if (points.length === 0) continue;
      const key = labelKey(s.labels);
      const existing = out.get(key);
      out.set(
        key,
        existing
          ? { labels: s.labels, points: sortByTime([...existing.points, ...points]) }
          : { labels: s.labels, points },
      );
    }
  });
  return [...out.values()];
}

function ownerAt(
  t: number,
  ranked: readonly ReplicaAnswer[],
  perTime: readonly Map<number, number>[],
): number {
  const complete = ranked.map((r) => r.complete?.(t) ?? false);
  const pool = complete.some(Boolean) ? complete : ranked.map(() => true);
  let best = -1;
  perTime.forEach((m, i) => {
    if (!pool[i]) return;
    if (best < 0 || (m.get(t) ?? 0) > (perTime[best]?.get(t) ?? 0)) best = i;
  });
  return best;
}

const totalPoints = (series: Series[]): number => series.reduce((n, s) => n + s.points.length, 0);

function countsByTime(series: Series[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of series) for (const p of s.points) m.set(p.t, (m.get(p.t) ?? 0) + 1);
  return m;
}

const sortByTime = (points: Point[]): Point[] => points.sort((a, b) => a.t - b.t);

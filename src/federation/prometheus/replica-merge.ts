import type { Point, Series } from '../../series/index.js';
import { labelKey } from '../../series/index.js';

/**
 * Merges one answer from several HA replicas so that nothing is counted twice. Each timestamp is
 * taken whole from ONE replica: the one with the most series there, ties going to the replica with
 * the most points overall (a replica with a gap answers stale values near the gap's edges, so the
 * fuller one is the truer one). Whole timestamps keep topk/bottomk sets consistent.
 */
export function mergeReplicaSeries(replicas: readonly Series[][]): Series[] {
  if (replicas.length === 1) return replicas[0] ?? [];
  const ranked = [...replicas].sort((a, b) => totalPoints(b) - totalPoints(a));
  const perTime = ranked.map(countsByTime);
  const times = new Set(perTime.flatMap((m) => [...m.keys()]));
  const owner = new Map<number, number>();
  for (const t of times) {
    let best = 0;
    perTime.forEach((m, i) => {
      if ((m.get(t) ?? 0) > (perTime[best]?.get(t) ?? 0)) best = i;
    });
    owner.set(t, best);
  }
  const out = new Map<string, Series>();
  ranked.forEach((series, i) => {
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

const totalPoints = (series: Series[]): number => series.reduce((n, s) => n + s.points.length, 0);

function countsByTime(series: Series[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of series) for (const p of s.points) m.set(p.t, (m.get(p.t) ?? 0) + 1);
  return m;
}

const sortByTime = (points: Point[]): Point[] => points.sort((a, b) => a.t - b.t);

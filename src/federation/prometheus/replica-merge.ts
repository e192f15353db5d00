import type { IndexedSeries } from '../../backends/prometheus/index.js';
import type { SeriesById } from './differing.js';

/** One replica's series and, when known, whether its data behind the query is complete at `t`. */
export interface ReplicaAnswer {
  series: SeriesById;
  complete?: (t: number) => boolean;
}

/**
 * Merges one answer from several HA replicas so that nothing is counted twice. Each timestamp is
 * taken whole from ONE replica (whole timestamps keep topk/bottomk sets consistent): a replica
 * whose raw samples are complete over the point's look-back window when there is one (a replica
 * at the edge of its gap answers from a partial window, which is wrong however full it looks),
 * then the one with the most series there, ties to the replica with the most points overall.
 * The merged series are written from the chosen samples' own text.
 */
export function mergeReplicaSeries(replicas: readonly ReplicaAnswer[], type: 'vector' | 'matrix'): string[] {
  const ranked = [...replicas].sort((a, b) => totalPoints(b.series) - totalPoints(a.series));
  const grid = timeGrid(ranked);
  const owner = owners(ranked, grid);
  const ids = new Set(ranked.flatMap((r) => [...r.series.keys()]));
  const out: string[] = [];
  for (const id of ids) {
    const text = mergedText(
      ranked.map((r) => r.series.get(id)),
      { grid, owner },
      type,
    );
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** Every point time of every replica, ascending, once (typed arrays: no map keyed by time). */
function timeGrid(ranked: readonly ReplicaAnswer[]): Float64Array {
  let n = 0;
  for (const r of ranked) for (const s of r.series.values()) n += s.times.length;
  const all = new Float64Array(n);
  n = 0;
  for (const r of ranked)
    for (const s of r.series.values()) all.set(s.times, (n += s.times.length) - s.times.length);
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[unique - 1]) all[unique++] = all[i] as number;
  return all.subarray(0, unique);
}

/** The replica that owns each grid time (index into `ranked`). */
function owners(ranked: readonly ReplicaAnswer[], grid: Float64Array): Int32Array {
  const counts = ranked.map((r) => {
    const c = new Int32Array(grid.length);
    for (const s of r.series.values()) {
      let g = 0;
      for (const t of s.times) {
        while ((grid[g] as number) < t) g++;
        c[g] = (c[g] as number) + 1;
      }
    }
    return c;
  });
  const owner = new Int32Array(grid.length);
  for (let g = 0; g < grid.length; g++) owner[g] = ownerAt(grid[g] as number, g, ranked, counts);
  return owner;
}

/** A complete replica before an incomplete one, then the most series at t, ties to the first. */
function ownerAt(
  t: number,
  g: number,
  ranked: readonly ReplicaAnswer[],
  counts: readonly Int32Array[],
): number {
  let [best, bestComplete, bestCount] = [-1, false, -1];
  counts.forEach((c, i) => {
    const complete = ranked[i]?.complete?.(t) ?? false;
    const count = c[g] as number;
    if (best < 0 || (complete && !bestComplete) || (complete === bestComplete && count > bestCount))
      [best, bestComplete, bestCount] = [i, complete, count];
  });
  return best;
}

function totalPoints(series: SeriesById): number {
  let n = 0;
  for (const s of series.values()) n += s.times.length;
  return n;
}

/**
 * One series from its versions (per ranked replica), each time from its owner: the versions are
 * walked together by time, and runs of samples next to each other in one text are copied as one.
 * Undefined when no owner holds a point of it.
 */
function mergedText(
  versions: readonly (IndexedSeries | undefined)[],
  owners: { grid: Float64Array; owner: Int32Array },
  type: 'vector' | 'matrix',
): string | undefined {
  const heads = new Int32Array(versions.length);
  const runs = new Runs(versions);
  for (let g = 0; ;) {
    let t = Infinity;
    for (let r = 0; r < versions.length; r++)
      t = Math.min(t, versions[r]?.times[heads[r] as number] ?? Infinity);
    if (t === Infinity) break;
    while ((owners.grid[g] as number) < t) g++;
    const o = owners.owner[g];
    for (let r = 0; r < versions.length; r++) {
      const i = heads[r] as number;
      if (versions[r]?.times[i] !== t) continue;
      if (r === o) runs.add(r, i);
      heads[r] = i + 1;
    }
  }
  const samples = runs.done();
  const metric = versions.find((s) => s !== undefined)?.metric;
  if (samples.length === 0 || metric === undefined) return undefined;
  return type === 'matrix'
    ? `${metric},"values":[${samples.join(',')}]}`
    : `${metric},"value":${samples[0] as string}}`;
}

/** Sample texts as runs: consecutive samples of one version are one slice of its text. */
class Runs {
  private readonly out: string[] = [];
  private run: { r: number; from: number; to: number } | undefined;

  constructor(private readonly versions: readonly (IndexedSeries | undefined)[]) {}

  add(r: number, i: number): void {
    if (this.run && this.run.r === r && this.run.to === i - 1) this.run.to = i;
    else {
      this.flush();
      this.run = { r, from: i, to: i };
    }
  }

  done(): string[] {
    this.flush();
    return this.out;
  }

  private flush(): void {
    const run = this.run;
    const s = run && this.versions[run.r];
    if (!run || !s) return;
    this.out.push(s.text.slice(s.bounds[2 * run.from], s.bounds[2 * run.to + 1]));
    this.run = undefined;
  }
}

import { LRUCache } from 'lru-cache';
import type { QueryResult } from '../../backends/prometheus/index.js';

export interface ResultCacheOptions {
  /** Most points held over all cached answers; 0 turns the cache off (singleflight stays). */
  maxPoints: number;
  /** Data newer than this may still arrive (scrapes, remote write): answers reaching it are not kept. */
  settleMs: number;
  now?: () => number;
}

const pointsOf = (r: QueryResult): number =>
  r.data.type === 'vector' || r.data.type === 'matrix'
    ? r.data.series.reduce((n, s) => n + s.points.length + 1, 1)
    : 1;

/**
 * Per-env answers of one gateway process: identical queries in flight share one backend call
 * (singleflight), and complete answers whose whole window is older than `settleMs` are kept in an
 * LRU bounded by points. Never kept: failures, answers with warnings (a replica failed, a partial
 * answer), anything reaching the open end (now - settleMs .. now).
 */
export class ResultCache {
  private readonly lru: LRUCache<string, QueryResult> | undefined;
  private readonly inflight = new Map<string, { result: Promise<QueryResult>; signal: AbortSignal }>();
  private readonly now: () => number;

  constructor(private readonly opts: ResultCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.lru =
      opts.maxPoints > 0
        ? new LRUCache({
            maxSize: opts.maxPoints,
            sizeCalculation: (r) => Math.min(pointsOf(r), opts.maxPoints),
          })
        : undefined;
  }

  /**
   * `lastMs`: the newest timestamp the answer covers (undefined: "now", never kept). `signal`: the
   * caller's; a caller that joined a call whose own caller went away loads again itself.
   */
  async get(
    key: string,
    lastMs: number | undefined,
    signal: AbortSignal,
    load: () => Promise<QueryResult>,
  ): Promise<QueryResult> {
    const hit = this.lru?.get(key);
    if (hit) return hit;
    const pending = this.inflight.get(key);
    if (pending) {
      try {
        return await pending.result;
      } catch (err) {
        if (pending.signal.aborted && !signal.aborted) return load();
        throw err;
      }
    }
    const result = load().then((r) => {
      if (this.keeps(r, lastMs)) this.lru?.set(key, r);
      return r;
    });
    this.inflight.set(key, { result, signal });
    try {
      return await result;
    } finally {
      this.inflight.delete(key);
    }
  }

  private keeps(result: QueryResult, lastMs: number | undefined): boolean {
    return lastMs !== undefined && lastMs <= this.now() - this.opts.settleMs && result.warnings.length === 0;
  }
}

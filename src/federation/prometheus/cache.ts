import { LRUCache } from 'lru-cache';
import type { GatewayMetrics } from '../../telemetry/index.js';
import { answerBody, pointsOf, type Answer } from './codec.js';
import { SampleCache } from './sample-cache.js';
import { RangeExtents } from './extents.js';
import type { SharedTier } from './shared-tier.js';

export interface ResultCacheOptions {
  /** Most points held over all cached answers; 0 turns the in-process tier off (singleflight stays). */
  maxPoints: number;
  /** Data newer than this may still arrive (scrapes, remote write): answers reaching it are not kept. */
  settleMs: number;
  /** A tier shared by the gateway's replicas (Redis), asked after the in-process one. */
  shared?: SharedTier;
  metrics?: GatewayMetrics;
  now?: () => number;
}

/** How one call reads and writes its answer: loads it from the backend, decodes a shared copy. */
export interface CacheEntry<A extends Answer> {
  key: string;
  /** The newest timestamp the answer covers (undefined: "now", never kept). */
  lastMs: number | undefined;
  load: () => Promise<A>;
  /** Throws on a copy that fails the adapter's checks: it is then a miss. */
  decode: (text: string) => A;
}

/**
 * Per-env answers: identical queries in flight share one backend call (singleflight); complete
 * answers whose whole window is older than `settleMs` are kept in an LRU bounded by points and, when
 * configured, in the shared tier. Never kept: failures, answers with warnings (a replica failed, a
 * partial answer), anything reaching the open end (now - settleMs .. now).
 */
export class ResultCache {
  private readonly lru: LRUCache<string, Answer> | undefined;
  private readonly inflight = new Map<string, { result: Promise<Answer>; signal: AbortSignal }>();
  private readonly now: () => number;
  /** The HA freshness probe's sample times of settled spans, under the same bound and settle time. */
  readonly samples: SampleCache;
  /** The settled part of ranges that reach now (live dashboards), under the same bound; off with it. */
  readonly extents: RangeExtents | undefined;

  constructor(private readonly opts: ResultCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.samples = new SampleCache({ maxPoints: opts.maxPoints, settleMs: opts.settleMs, now: this.now });
    this.extents =
      opts.maxPoints > 0
        ? new RangeExtents({
            maxPoints: opts.maxPoints,
            settleMs: opts.settleMs,
            now: this.now,
            metrics: opts.metrics,
          })
        : undefined;
    this.lru =
      opts.maxPoints > 0
        ? new LRUCache({
            maxSize: opts.maxPoints,
            sizeCalculation: (r) => Math.min(pointsOf(r), opts.maxPoints),
          })
        : undefined;
  }

  /** `signal`: the caller's; a caller that joined a call whose own caller went away loads again itself. */
  async get<A extends Answer>(entry: CacheEntry<A>, signal: AbortSignal): Promise<A> {
    const hit = this.memory(entry);
    if (hit) return hit;
    const pending = this.inflight.get(entry.key);
    if (pending) {
      try {
        return (await pending.result) as A;
      } catch (err) {
        if (pending.signal.aborted && !signal.aborted) return entry.load();
        throw err;
      }
    }
    const result = this.fetch(entry);
    this.inflight.set(entry.key, { result, signal });
    try {
      return await result;
    } finally {
      this.inflight.delete(entry.key);
    }
  }

  close(): Promise<void> {
    return this.opts.shared?.close() ?? Promise.resolve();
  }

  private memory<A extends Answer>(entry: CacheEntry<A>): A | undefined {
    if (!this.lru || !this.settled(entry.lastMs)) return undefined;
    // Entries under a key were stored by the same kind of call, so they have its type.
    const hit = this.lru.get(entry.key) as A | undefined;
    this.opts.metrics?.cacheLookup('memory', hit ? 'hit' : 'miss');
    return hit;
  }

  // No await before the load when there is no shared tier to ask: the call starts at once.
  private fetch<A extends Answer>(entry: CacheEntry<A>): Promise<A> {
    const settled = this.settled(entry.lastMs);
    if (!settled || !this.opts.shared) return this.load(entry, settled);
    return this.fromShared(entry).then((copy) => {
      if (!copy) return this.load(entry, settled);
      this.lru?.set(entry.key, copy);
      return copy;
    });
  }

  private async load<A extends Answer>(entry: CacheEntry<A>, settled: boolean): Promise<A> {
    const answer = await entry.load();
    if (settled && complete(answer)) {
      this.lru?.set(entry.key, answer);
      this.opts.shared?.set(entry.key, answerBody(answer));
    }
    return answer;
  }

  private async fromShared<A extends Answer>(entry: CacheEntry<A>): Promise<A | undefined> {
    const shared = this.opts.shared;
    if (!shared) return undefined;
    const found = await shared.get(entry.key);
    let outcome: 'hit' | 'miss' | 'error' = typeof found === 'string' ? found : 'hit';
    let answer: A | undefined;
    if (typeof found !== 'string') {
      try {
        answer = entry.decode(found.text);
      } catch {
        outcome = 'error';
      }
    }
    this.opts.metrics?.cacheLookup('redis', outcome);
    return answer;
  }

  /** Whether an answer ending at `lastMs` lies wholly in settled data. */
  settled(lastMs: number | undefined): boolean {
    return lastMs !== undefined && lastMs <= this.now() - this.opts.settleMs;
  }
}

const complete = (answer: Answer): boolean => 'raw' in answer || answer.warnings.length === 0;

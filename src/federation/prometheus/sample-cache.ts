import { LRUCache } from 'lru-cache';
import type { SeriesTimes, Span } from './freshness.js';

interface Covered {
  from: number;
  to: number;
  times: SeriesTimes;
}

export interface SampleCacheOptions {
  /** Most sample times held; 0 turns the cache off. */
  maxPoints: number;
  /** Samples newer than this may still arrive: only older ones are kept. */
  settleMs: number;
  now?: () => number;
}

/**
 * The freshness probe's raw sample times of settled spans, per replica and selector. A dashboard
 * refreshing a range that reaches now over an HA group whose answers differ would read every raw
 * sample of the range again on each refresh; with this it reads only what came after the last
 * settled sample time it has.
 */
export class SampleCache {
  private readonly lru: LRUCache<string, Covered> | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: SampleCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.lru =
      opts.maxPoints > 0
        ? new LRUCache({
            maxSize: opts.maxPoints,
            sizeCalculation: (c) => Math.min(opts.maxPoints, countTimes(c.times) + 1),
          })
        : undefined;
  }

  /** The times known for the span's start onwards, and the time after which samples must be read. */
  known(key: string, span: Span): { times: SeriesTimes; after: number } {
    const c = this.lru?.get(key);
    if (!c || c.from > span.start || c.to < span.start) return { times: new Map(), after: span.start - 1 };
    const to = Math.min(c.to, span.end);
    return { times: clip(c.times, span.start, to), after: to };
  }

  /**
   * Keeps the settled part of a span whose times are complete from its start, joined to what is
   * held when that starts earlier and reaches this span: probed spans vary with where answers differ.
   */
  keep(key: string, span: Span, times: SeriesTimes): void {
    const to = Math.min(span.end, this.now() - this.opts.settleMs);
    if (!this.lru || to < span.start) return;
    const held = this.lru.get(key);
    const fresh = clip(times, span.start, to);
    if (held && held.from < span.start && held.to >= span.start - 1 && held.to <= to) {
      const before = clip(held.times, held.from, span.start - 1);
      this.lru.set(key, { from: held.from, to, times: joinTimes(before, fresh, span.start - 1) });
    } else this.lru.set(key, { from: span.start, to, times: fresh });
  }
}

/** Known times joined with freshly read ones (only those after `after` are new). */
export function joinTimes(known: SeriesTimes, fresh: SeriesTimes, after: number): SeriesTimes {
  const out = new Map(known);
  for (const [key, times] of fresh) {
    const newer = times.filter((t) => t > after);
    out.set(key, [...(known.get(key) ?? []), ...newer]);
  }
  return out;
}

function clip(times: SeriesTimes, from: number, to: number): SeriesTimes {
  const out: SeriesTimes = new Map();
  for (const [key, ts] of times) {
    // A series with no sample left in the span is absent there, not silent.
    const inside = ts.filter((t) => t >= from && t <= to);
    if (inside.length > 0) out.set(key, inside);
  }
  return out;
}

const countTimes = (times: SeriesTimes): number => {
  let n = 0;
  for (const ts of times.values()) n += ts.length;
  return n;
};

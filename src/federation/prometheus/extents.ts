import { LRUCache } from 'lru-cache';
import { indexSeries, joinRawSeries, rawSeries } from '../../backends/prometheus/index.js';
import type { IndexedSeries, RangeQuery, RawQueryResult } from '../../backends/prometheus/index.js';
import type { GatewayMetrics } from '../../telemetry/index.js';
import type { Answer } from './codec.js';

/** The settled part of one range query's answer: its series over [from, to] on the query's grid. */
interface Extent {
  from: number;
  to: number;
  /** When its oldest points were loaded: an extent is reused for at most `settleMs` after. */
  loadedAt: number;
  series: IndexedSeries[];
  points: number;
}

export interface ExtentOptions {
  maxPoints: number;
  settleMs: number;
  now: () => number;
  metrics?: GatewayMetrics | undefined;
}

/**
 * A range query that reaches now (a live dashboard) answered from the settled part of its last
 * answer plus one backend query over the rest. Each point of a range query is evaluated on its own
 * at start + k*step, so points kept from an earlier answer on the same grid (query, step, start
 * modulo step) are the points a whole query would give. Only text answers are kept; queries off a
 * step-aligned grid (Grafana aligns) and `@` modifiers (`@ start()`) are the caller's to exclude.
 */
export class RangeExtents {
  private readonly lru: LRUCache<string, Extent>;

  constructor(private readonly opts: ExtentOptions) {
    this.lru = new LRUCache({ maxSize: opts.maxPoints, sizeCalculation: (e) => Math.max(1, e.points) });
  }

  /**
   * The answer of `q`, loading only the points after the kept extent. Only text answers are
   * combined and kept; undefined when the rest's answer was not text (the caller loads it whole).
   */
  async query(
    key: string,
    q: RangeQuery,
    load: (q: RangeQuery) => Promise<Answer>,
  ): Promise<Answer | undefined> {
    const grid = `${key}\u0000${q.step}\u0000${q.start % q.step}`;
    const now = this.opts.now();
    const settled = lastGridPoint(q, now - this.opts.settleMs);
    // Data that arrives later than `settle` (a remote write catching up) shows within 2 x settle.
    const found = this.lru.get(grid);
    const kept = found && now - found.loadedAt <= this.opts.settleMs ? found : undefined;
    const reuse = kept && kept.from <= q.start && kept.to >= q.start ? Math.min(kept.to, q.end) : undefined;
    const from = reuse === undefined ? q.start : reuse + q.step;
    this.opts.metrics?.cacheLookup('live', reuse === undefined ? 'miss' : 'hit');
    const fresh = from <= q.end ? await load({ ...q, start: from }) : joinRawSeries('matrix', []);
    if (!('raw' in fresh) || fresh.resultType !== 'matrix') {
      // Not text (warnings: a replica down): the whole answer as it is, or, for the rest of one,
      // a miss, and the extent is dropped so the next call loads once, whole.
      this.lru.delete(grid);
      return from === q.start ? fresh : undefined;
    }
    const texts = kept && reuse !== undefined ? combine(kept.series, q.start, reuse, fresh) : undefined;
    if (kept && reuse !== undefined && !texts) return undefined;
    const answer = texts ? joinRawSeries('matrix', texts) : fresh;
    const unchanged = kept && kept.from === q.start && kept.to === settled;
    if (settled !== undefined && !unchanged)
      this.keep(grid, answer, {
        from: q.start,
        to: settled,
        loadedAt: kept && reuse !== undefined ? kept.loadedAt : now,
      });
    return answer;
  }

  private keep(grid: string, answer: RawQueryResult, at: Omit<Extent, 'series' | 'points'>): void {
    const texts = rawSeries(answer);
    if (!texts) return;
    const indexed: IndexedSeries[] = [];
    let points = 0;
    for (const text of texts.values()) {
      const s = indexSeries(text, 'matrix');
      if (!s) return;
      const upTo = upperBound(s.times, at.to);
      if (upTo === 0) continue;
      const settled = upTo === s.times.length ? s : within(s, 0, upTo);
      if (!settled) return;
      indexed.push(settled);
      points += upTo;
    }
    this.lru.set(grid, { ...at, series: indexed, points });
  }
}

/** The last point of the query's grid at or before `t`, or undefined before its start. */
function lastGridPoint(q: RangeQuery, t: number): number | undefined {
  if (t < q.start) return undefined;
  return Math.min(q.end, q.start + Math.floor((t - q.start) / q.step) * q.step);
}

/**
 * The kept series over [start, until], followed by the fresh answer's samples, series by series (a
 * series only one side has is kept as it is). Undefined when a fresh series is not a matrix series.
 */
function combine(
  kept: readonly IndexedSeries[],
  start: number,
  until: number,
  fresh: RawQueryResult,
): string[] | undefined {
  const later = rawSeries(fresh);
  if (!later) return undefined;
  const texts: string[] = [];
  for (const s of kept) {
    const [i, j] = [lowerBound(s.times, start), upperBound(s.times, until)];
    const tail = later.get(s.metric);
    later.delete(s.metric);
    const tailSamples = tail === undefined ? '' : valuesOf(tail, s.metric);
    if (tailSamples === undefined) return undefined;
    const values = [i < j ? samplesText(s, i, j) : '', tailSamples].filter((x) => x.length > 0).join(',');
    if (values.length > 0) texts.push(`${s.metric},"values":[${values}]}`);
  }
  texts.push(...later.values());
  return texts;
}

/** The samples of a series text (`[t,"v"],...`), or undefined when it is not a matrix series. */
function valuesOf(text: string, metric: string): string | undefined {
  const marker = `${metric},"values":[`;
  return text.startsWith(marker) && text.endsWith(']}') ? text.slice(marker.length, -2) : undefined;
}

const samplesText = (s: IndexedSeries, from: number, to: number): string =>
  s.text.slice(s.bounds[2 * from], s.bounds[2 * (to - 1) + 1]);

/** Samples [from, to) of a series as a series of their own. */
function within(s: IndexedSeries, from: number, to: number): IndexedSeries | undefined {
  return indexSeries(`${s.metric},"values":[${samplesText(s, from, to)}]}`, 'matrix');
}

/** The first index whose time is >= t. */
function lowerBound(times: Float64Array, t: number): number {
  let [lo, hi] = [0, times.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose time is > t. */
const upperBound = (times: Float64Array, t: number): number => lowerBound(times, t + 0.5);

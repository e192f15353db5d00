import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelKey, type Point, type Series } from '../../series/index.js';
import { mergeReplicaSeries } from './replica-merge.js';
import { byId, readSeries } from './test-series.js';

interface ReplicaAnswer {
  series: Series[];
  complete?: (t: number) => boolean;
}

const merge = (replicas: readonly ReplicaAnswer[], type: 'vector' | 'matrix' = 'matrix'): Series[] =>
  readSeries(
    mergeReplicaSeries(
      replicas.map((r) => ({ ...r, series: byId(r.series, type) })),
      type,
    ),
  );

/** The merge rule as written, slowly: per time, the complete replicas (else all), most series, first. */
function reference(replicas: readonly ReplicaAnswer[]): Map<string, Point[]> {
  const total = (r: ReplicaAnswer) => r.series.reduce((n, s) => n + s.points.length, 0);
  const ranked = [...replicas].sort((a, b) => total(b) - total(a));
  const at = (r: ReplicaAnswer, t: number) => r.series.filter((s) => s.points.some((p) => p.t === t));
  const times = [...new Set(ranked.flatMap((r) => r.series.flatMap((s) => s.points.map((p) => p.t))))];
  const out = new Map<string, Point[]>();
  for (const t of times.sort((a, b) => a - b)) {
    const complete = ranked.filter((r) => r.complete?.(t) === true);
    const pool = complete.length > 0 ? complete : ranked;
    const owner = pool.reduce((best, r) => (at(r, t).length > at(best, t).length ? r : best));
    for (const s of at(owner, t)) {
      const list = out.get(labelKey(s.labels)) ?? [];
      list.push(...s.points.filter((p) => p.t === t));
      out.set(labelKey(s.labels), list);
    }
  }
  return out;
}

const replica = fc
  .record({
    series: fc.uniqueArray(
      fc.record({
        job: fc.constantFrom('a', 'b', 'c'),
        times: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 12 }),
        value: fc.integer({ min: 0, max: 3 }),
      }),
      { selector: (s) => s.job, maxLength: 3 },
    ),
    complete: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 12 })), { nil: undefined }),
  })
  .map(({ series, complete }): ReplicaAnswer => {
    const out: Series[] = series.map(({ job, times, value }) => ({
      labels: { job },
      points: [...times].sort((a, b) => a - b).map((t) => ({ t, v: value * 100 + t })),
    }));
    return complete ? { series: out, complete: (t) => complete.includes(t) } : { series: out };
  });

describe('mergeReplicaSeries', () => {
  it('takes each time whole from the replica the rule names (property, against the rule written slowly)', () => {
    fc.assert(
      fc.property(fc.array(replica, { minLength: 2, maxLength: 3 }), (replicas) => {
        const got = new Map(merge(replicas).map((s) => [labelKey(s.labels), s.points]));
        expect(got).toEqual(reference(replicas));
      }),
      { numRuns: 500 },
    );
  });

  it('prefers a replica complete at a time over one with more series there', () => {
    const full: ReplicaAnswer = {
      series: ['a', 'b'].map((job) => ({ labels: { job }, points: [{ t: 1, v: 1 }] })),
      complete: () => false,
    };
    const fresh: ReplicaAnswer = {
      series: [{ labels: { job: 'a' }, points: [{ t: 1, v: 2 }] }],
      complete: () => true,
    };
    expect(merge([full, fresh])).toEqual([{ labels: { job: 'a' }, points: [{ t: 1, v: 2 }] }]);
    expect(merge([full, fresh], 'vector')).toEqual([{ labels: { job: 'a' }, points: [{ t: 1, v: 2 }] }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addSampleTimes,
  completeness,
  differingSpan,
  probeSpan,
  rawSamplesQuery,
  seriesTimes,
} from './freshness.js';

const S = 15_000;
const times = (from: number, to: number, offset = 0): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += S) out.push(t + offset);
  return out;
};
const W = 5 * 60_000;
/** One series' sample times as a replica's probe answer. */
const one = (ts: number[]) => new Map([['0\u0000{}', ts]]);
const range = { start: 0, end: 3_600_000 };

describe('completeness of HA replicas', () => {
  it('aligned replicas: a window missing one sample another replica holds is incomplete', () => {
    const full = times(0, 3_600_000);
    const gapped = full.filter((t) => t < 1_200_000 || t > 1_800_000);
    const [a, b] = completeness([one(gapped), one(full)], range, W);
    // One scrape into the gap: the replica lacks exactly the sample at 1_200_000.
    expect(a?.(1_200_000 + 7_000)).toBe(false);
    expect(a?.(1_200_000 - 8_000)).toBe(true);
    // Until the window has left the gap entirely (1_800_000 is the last missing sample).
    expect(a?.(1_800_000 + W)).toBe(false);
    expect(a?.(1_800_000 + W + 1)).toBe(true);
    expect(b?.(1_500_000)).toBe(true);
  });

  it('replicas scraping at their own offsets: only a silence longer than 1.5 intervals counts', () => {
    const a = times(0, 3_600_000).filter((t) => t < 1_200_000 || t > 1_800_000);
    const b = times(0, 3_600_000, 7_000);
    const [ca, cb] = completeness([one(a), one(b)], range, W);
    expect(ca?.(1_000_000)).toBe(true);
    expect(ca?.(1_300_000)).toBe(false);
    expect(cb?.(1_300_000)).toBe(true);
  });

  it('a replica whose probe failed is unknown, never complete', () => {
    expect(completeness([undefined, one(times(0, 60_000))], range, W)[0]).toBeUndefined();
  });

  it('judges series by series: a series a replica lacks, or misses samples of, spoils its windows', () => {
    const full = times(0, 3_600_000);
    const data = (labels: Record<string, string>[], ts: number[]) =>
      seriesTimes({
        type: 'matrix' as const,
        series: labels.map((l) => ({ labels: l, points: ts.map((t) => ({ t, v: 1 })) })),
      });
    const a = addSampleTimes(new Map(), 0, data([{ i: '1' }, { i: '2' }], full));
    // b has series 1 complete and series 2 with one scrape missing at 1_200_000; no series 3 at all.
    const b = addSampleTimes(new Map(), 0, data([{ i: '1' }], full));
    addSampleTimes(
      b,
      0,
      data(
        [{ i: '2' }],
        full.filter((t) => t !== 1_200_000),
      ),
    );
    addSampleTimes(a, 1, data([{ i: '3' }], full));
    const [ca, cb] = completeness([a, b], range, W);
    expect(ca?.(1_200_000)).toBe(true);
    expect(cb?.(1_000_000)).toBe(false);
    expect(seriesTimes({ type: 'vector', series: [] }).size).toBe(0);
    const c = addSampleTimes(new Map(), 0, data([{ i: '1' }, { i: '2' }], full));
    addSampleTimes(
      c,
      1,
      data(
        [{ i: '3' }],
        full.filter((t) => t !== 1_200_000),
      ),
    );
    const [, cc] = completeness([a, c], range, W);
    expect([cc?.(1_200_000 - 1), cc?.(1_200_000), cc?.(1_200_000 + W), cc?.(1_200_000 + W + 1)]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('the probe reads raw samples reaching back one window, in one instant query per selector', () => {
    const span = probeSpan(1_000_000, 2_000_000, W);
    expect(span).toEqual({ start: 700_000, end: 2_000_000 });
    expect(rawSamplesQuery('x{a="b"}', span)).toEqual({ query: 'x{a="b"}[1301s]', time: 2_000_000 });
  });
});

describe('differingSpan: where HA answers need the probe', () => {
  const matrix = (series: Array<[string, Array<[number, number]>]>) => ({
    type: 'matrix' as const,
    series: series.map(([job, points]) => ({ labels: { job }, points: points.map(([t, v]) => ({ t, v })) })),
  });

  it('is undefined when every point agrees, whatever the series order', () => {
    const a = matrix([
      [
        'x',
        [
          [1, 1],
          [2, 2],
        ],
      ],
      ['y', [[1, NaN]]],
    ]);
    const b = matrix([
      ['y', [[1, NaN]]],
      [
        'x',
        [
          [1, 1],
          [2, 2],
        ],
      ],
    ]);
    expect(differingSpan([a, b])).toBeUndefined();
  });

  it('spans the first to the last time with a differing value or a point one replica lacks', () => {
    const a = matrix([
      [
        'x',
        [
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
        ],
      ],
      ['y', [[1, 1]]],
    ]);
    const b = matrix([
      [
        'x',
        [
          [1, 1],
          [2, 9],
          [3, 3],
          [5, 5],
        ],
      ],
      [
        'y',
        [
          [1, 1],
          [6, 1],
        ],
      ],
    ]);
    expect(differingSpan([a, b])).toEqual({ start: 2, end: 6 });
    expect(differingSpan([b, a, a])).toEqual({ start: 2, end: 6 });
  });

  it('a series only one replica has differs at each of its points', () => {
    const a = matrix([['x', [[1, 1]]]]);
    const b = matrix([
      ['x', [[1, 1]]],
      [
        'z',
        [
          [7, 0],
          [8, 0],
        ],
      ],
    ]);
    expect(differingSpan([a, b])).toEqual({ start: 7, end: 8 });
  });
});

describe('differingSpan (property)', () => {
  const answer = fc
    .uniqueArray(
      fc.record({
        job: fc.constantFrom('x', 'y', 'z'),
        points: fc.uniqueArray(
          fc.record({ t: fc.integer({ min: 0, max: 15 }), v: fc.constantFrom(0, 1, NaN) }),
          {
            selector: (p) => p.t,
            maxLength: 10,
          },
        ),
      }),
      { selector: (s) => s.job, maxLength: 3 },
    )
    .map((series) => ({
      type: 'matrix' as const,
      series: series.map((s) => ({
        labels: { job: s.job },
        points: [...s.points].sort((a, b) => a.t - b.t),
      })),
    }));

  /** Every (series, time) one answer has and another lacks or holds with another value. */
  function differingTimes(answers: ReturnType<typeof answer.generate>['value'][]): number[] {
    const keyed = answers.map(
      (a) => new Map(a.series.flatMap((s) => s.points.map((p) => [`${s.labels.job}@${p.t}`, p.v]))),
    );
    const keys = new Set(keyed.flatMap((m) => [...m.keys()]));
    return [...keys]
      .filter((k) => keyed.some((m) => !m.has(k) || !Object.is(m.get(k), keyed[0]?.get(k))))
      .map((k) => Number(k.split('@')[1]));
  }

  it('spans exactly the first to the last differing time', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 2, maxLength: 3 }), (answers) => {
        const times = differingTimes(answers);
        const want = times.length > 0 ? { start: Math.min(...times), end: Math.max(...times) } : undefined;
        expect(differingSpan(answers)).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });
});

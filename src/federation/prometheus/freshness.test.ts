import { describe, expect, it } from 'vitest';
import { labelKey } from '../../series/index.js';
import { addSampleTimes, completeness, probeSpan, rawSamplesQuery, seriesTimes } from './freshness.js';

const S = 15_000;
const times = (from: number, to: number, offset = 0): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += S) out.push(t + offset);
  return out;
};
const W = 5 * 60_000;

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('expected a value');
  return v;
}
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
      must(
        seriesTimes({
          data: {
            type: 'matrix',
            series: labels.map((l) => ({ labels: l, points: ts.map((t) => ({ t, v: 1 })) })),
          },
          warnings: [],
        }),
      );
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
    expect(seriesTimes({ data: { type: 'vector', series: [] }, warnings: [] })?.size).toBe(0);
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

describe('seriesTimes', () => {
  it('reads the sample times of a raw answer as Prometheus writes it, and refuses a malformed one', () => {
    const result = '[{"metric":{"i":"1"},"values":[[1.5,"1"],[3,"NaN"]]},{"metric":{},"values":[]}]';
    expect(seriesTimes({ raw: true, resultType: 'matrix', result })).toEqual(
      new Map([
        [labelKey({ i: '1' }), [1500, 3000]],
        [labelKey({}), []],
      ]),
    );
    const bad = '[{"metric":{"i":"1"},"values":[[1.5,"1"],[3,4]]}]';
    expect(seriesTimes({ raw: true, resultType: 'matrix', result: bad })).toBeUndefined();
  });
});

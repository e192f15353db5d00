import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differingSpan } from './differing.js';
import { byId } from './test-series.js';

describe('differingSpan: where HA answers need the probe', () => {
  const matrix = (series: Array<[string, Array<[number, number]>]>) =>
    byId(series.map(([job, points]) => ({ labels: { job }, points: points.map(([t, v]) => ({ t, v })) })));

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
        expect(differingSpan(answers.map((a) => byId(a.series)))).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });
});

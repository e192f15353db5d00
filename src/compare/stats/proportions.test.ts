import { describe, expect, it } from 'vitest';
import { expectClose, reference } from '../fixtures/reference.js';
import { fisherExact } from './fisher.js';
import { ratioDifferenceInterval } from './proportion-interval.js';
import { compareProportions, twoProportionZ } from './proportions.js';

describe('fisherExact', () => {
  for (const ref of reference.fisher) {
    it(`matches scipy.stats.fisher_exact ${JSON.stringify(ref.table)} ${ref.alternative}`, () => {
      const result = fisherExact(ref.table, ref.alternative);
      expectClose(result.pValue, ref.pValue, 1e-9);
      expectClose(result.oddsRatio, ref.oddsRatio, 1e-12);
    });
  }

  it('returns p = 1 for an empty margin and rejects bad counts', () => {
    expect(
      fisherExact([
        [0, 0],
        [3, 4],
      ]).pValue,
    ).toBe(1);
    expect(() =>
      fisherExact([
        [1.5, 0],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe('compareProportions', () => {
  for (const ref of reference.zTest) {
    it(`matches the pooled z-test ${ref.baseline.errors}/${ref.baseline.total} vs ${ref.candidate.errors}/${ref.candidate.total} ${ref.alternative}`, () => {
      expectClose(twoProportionZ(ref.baseline, ref.candidate), ref.z, 1e-12, 1e-15);
      const result = compareProportions(ref.baseline, ref.candidate, ref.alternative);
      expect(result.method).toBe('z-test');
      expectClose(result.pValue, ref.pValue, 1e-9, 1e-15);
    });
  }

  it('uses Fisher on [[candidate errors, ok], [baseline errors, ok]] when an expected count is below 5', () => {
    const ref = reference.fisher.find(
      (f) => JSON.stringify(f.table) === '[[1,9999],[40,359960]]' && f.alternative === 'greater',
    );
    const result = compareProportions(
      { errors: 40, total: 360_000 },
      { errors: 1, total: 10_000 },
      'greater',
    );
    expect(result.method).toBe('fisher-exact');
    expectClose(result.pValue, ref?.pValue ?? Number.NaN, 1e-9);
  });

  it('reports ratios, difference and relative change', () => {
    const result = compareProportions(
      { errors: 100, total: 100_000 },
      { errors: 1000, total: 100_000 },
      'greater',
    );
    expect(result).toMatchObject({ baselineRatio: 0.001, candidateRatio: 0.01, relative: 10 });
    expectClose(result.difference, 0.009, 1e-12);
  });

  it('handles zeros: no errors anywhere or an empty side gives p = 1', () => {
    expect(compareProportions({ errors: 0, total: 500 }, { errors: 0, total: 900 })).toMatchObject({
      pValue: 1,
      method: 'degenerate',
      relative: null,
    });
    expect(compareProportions({ errors: 0, total: 0 }, { errors: 3, total: 9 }).pValue).toBe(1);
  });

  it('rejects impossible counts', () => {
    expect(() => compareProportions({ errors: 5, total: 4 }, { errors: 0, total: 1 })).toThrow(RangeError);
  });
});

describe('ratioDifferenceInterval', () => {
  for (const ref of reference.newcombe) {
    it(`matches statsmodels' Newcombe interval for ${ref.candidate.errors}/${ref.candidate.total} - ${ref.baseline.errors}/${ref.baseline.total}`, () => {
      const result = ratioDifferenceInterval(ref.baseline, ref.candidate, ref.confidence);
      expectClose(result.lower, ref.lower, 1e-9, 1e-15);
      expectClose(result.upper, ref.upper, 1e-9, 1e-15);
    });
  }
});

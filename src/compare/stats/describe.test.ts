import { describe, expect, it } from 'vitest';
import { expectClose, reference } from '../fixtures/reference.js';
import { finiteValues, max, mean, median, min, quantile } from './describe.js';

describe('descriptive statistics', () => {
  it('matches numpy.quantile (linear), numpy.median and numpy.mean', () => {
    for (const ref of reference.quantiles) {
      ref.q.forEach((q, i) =>
        expectClose(quantile(ref.values, q), ref.expected[i] ?? Number.NaN, 1e-12, 1e-12),
      );
      expectClose(median(ref.values), ref.median, 1e-12);
      expectClose(mean(ref.values), ref.mean, 1e-12);
    }
  });

  it('ignores NaN and Infinity', () => {
    const values = [3, Number.NaN, 1, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY];
    expect(finiteValues(values)).toEqual([3, 1, 2]);
    expect(median(values)).toBe(2);
    expect(mean(values)).toBe(2);
    expect(min(values)).toBe(1);
    expect(max(values)).toBe(3);
    expect(quantile(values, 0.25)).toBe(1.5);
  });

  it('returns NaN without finite values or for a bad q', () => {
    expect(median([])).toBeNaN();
    expect(mean([Number.NaN])).toBeNaN();
    expect(min([])).toBeNaN();
    expect(quantile([1, 2], 1.5)).toBeNaN();
  });
});

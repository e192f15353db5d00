import { describe, expect, it } from 'vitest';
import { expectClose, reference } from '../fixtures/reference.js';
import { mannWhitneyU } from './mann-whitney.js';
import { mannWhitneyExactCdf } from './mwu-exact.js';

describe('mannWhitneyU', () => {
  for (const ref of reference.mannWhitney) {
    it(`matches SciPy: ${ref.name}, ${ref.alternative}`, () => {
      const result = mannWhitneyU(ref.x, ref.y, ref.alternative);
      expect(result.method).toBe(ref.method);
      expect(result.u).toBe(ref.u);
      expect([result.n1, result.n2]).toEqual([ref.x.length, ref.y.length]);
      expectClose(result.pValue, ref.pValue, 1e-9);
    });
  }

  it('drops non-finite values', () => {
    const clean = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 'less');
    const dirty = mannWhitneyU(
      [1, Number.NaN, 2, 3, 4, 5],
      [6, 7, Number.POSITIVE_INFINITY, 8, 9, 10],
      'less',
    );
    expect(dirty).toEqual(clean);
  });

  it('rejects an empty sample', () => {
    expect(() => mannWhitneyU([], [1, 2])).toThrow(RangeError);
  });
});

describe('mannWhitneyExactCdf', () => {
  it('sums to one and is symmetric', () => {
    expect(mannWhitneyExactCdf(12, 3, 4)).toBe(1);
    expect(mannWhitneyExactCdf(-1, 3, 4)).toBe(0);
    // U = 0 needs every y above every x: one arrangement of C(7, 3) = 35.
    expect(mannWhitneyExactCdf(0, 3, 4)).toBeCloseTo(1 / 35, 15);
    for (let t = 0; t < 12; t++) {
      expect(mannWhitneyExactCdf(t, 3, 4) + mannWhitneyExactCdf(11 - t, 3, 4)).toBeCloseTo(1, 12);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { expectClose, reference } from '../fixtures/reference.js';
import { uniform } from '../fixtures/random.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { MATERIALIZE_LIMIT, pairwiseDifferenceSelector } from './pairwise-differences.js';

describe('hodgesLehmann', () => {
  reference.hodgesLehmann.forEach((ref, i) => {
    it(`matches numpy's median of pairwise differences and the Moses interval (case ${i})`, () => {
      const result = hodgesLehmann(ref.baseline, ref.candidate, ref.confidence);
      expectClose(result.shift, ref.shift, 1e-12, 1e-12);
      expectClose(result.lower, ref.lower, 1e-12, 1e-12);
      expectClose(result.upper, ref.upper, 1e-12, 1e-12);
    });
  });

  it('has a reference case over MATERIALIZE_LIMIT pairs, so the implicit selector is checked against numpy', () => {
    const big = reference.hodgesLehmann.find(
      (ref) => ref.baseline.length * ref.candidate.length > MATERIALIZE_LIMIT,
    );
    expect(big).toBeDefined();
  });

  it('estimates a pure location shift exactly', () => {
    const base = [3, 7, 1, 9, 4];
    expect(
      hodgesLehmann(
        base,
        base.map((v) => v + 2.5),
      ),
    ).toMatchObject({ shift: 2.5 });
  });

  it('rejects a bad confidence level', () => {
    expect(() => hodgesLehmann([1], [2], 1)).toThrow(RangeError);
  });
});

describe('pairwiseDifferenceSelector', () => {
  it('implicit selection agrees with sorting every difference, ties included', () => {
    const next = uniform(7);
    const x = Array.from({ length: 90 }, () => Math.round(next() * 40));
    const y = Array.from({ length: 70 }, () => Math.round(next() * 40) + 3);
    const diffs = y.flatMap((b) => x.map((a) => b - a)).sort((a, b) => a - b);
    const implicit = pairwiseDifferenceSelector(x, y, 0);
    for (const k of [1, 2, 100, 3150, 3151, 6299, 6300]) expect(implicit(k)).toBe(diffs[k - 1]);
  });

  it('handles continuous values and a 1000 x 1000 sample quickly', () => {
    const next = uniform(11);
    const x = Array.from({ length: 1000 }, () => 100 + next() * 20);
    const y = Array.from({ length: 1000 }, () => 104 + next() * 20);
    const started = performance.now();
    const estimate = hodgesLehmann(x, y);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(estimate.shift).toBeGreaterThan(3);
    expect(estimate.shift).toBeLessThan(5);
    expect(estimate.lower).toBeLessThan(estimate.shift);
    expect(estimate.upper).toBeGreaterThan(estimate.shift);
  });
});

import { describe, expect, it } from 'vitest';
import { binomialSf, logGamma } from './binomial.js';
import { holmAdjust } from './holm.js';
import { requestsToDetect, samplesToDetect } from './power.js';
import { compareRates } from './rates.js';
import { studentTSf, welchTTest } from './student-t.js';

describe('binomialSf', () => {
  it('matches exact tails computed by hand', () => {
    expect(binomialSf(8, 10, 0.5)).toBeCloseTo(56 / 1024, 14);
    expect(binomialSf(3, 10, 0.5)).toBeCloseTo(968 / 1024, 14);
    expect(binomialSf(5, 5, 0.1)).toBeCloseTo(1e-5, 18);
    expect(binomialSf(0, 7, 0.3)).toBe(1);
    expect(binomialSf(8, 7, 0.3)).toBe(0);
  });
  it('stays accurate far in the tail of a large n', () => {
    // P(X >= 200 | n = 200, p = 0.1) = 1e-200
    expect(Math.log10(binomialSf(200, 200, 0.1))).toBeCloseTo(-200, 8);
  });
  it('logGamma gives log factorials', () => {
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe('compareRates', () => {
  it('equal rates are not significant; a pattern only in the candidate is', () => {
    expect(
      compareRates({ count: 100, exposure: 1000 }, { count: 100, exposure: 1000 }).pValue,
    ).toBeGreaterThan(0.4);
    const fresh = compareRates({ count: 0, exposure: 9000 }, { count: 5, exposure: 1000 });
    expect(fresh.ratio).toBe(Infinity);
    expect(fresh.pValue).toBeCloseTo(0.1 ** 5, 12);
  });
  it('equal raw counts at a 10/90 split are a x9 rate: significant even against a x2 null', () => {
    const r = compareRates({ count: 50, exposure: 90_000 }, { count: 50, exposure: 10_000 }, 2);
    expect(r.ratio).toBeCloseTo(9, 12);
    expect(r.pValue).toBeLessThan(1e-10);
  });
  it('no exposure means no evidence', () => {
    expect(compareRates({ count: 0, exposure: 0 }, { count: 5, exposure: 10 })).toEqual({
      ratio: null,
      pValue: 1,
    });
  });
});

describe('holmAdjust', () => {
  it('steps down and stays monotone, in input order', () => {
    const out = holmAdjust([0.01, 0.04, 0.03]);
    expect(out[0]).toBeCloseTo(0.03, 15);
    expect(out[1]).toBeCloseTo(0.06, 15);
    expect(out[2]).toBeCloseTo(0.06, 15);
    expect(holmAdjust([0.9, 0.8])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('power', () => {
  it("Fleiss' sample size for 0.1% -> 0.2% one-sided at 5% with 80% power", () => {
    expect(requestsToDetect(0.001, 0.002, 0.05)).toBe(18_519);
    expect(requestsToDetect(0.002, 0.001, 0.05)).toBeNull();
  });
  it('scales the samples by the squared ratio of z values', () => {
    // p = 0.05 one-sided -> z = 1.645; needs ((1.645 + 0.842) / 1.645)^2 = 2.286x
    expect(samplesToDetect(100, 0.05, 0.05)).toBe(229);
    expect(samplesToDetect(100, 0.7, 0.05)).toBeNull();
  });
});

describe('Student t and Welch', () => {
  it('matches t tables', () => {
    // t(10) upper 5% point is 1.812461; t(1) is Cauchy: P(T > 1) = 0.25
    expect(studentTSf(1.812461, 10)).toBeCloseTo(0.05, 6);
    expect(studentTSf(1, 1)).toBeCloseTo(0.25, 12);
    expect(studentTSf(-1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTSf(0, 7)).toBeCloseTo(0.5, 12);
  });
  it("Welch's test with its Satterthwaite degrees of freedom", () => {
    // scipy.stats.ttest_ind([1,2,3,4,5], [2,4,6,8,10], equal_var=False, alternative='less'):
    // t = -1.8974, df = 5.8824, p = 0.05383
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.difference).toBe(3);
    expect(r.t).toBeCloseTo(1.897367, 5);
    expect(r.df).toBeCloseTo(5.882353, 5);
    expect(r.pValue).toBeCloseTo(0.0538, 3);
  });
});

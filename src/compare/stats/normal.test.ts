import { describe, expect, it } from 'vitest';
import { expectClose, reference } from '../fixtures/reference.js';
import { erfc, normalCdf, normalPpf, normalSf } from './normal.js';

describe('normal distribution', () => {
  it('matches scipy.stats.norm.cdf, including the far lower tail', () => {
    // SciPy flushes the subnormal cdf(-38) = 2.9e-316 to 0; hence the tiny absolute slack.
    for (const [z, expected] of reference.normal.cdf)
      expectClose(normalCdf(z), expected, 1e-12, 1e-307, `cdf(${z})`);
  });

  it('matches scipy.stats.norm.sf in the upper tail', () => {
    for (const [z, expected] of reference.normal.sf) expectClose(normalSf(z), expected, 1e-12, 0, `sf(${z})`);
  });

  it('matches scipy.stats.norm.ppf', () => {
    for (const [p, expected] of reference.normal.ppf)
      expectClose(normalPpf(p), expected, 1e-12, 0, `ppf(${p})`);
  });

  it('round-trips ppf(cdf(z))', () => {
    for (const z of [-30, -8, -3, -1, -0.1, 0.2, 1.5, 4])
      expectClose(normalPpf(normalCdf(z)), z, 1e-9, 1e-12);
  });

  it('handles the edges', () => {
    expect(normalPpf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalPpf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalPpf(1.5)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erfc(Number.NaN)).toBeNaN();
    expect(erfc(0)).toBe(1);
  });
});

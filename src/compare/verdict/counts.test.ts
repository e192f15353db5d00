import { describe, expect, it } from 'vitest';
import { judgeCounts } from './counts.js';

describe('judgeCounts', () => {
  it('fails an error ratio going from 0.1% to 1% over 100k requests', () => {
    const result = judgeCounts({
      signal: 'error ratio',
      baseline: { errors: 100, total: 100_000 },
      candidate: { errors: 1000, total: 100_000 },
    });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toBe('error ratio 0.10% -> 1.00% (+0.90 pp), no tolerance set; z-test p<0.0001');
    expect(result.relativeEffect).toBeCloseTo(10, 12);
    expect(result.shiftLower).toBeGreaterThan(0.008);
    expect(result.shiftUpper).toBeLessThan(0.01);
  });

  it('passes a 10/90 traffic split with the same error ratio', () => {
    const result = judgeCounts({
      signal: 'error ratio',
      baseline: { errors: 900, total: 90_000 },
      candidate: { errors: 100, total: 10_000 },
    });
    expect(result.verdict).toBe('pass');
    expect(result.pValue).toBeCloseTo(0.5, 12);
  });

  it('uses Fisher for rare errors and respects a percentage-point tolerance', () => {
    const input = {
      signal: 'error ratio',
      baseline: { errors: 0, total: 2000 },
      candidate: { errors: 9, total: 2000 },
    };
    const strict = judgeCounts(input);
    expect(strict.verdict).toBe('fail');
    expect(strict.reason).toMatch(
      /^error ratio 0\.00% -> 0\.45% \(\+0\.45 pp\), no tolerance set; Fisher p=0\.0019$/,
    );
    const lenient = judgeCounts({ ...input, tolerance: { absolute: 0.01 } });
    expect(lenient.verdict).toBe('marginal');
    expect(lenient.reason).toContain('within tolerance +1 pp');
  });

  it('passes when nobody errs and returns no_data on too little traffic', () => {
    const clean = judgeCounts({
      signal: 'errors',
      baseline: { errors: 0, total: 500 },
      candidate: { errors: 0, total: 500 },
    });
    expect(clean).toMatchObject({ verdict: 'pass', pValue: 1 });
    const sparse = judgeCounts({
      signal: 'errors',
      baseline: { errors: 0, total: 5000 },
      candidate: { errors: 1, total: 40 },
    });
    expect(sparse).toMatchObject({ verdict: 'no_data', nCandidate: 40, pValue: null });
  });

  it('calls a doubled error ratio on a handful of errors marginal with the requests needed, never pass', () => {
    const result = judgeCounts({
      signal: 'error ratio',
      baseline: { errors: 4, total: 3600 },
      candidate: { errors: 8, total: 3600 },
      tolerance: { absolute: 0.005 },
    });
    expect(result.pValue).toBeGreaterThan(0.1);
    expect(result.verdict).toBe('marginal');
    expect(result.reason).toMatch(
      /within tolerance \+0\.5 pp; z-test p=0\.\d+; possibly worse, too few requests to tell \(3600 on the smaller side; about \d+ requests per side/,
    );
  });

  it('passes an unchanged low error ratio on plenty of requests', () => {
    const result = judgeCounts({
      signal: 'error ratio',
      baseline: { errors: 180, total: 180_000 },
      candidate: { errors: 185, total: 180_000 },
      tolerance: { absolute: 0.005 },
    });
    expect(result.verdict).toBe('pass');
  });
});

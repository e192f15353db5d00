import { describe, expect, it } from 'vitest';
import { normalSamples, uniform } from '../fixtures/random.js';
import { judgeSeries } from './series.js';

/** Latency-like samples (ms) around 100 with a 4 ms spread, from one seeded generator. */
function latencies(seed: number, count: number, offset = 0): number[] {
  return normalSamples(uniform(seed), count, 100 + offset, 4);
}

describe('judgeSeries', () => {
  it('fails the spinnaker/kayenta#780 case that Kayenta passes', () => {
    const result = judgeSeries({
      signal: 'latency',
      direction: 'increase_is_bad',
      baseline: Array<number>(10).fill(1),
      candidate: [...Array<number>(7).fill(100), ...Array<number>(3).fill(1)],
    });
    expect(result.verdict).toBe('fail');
    expect(result.shift).toBe(99);
    expect(result.relativeEffect).toBe(100);
    expect(result.pValue).toBeLessThan(0.001);
  });

  it('passes a no-change control drawn from one generator for both sides', () => {
    const next = uniform(42);
    const all = normalSamples(next, 400, 100, 4);
    const result = judgeSeries({
      signal: 'p50 latency',
      direction: 'increase_is_bad',
      baseline: all.slice(0, 200),
      candidate: all.slice(200),
      tolerance: { relative: 0.02 },
    });
    expect(result.verdict).toBe('pass');
    expect(result.pValue).toBeGreaterThan(0.1);
    expect(Math.abs(result.shift ?? Number.NaN)).toBeLessThan(1);
  });

  it('fails +5 ms over a 100 ms baseline with an absolute tolerance of 2 ms', () => {
    const result = judgeSeries({
      signal: 'p99 latency',
      direction: 'increase_is_bad',
      baseline: latencies(1, 60),
      candidate: latencies(2, 60, 5),
      tolerance: { absolute: 2 },
    });
    expect(result.verdict).toBe('fail');
    expect(result.shift).toBeGreaterThan(3);
    expect(result.shiftLower).toBeLessThan(result.shift ?? Number.NaN);
    expect(result.reason).toMatch(
      /^p99 latency \+\d\.\d+ \(\+\d\.\d%\) in candidate, beyond tolerance \+2; Mann-Whitney p<0\.0001$/,
    );
  });

  it('passes +5 ms with a 10 ms tolerance: a significant change, but within what is acceptable', () => {
    const result = judgeSeries({
      signal: 'p99 latency',
      direction: 'increase_is_bad',
      baseline: latencies(1, 60),
      candidate: latencies(2, 60, 5),
      tolerance: { absolute: 10 },
    });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('within tolerance +10');
  });

  it('judges against the larger allowance when both tolerance forms are given', () => {
    const input = {
      signal: 'p99 latency',
      direction: 'increase_is_bad',
      baseline: latencies(1, 60),
      candidate: latencies(2, 60, 5),
    } as const;
    expect(judgeSeries({ ...input, tolerance: { absolute: 2, relative: 0.1 } }).verdict).toBe('pass');
    expect(judgeSeries({ ...input, tolerance: { absolute: 2, relative: 0.02 } }).verdict).toBe('fail');
  });

  it('ignores an improvement when only increases are bad, and catches a drop when decreases are', () => {
    const baseline = latencies(3, 50);
    const candidate = latencies(4, 50, -8);
    expect(
      judgeSeries({ signal: 'latency', direction: 'increase_is_bad', baseline, candidate }).verdict,
    ).toBe('pass');
    const drop = judgeSeries({ signal: 'throughput', direction: 'decrease_is_bad', baseline, candidate });
    expect(drop.verdict).toBe('fail');
    expect(drop.reason).toMatch(/^throughput -\d\.\d+ \(-\d\.\d%\) in candidate, no tolerance set;/);
    expect(judgeSeries({ signal: 'cpu', direction: 'either', baseline, candidate }).verdict).toBe('fail');
  });

  it('returns no_data with too few finite samples', () => {
    const result = judgeSeries({
      signal: 'latency',
      direction: 'increase_is_bad',
      baseline: [1, 2, 3, Number.NaN, Number.POSITIVE_INFINITY],
      candidate: latencies(5, 20),
    });
    expect(result).toMatchObject({
      verdict: 'no_data',
      nBaseline: 3,
      nCandidate: 20,
      pValue: null,
      shift: null,
    });
    expect(result.reason).toContain('too few samples');
    expect(
      judgeSeries({ signal: 'x', direction: 'either', baseline: [1, 2], candidate: [3, 4], minSamples: 2 })
        .verdict,
    ).not.toBe('no_data');
  });

  it('reports no relative effect for a zero baseline median and rejects a bad alpha', () => {
    const result = judgeSeries({
      signal: 'queue',
      direction: 'increase_is_bad',
      baseline: [0, 0, 0, 0, 0],
      candidate: [0, 0, 0, 0, 1],
    });
    expect(result.relativeEffect).toBeNull();
    expect(() =>
      judgeSeries({ signal: 'x', direction: 'either', baseline: [], candidate: [], alpha: 0 }),
    ).toThrow(RangeError);
  });

  it('calls a shift beyond tolerance on too few samples marginal, saying how many would settle it', () => {
    const result = judgeSeries({
      signal: 'p50 latency',
      direction: 'increase_is_bad',
      baseline: [30, 41, 29, 35, 33],
      candidate: [34, 45, 31, 40, 37],
      tolerance: { absolute: 2 },
    });
    expect(result.verdict).toBe('marginal');
    expect(result.reason).toMatch(
      /possibly worse, too few samples to tell \(5 on the smaller side; about \d+ per side/,
    );
  });

  it('fails a stall: a third of the window far slower while the median is unchanged (Kayenta #780)', () => {
    const normal = [30.1, 29.8, 30.4, 29.9, 30.2, 30.0, 29.7, 30.3, 30.05, 29.95, 30.15, 29.85, 30.25];
    const stalled = [...normal.slice(0, 9), 130, 131, 129, 132];
    const result = judgeSeries({
      signal: 'p99 latency',
      direction: 'increase_is_bad',
      baseline: normal,
      candidate: stalled,
      tolerance: { absolute: 2, relative: 0.05 },
    });
    expect(Math.abs(result.shift ?? Infinity)).toBeLessThan(2);
    expect(result.verdict).toBe('fail');
    expect(result.stallShift).toBeCloseTo(30.908, 3);
    expect(result.reason).toMatch(
      /^p99 latency: stalls in candidate, mean \+30\.\d+ while the median barely moved, beyond tolerance \+2 \/ \+5%; Welch t-test p=0\.0\d+$/,
    );
  });
});

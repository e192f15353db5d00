import { describe, expect, it } from 'vitest';
import { overall } from './overall.js';
import { allowedShift, classify } from './rules.js';

describe('overall', () => {
  it('fails on a critical fail whatever the score', () => {
    const result = overall([
      { signal: 'error ratio', verdict: 'fail', critical: true },
      ...Array.from({ length: 20 }, () => ({ verdict: 'pass' as const })),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.score).toBeCloseTo((100 * 20) / 21, 12);
    expect(result.reason).toMatch(/^critical signal failed: error ratio; score 95/);
  });

  it('scores the weighted share of passes, marginal counting half, no_data left out', () => {
    const result = overall([
      { verdict: 'pass', weight: 3 },
      { verdict: 'marginal', weight: 2 },
      { verdict: 'no_data', weight: 50 },
    ]);
    expect(result.score).toBe(80);
    expect(result.verdict).toBe('marginal');
    expect(result.reason).toBe('score 80 (1 pass, 1 marginal, 0 fail, 1 no data)');
  });

  it('applies the 90 / 70 thresholds', () => {
    const ten = (verdict: 'pass' | 'fail', n: number) => Array.from({ length: n }, () => ({ verdict }));
    expect(overall([...ten('pass', 9), ...ten('fail', 1)]).verdict).toBe('pass');
    expect(overall([...ten('pass', 7), ...ten('fail', 3)]).verdict).toBe('marginal');
    expect(overall([...ten('pass', 6), ...ten('fail', 4)]).verdict).toBe('fail');
    expect(overall([{ verdict: 'fail' }, ...ten('pass', 20)]).verdict).toBe('pass');
  });

  it('is no_data when nothing had data', () => {
    expect(overall([{ verdict: 'no_data' }, { verdict: 'no_data', critical: true }])).toMatchObject({
      verdict: 'no_data',
      score: null,
    });
    expect(overall([]).verdict).toBe('no_data');
  });
});

describe('verdict rules', () => {
  it('allows the larger of the given tolerance forms', () => {
    expect(allowedShift({ absolute: 5, relative: 0.1 }, 100)).toBe(10);
    expect(allowedShift({ absolute: 5, relative: 0.1 }, 20)).toBe(5);
    expect(allowedShift({ relative: 0.1 }, -30)).toBe(3);
    expect(allowedShift(undefined, 100)).toBe(0);
  });

  it('classifies significance against tolerance', () => {
    expect(classify(0.01, 0.05, 3, 2)).toBe('fail');
    expect(classify(0.01, 0.05, 1, 2)).toBe('pass');
    expect(classify(0.08, 0.05, 3, 2)).toBe('marginal');
    expect(classify(0.2, 0.05, 3, 2)).toBe('marginal');
    expect(classify(0.08, 0.05, 1, 2)).toBe('pass');
  });

  it('never passes with a critical signal in doubt', () => {
    const result = overall([
      { signal: 'error ratio', verdict: 'marginal', critical: true },
      ...Array.from({ length: 20 }, () => ({ verdict: 'pass' as const })),
    ]);
    expect(result.verdict).toBe('marginal');
    expect(result.reason).toMatch(/^critical signal in doubt: error ratio; score 98/);
  });

  it('never fails the whole on marginal signals alone', () => {
    const result = overall([{ verdict: 'marginal' }, { verdict: 'no_data' }, { verdict: 'no_data' }]);
    expect(result.verdict).toBe('marginal');
    expect(result.score).toBe(50);
  });
});

import { describe, expect, it } from 'vitest';
import { isStepwise } from './stepwise.js';

describe('isStepwise', () => {
  it('is true for queries evaluated point by point, false with an @ modifier or a syntax error', () => {
    for (const q of [
      'rate(x[5m])',
      'sum by (env) (rate(x[5m] offset 1h))',
      'max_over_time(rate(x[1m])[1h:1m])',
    ])
      expect(isStepwise(q), q).toBe(true);
    for (const q of ['x @ start()', 'rate(x[5m] @ end())', 'sum(x @ 1700000000)', 'rate(x[5m'])
      expect(isStepwise(q), q).toBe(false);
  });
});

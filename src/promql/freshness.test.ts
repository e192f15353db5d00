import { describe, expect, it } from 'vitest';
import { freshnessProbe } from './freshness.js';

describe('freshnessProbe', () => {
  it('names every selector behind the query and the window a point looks back over', () => {
    expect(freshnessProbe('sum by (env) (rate(http_requests_total{code="500"}[5m]))')).toEqual({
      selectors: ['http_requests_total{code="500"}'],
      windowMs: 300_000,
    });
    const two = freshnessProbe('sum(rate(a[10m])) / sum(rate(b[1m] offset 2m))');
    expect(two).toEqual({ selectors: ['a', 'b'], windowMs: 12 * 60_000 });
  });

  it('gives up where freshness says nothing (no selector, @ modifier)', () => {
    expect(freshnessProbe('1 + 2')).toBeUndefined();
    expect(freshnessProbe('rate(a[5m] @ 100)')).toBeUndefined();
  });
});

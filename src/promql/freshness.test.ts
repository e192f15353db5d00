import { describe, expect, it } from 'vitest';
import { freshnessProbe } from './freshness.js';

describe('freshnessProbe', () => {
  it('asks for the latest raw sample behind every selector, the stalest winning', () => {
    expect(freshnessProbe('sum by (env) (rate(http_requests_total{code="500"}[5m]))')).toEqual({
      query: 'max(timestamp(http_requests_total{code="500"}))',
      windowMs: 300_000,
    });
    const two = freshnessProbe('sum(rate(a[10m])) / sum(rate(b[1m] offset 2m))');
    expect(two?.windowMs).toBe(12 * 60_000);
    expect(two?.query).toBe(
      'min(label_replace(max(timestamp(a)), "__parallax_probe", "0", "__name__", ".*") or label_replace(max(timestamp(b)), "__parallax_probe", "1", "__name__", ".*"))',
    );
  });

  it('gives up where freshness says nothing (no selector, @ modifier)', () => {
    expect(freshnessProbe('1 + 2')).toBeUndefined();
    expect(freshnessProbe('rate(a[5m] @ 100)')).toBeUndefined();
  });
});

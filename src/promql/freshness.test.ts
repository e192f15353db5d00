import { describe, expect, it } from 'vitest';
import { freshnessProbe, narrowSelector } from './freshness.js';

describe('freshnessProbe', () => {
  it('names every selector behind the query and the window a point looks back over', () => {
    expect(freshnessProbe('sum by (env) (rate(http_requests_total{code="500"}[5m]))')).toMatchObject({
      selectors: ['http_requests_total{code="500"}'],
      windowMs: 300_000,
    });
    const two = freshnessProbe('sum(rate(a[10m])) / sum(rate(b[1m] offset 2m))');
    expect(two).toEqual({ selectors: ['a', 'b'], windowMs: 12 * 60_000 });
  });

  it('narrows the selector to given output series where their labels are labels of its inputs', () => {
    const series = [{ instance: 'w7', job: 'a"b' }, { instance: 'w.9' }];
    const narrowed = '{instance=~"w7|w\\\\.9",job=~"a\\"b|"}';
    expect(freshnessProbe('rate(x{job!=""}[5m])')?.narrow?.(series)).toEqual([
      `x{job!="",${narrowed.slice(1)}`,
    ]);
    expect(freshnessProbe('clamp_min(x, 0)')?.narrow?.(series)).toEqual([`x${narrowed}`]);
    const grouped = 'histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))';
    expect(freshnessProbe(grouped)?.narrow?.([{ job: 'a' }])).toEqual(['x_bucket{job=~"a"}']);
    expect(freshnessProbe('topk(3, sum without (i) (x))')?.narrow?.([{ job: 'a' }])).toEqual(['x{job=~"a"}']);
    for (const q of [
      'count_values("v", x)',
      'a + b',
      'x * 2',
      'label_replace(x, "a", "b", "c", ".*")',
      'max_over_time(rate(x[1m])[5m:])',
    ])
      expect(freshnessProbe(q)?.narrow, q).toBeUndefined();
  });

  it('leaves the probe whole where the series cannot be written as matchers', () => {
    expect(narrowSelector('x', [])).toBeUndefined();
    expect(
      narrowSelector(
        'x',
        Array.from({ length: 65 }, (_, i) => ({ i: String(i) })),
      ),
    ).toBeUndefined();
    expect(narrowSelector('x{}', [{ 'not a name': 'v' }])).toBeUndefined();
    expect(narrowSelector('x{}', [{ __name__: 'x' }])).toEqual(['x{}']);
    expect(narrowSelector('x{a="1",}', [{ b: '2' }])).toEqual(['x{a="1",b=~"2"}']);
  });

  it('gives up where freshness says nothing (no selector, @ modifier)', () => {
    expect(freshnessProbe('1 + 2')).toBeUndefined();
    expect(freshnessProbe('rate(a[5m] @ 100)')).toBeUndefined();
  });
});

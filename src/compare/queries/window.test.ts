import { describe, expect, it } from 'vitest';
import { integrateCounts, windowQueries } from './window.js';

const cfg = (template: 'istio' | 'promclient' | 'custom', overrides: Record<string, string> = {}) => ({
  template,
  vars: {},
  overrides,
});

describe('windowQueries', () => {
  it('builds increase() over the whole window in each template, the service escaped', () => {
    const q = windowQueries(cfg('istio'), 'pay"}) or vector(1', 3_600_000);
    expect(q?.total).toBe(
      'sum(increase(istio_requests_total{destination_service_name="pay\\"}) or vector(1",reporter="destination"}[1h]))',
    );
    expect(q?.errors).toContain(',response_code=~"5.."}[1h]');
    const p = windowQueries(cfg('promclient'), 'api', 1_800_000);
    expect(p?.p99).toBe(
      'histogram_quantile(0.99, sum by (le) (increase(http_request_duration_seconds_bucket{service="api"}[30m]))) * 1000',
    );
  });

  it('gives up for custom templates and overridden signals (the caller integrates the series)', () => {
    expect(windowQueries(cfg('custom'), 'api', 60_000)).toBeNull();
    expect(windowQueries(cfg('istio', { request_rate: 'sum(rate(x[1m]))' }), 'api', 60_000)).toBeNull();
  });
});

describe('integrateCounts', () => {
  it('sums rate x step and the errors the ratio implies', () => {
    const rate = [0, 1, 2].map((i) => ({ t: i * 60_000, v: 10 }));
    const ratio = [0, 1, 2].map((i) => ({ t: i * 60_000, v: i === 2 ? Number.NaN : 0.01 }));
    expect(integrateCounts(rate, ratio, 60_000)).toEqual({ total: 1800, errors: 12 });
  });
});

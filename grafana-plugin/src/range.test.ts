import { describe, expect, it } from 'vitest';
import { toRange } from './range';

const T = Date.UTC(2026, 10, 26, 5, 0, 0);
const HOUR = 3_600_000;

describe('dashboard range -> GraphQL TimeRangeInput', () => {
  it('gives RFC3339 ends and follows Grafana interval, at least 15 s for series and 60 s for compares', () => {
    expect(toRange(T, T + HOUR, 15_000, 'series')).toEqual({
      start: '2026-11-26T05:00:00.000Z',
      end: '2026-11-26T06:00:00.000Z',
      step: '15s',
    });
    expect(toRange(T, T + HOUR, 2_000, 'series').step).toBe('15s');
    expect(toRange(T, T + HOUR, 15_000, 'compare').step).toBe('60s');
    expect(toRange(T, T + HOUR, 120_500, 'series').step).toBe('121s');
  });

  it('keeps under the gateway point limits (11,000 per series, 1,500 for compares)', () => {
    const month = 30 * 24 * HOUR;
    expect(toRange(T, T + month, 1_000, 'series').step).toBe(`${Math.ceil(month / 1000 / 11_000)}s`);
    expect(toRange(T, T + month, 1_000, 'compare').step).toBe('1728s');
  });
});

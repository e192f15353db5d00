import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors/index.js';
import { DEFAULT_TOLERANCES, resolveTolerances } from './tolerances.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParallaxError) return `${err.code} ${err.field}`;
    throw err;
  }
  return undefined;
};

describe('resolveTolerances', () => {
  it('overrides the defaults per signal', () => {
    const t = resolveTolerances([{ signal: 'latency_p99', absolute: 10 }]);
    expect(t.latency_p99).toEqual({ absolute: 10 });
    expect(t.latency_p50).toEqual(DEFAULT_TOLERANCES.latency_p50);
  });

  it('rejects out-of-range, empty, duplicate and unjudged tolerances naming the field', () => {
    expect(fieldOf(() => resolveTolerances([{ signal: 'latency_p50', relative: 20 }]))).toBe(
      'BAD_INPUT tolerances.0.relative',
    );
    expect(fieldOf(() => resolveTolerances([{ signal: 'error_ratio', absolute: 2 }]))).toBe(
      'BAD_INPUT tolerances.0.absolute',
    );
    expect(fieldOf(() => resolveTolerances([{ signal: 'latency_p50', absolute: -1 }]))).toBe(
      'BAD_INPUT tolerances.0.absolute',
    );
    expect(fieldOf(() => resolveTolerances([{ signal: 'latency_p50' }]))).toBe('BAD_INPUT tolerances.0');
    expect(fieldOf(() => resolveTolerances([{ signal: 'request_rate', relative: 0.1 }]))).toBe(
      'BAD_INPUT tolerances.0.signal',
    );
    expect(
      fieldOf(() =>
        resolveTolerances([
          { signal: 'latency_p50', absolute: 1 },
          { signal: 'latency_p50', absolute: 2 },
        ]),
      ),
    ).toBe('BAD_INPUT tolerances.1.signal');
  });
});

import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors/index.js';
import { parseAttributeFilters, parseSpanDuration, parseTraceId } from './input.js';
import { quantile } from './stats.js';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParallaxError && err.code === 'BAD_INPUT') return err.field;
    throw err;
  }
  return undefined;
}

describe('parseSpanDuration', () => {
  it('reads Go durations into µs', () => {
    expect(parseSpanDuration('250ms', 'd')).toBe(250_000);
    expect(parseSpanDuration('1.5s', 'd')).toBe(1_500_000);
    expect(parseSpanDuration('300us', 'd')).toBe(300);
    expect(parseSpanDuration('300µs', 'd')).toBe(300);
    expect(parseSpanDuration('1m30s', 'd')).toBe(90_000_000);
    expect(parseSpanDuration('500ns', 'd')).toBe(0.5);
  });
  it('rejects negative, unitless or unknown units, naming the field', () => {
    for (const bad of ['-5ms', '5', 'ms', '5d', ''])
      expect(fieldOf(() => parseSpanDuration(bad, 'minDuration'))).toBe('minDuration');
  });
});

describe('parseTraceId', () => {
  it('normalises and rejects', () => {
    expect(parseTraceId(' ABC ', 'id')).toBe('00000000000000000000000000000abc');
    expect(fieldOf(() => parseTraceId('xyz', 'id'))).toBe('id');
    expect(fieldOf(() => parseTraceId('0', 'id'))).toBe('id');
  });
});

describe('parseAttributeFilters', () => {
  it('builds a map and names the bad entry', () => {
    expect(parseAttributeFilters([{ key: 'http.status_code', value: '500' }], 'attributes')).toEqual({
      'http.status_code': '500',
    });
    expect(fieldOf(() => parseAttributeFilters([{ key: '', value: 'x' }], 'attributes'))).toBe(
      'attributes.0.key',
    );
    const dup = [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
    ];
    expect(fieldOf(() => parseAttributeFilters(dup, 'attributes'))).toBe('attributes.1.key');
    expect(fieldOf(() => parseAttributeFilters([{ key: 'a', value: 'x\ny' }], 'attributes'))).toBe(
      'attributes.0.value',
    );
  });
});

describe('quantile', () => {
  it('interpolates linearly between ranks', () => {
    const v = [10, 20, 30, 40];
    expect(quantile(v, 0.5)).toBe(25);
    expect(quantile(v, 0.99)).toBeCloseTo(39.7, 10);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

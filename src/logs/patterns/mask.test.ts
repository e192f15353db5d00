import { describe, expect, it } from 'vitest';
import { maskLine, maskToken } from './mask.js';

describe('maskToken', () => {
  it.each([
    ['42'],
    ['-7'],
    ['3.14'],
    ['12ms'],
    ['3.5s'],
    ['10KB'],
    ['99%'],
    ['1h30m'],
    ['250µs'],
    ['0x1f'],
    ['deadbeef42'],
    ['4bf92f3577b34da6a3ce929d0e0e4736'],
    ['123e4567-e89b-12d3-a456-426614174000'],
    ['10.0.0.12'],
    ['10.0.0.12:5432'],
    ['fe80::1'],
    ['2024-05-01T10:11:12.345Z'],
    ['2024-05-01'],
    ['10:11:12'],
    ['alice@example.com'],
    ['(12ms)'],
    ['[2024-05-01T10:11:12Z]'],
    ['42,'],
  ])('masks %s', (token) => {
    expect(maskToken(token)).toBe('<*>');
  });

  it.each([['connected'], ['http2'], ['v1'], ['sha256'], ['deadbeef'], ['ERROR:'], ['"quoted"'], ['<*>']])(
    'keeps %s',
    (token) => {
      expect(maskToken(token)).toBe(token);
    },
  );

  it('masks the variable parts of paths and urls only', () => {
    expect(maskToken('/api/users/42/orders')).toBe('/api/users/<*>/orders');
    expect(maskToken('/orders/123e4567-e89b-12d3-a456-426614174000?page=2&sort=asc')).toBe(
      '/orders/<*>?page=<*>&sort=asc',
    );
    expect(maskToken('https://db.internal:8443/v1/items')).toBe('https://db.internal:<*>/v1/items');
    expect(maskToken('session:abc123')).toBe('session:abc123');
  });
});

describe('maskLine', () => {
  it('splits on any whitespace and drops empty tokens', () => {
    expect(maskLine('  connected\tto  db in 12 ms ')).toEqual(['connected', 'to', 'db', 'in', '<*>', 'ms']);
    expect(maskLine('')).toEqual([]);
    expect(maskLine('a\u00a0b\u2003c\r\n')).toEqual(['a', 'b', 'c']);
  });

  it('splits key=value into the key and the masked value', () => {
    expect(maskLine('status=200 user=alice retries= took=12ms')).toEqual([
      'status=',
      '<*>',
      'user=',
      'alice',
      'retries=',
      'took=',
      '<*>',
    ]);
  });

  it('keeps urls with query strings as one token', () => {
    expect(maskLine('GET /search?q=1 from 10.1.2.3:80')).toEqual(['GET', '/search?q=<*>', 'from', '<*>']);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidTraceIdInput, normalizeSpanId, normalizeTraceId } from './trace-ids.js';

describe('normalizeTraceId', () => {
  it('keeps 32 hex digits, lowercased', () => {
    expect(normalizeTraceId('0AF7651916CD43DD8448EB211C80319C')).toBe('0af7651916cd43dd8448eb211c80319c');
  });
  it('left-pads the 16 digits legacy Jaeger prints when the high half is 0', () => {
    expect(normalizeTraceId('8448eb211c80319c')).toBe('00000000000000008448eb211c80319c');
    expect(normalizeTraceId('1')).toBe('00000000000000000000000000000001');
  });
  it('decodes OTLP base64 ids', () => {
    const hex = '0af7651916cd43dd8448eb211c80319c';
    expect(normalizeTraceId(Buffer.from(hex, 'hex').toString('base64'))).toBe(hex);
  });
  it('rejects what is neither', () => {
    expect(normalizeTraceId('')).toBeUndefined();
    expect(normalizeTraceId('xyz')).toBeUndefined();
    expect(normalizeTraceId('0'.repeat(33))).toBeUndefined();
  });
});

describe('normalizeSpanId', () => {
  it('pads, lowercases and decodes base64', () => {
    expect(normalizeSpanId('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
    expect(normalizeSpanId('2')).toBe('0000000000000002');
    expect(normalizeSpanId(Buffer.from('00f067aa0ba902b7', 'hex').toString('base64'))).toBe(
      '00f067aa0ba902b7',
    );
    expect(normalizeSpanId('0'.repeat(17))).toBeUndefined();
  });
});

describe('isValidTraceIdInput', () => {
  it('accepts hex ids up to 32 digits, not all zeros', () => {
    expect(isValidTraceIdInput('abc123')).toBe(true);
    expect(isValidTraceIdInput('0'.repeat(32))).toBe(false);
    expect(isValidTraceIdInput('g'.repeat(32))).toBe(false);
    expect(isValidTraceIdInput('a'.repeat(33))).toBe(false);
  });
});

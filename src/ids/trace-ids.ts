import { z } from 'zod';

const HEX_RE = /^[0-9a-f]+$/i;
const B64_TRACE_RE = /^[A-Za-z0-9+/]{22}==$/;
const B64_SPAN_RE = /^[A-Za-z0-9+/]{11}=$/;

function fromBase64(raw: string): string {
  return Buffer.from(raw, 'base64').toString('hex');
}

function hexId(raw: string, width: number, b64: RegExp): string | undefined {
  if (b64.test(raw)) return fromBase64(raw);
  if (raw.length === 0 || raw.length > width || !HEX_RE.test(raw)) return undefined;
  // Legacy Jaeger prints 16 digits when the high half of a trace id is 0: pad back to full width.
  return raw.toLowerCase().padStart(width, '0');
}

/** A trace id as 32 lowercase hex digits, from hex of any width up to 32 or OTLP base64; undefined if neither. */
export function normalizeTraceId(raw: string): string | undefined {
  return hexId(raw, 32, B64_TRACE_RE);
}

/** A span id as 16 lowercase hex digits; undefined if malformed. */
export function normalizeSpanId(raw: string): string | undefined {
  return hexId(raw, 16, B64_SPAN_RE);
}

const ZERO_RE = /^0+$/;

/** True for a well-formed, non-zero trace id a user may ask for (hex only: users never type base64). */
export function isValidTraceIdInput(raw: string): boolean {
  return raw.length > 0 && raw.length <= 32 && HEX_RE.test(raw) && !ZERO_RE.test(raw);
}

// zod checks ids with plain regexes (a transform per id costs more than the rest of a span's parse);
// the converters then normalise them with toTraceId / toSpanId, which cannot fail after the check.
const TRACE_ID_RE = /^(?:[0-9a-fA-F]{1,32}|[A-Za-z0-9+/]{22}==)$/;
const SPAN_ID_RE = /^(?:[0-9a-fA-F]{1,16}|[A-Za-z0-9+/]{11}=)$/;

export const traceIdSchema = z.string().regex(TRACE_ID_RE, 'malformed trace id');
export const spanIdSchema = z.string().regex(SPAN_ID_RE, 'malformed span id');
/** Optional parent: absent, empty or all zeros mean "no parent" (see toParentId). */
export const parentIdSchema = z
  .union([z.literal(''), z.string().regex(SPAN_ID_RE, 'malformed parent span id')])
  .optional();

export const toTraceId = (checked: string): string => normalizeTraceId(checked) as string;
export const toSpanId = (checked: string): string => normalizeSpanId(checked) as string;
export function toParentId(checked: string | undefined): string | undefined {
  if (checked === undefined || checked === '') return undefined;
  const id = toSpanId(checked);
  return ZERO_RE.test(id) ? undefined : id;
}

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

/** zod: a backend's trace id, normalised; a malformed one fails the parse (BACKEND_INVALID_RESPONSE). */
export const traceIdSchema = z.string().transform((raw, ctx) => {
  const id = normalizeTraceId(raw);
  if (id === undefined) ctx.addIssue({ code: 'custom', message: `malformed trace id "${raw}"` });
  return id ?? z.NEVER;
});

export const spanIdSchema = z.string().transform((raw, ctx) => {
  const id = normalizeSpanId(raw);
  if (id === undefined) ctx.addIssue({ code: 'custom', message: `malformed span id "${raw}"` });
  return id ?? z.NEVER;
});

/** An optional parent id: empty or all zeros means "no parent". */
export const parentIdSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '' || ZERO_RE.test(raw)) return undefined;
    const id = normalizeSpanId(raw);
    if (id === undefined) ctx.addIssue({ code: 'custom', message: `malformed parent span id "${raw}"` });
    return id ?? z.NEVER;
  });

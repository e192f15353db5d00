import { isValidTraceIdInput, normalizeTraceId } from '../ids/index.js';
import { badInput } from '../errors/index.js';

/** Input checks shared by every surface (GraphQL, Jaeger API), so both reject the same things the same way. */

/** A user-supplied trace id (1-32 hex digits) as 32 lowercase hex. */
export function parseTraceId(raw: string, field: string): string {
  const text = raw.trim();
  if (!isValidTraceIdInput(text))
    throw badInput(field, `"${raw}" is not a trace id (1 to 32 hex digits, not all zeros)`);
  return normalizeTraceId(text) as string;
}

const UNIT_US = { ns: 0.001, us: 1, µs: 1, ms: 1000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 } as const;
const SPAN_DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const PART_RE = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** A span duration like `250ms`, `1.5s`, `300us` or `1m30s` (Go's syntax, as Jaeger takes it) in µs. */
export function parseSpanDuration(raw: string, field: string): number {
  const text = raw.trim();
  if (!SPAN_DURATION_RE.test(text)) {
    throw badInput(field, `"${raw}" is not a duration (use e.g. 300us, 250ms, 1.5s)`);
  }
  let us = 0;
  for (const [, n, unit] of text.matchAll(PART_RE)) us += Number(n) * UNIT_US[unit as keyof typeof UNIT_US];
  return Math.round(us * 1000) / 1000;
}

export interface AttributeFilter {
  key: string;
  value: string;
}

const MAX_KEY = 256;
const MAX_VALUE = 4096;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Attribute filters as one map; keys must be non-empty, unique and printable. */
export function parseAttributeFilters(
  filters: readonly AttributeFilter[],
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  filters.forEach(({ key, value }, i) => {
    const at = `${field}.${i}`;
    if (key.trim() === '' || key.length > MAX_KEY || CONTROL_RE.test(key)) {
      throw badInput(`${at}.key`, `attribute key must be 1-${MAX_KEY} printable characters`);
    }
    if (value.length > MAX_VALUE || CONTROL_RE.test(value)) {
      throw badInput(`${at}.value`, `attribute value must be at most ${MAX_VALUE} printable characters`);
    }
    if (Object.hasOwn(out, key)) throw badInput(`${at}.key`, `attribute "${key}" is given twice`);
    out[key] = value;
  });
  return out;
}

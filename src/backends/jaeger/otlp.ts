import { z } from 'zod';
import { int64Value, timing, toBigNs } from './attributes.js';
import {
  parentIdSchema,
  spanIdSchema,
  toParentId,
  toSpanId,
  toTraceId,
  traceIdSchema,
} from '../../ids/index.js';
import type { AttributeValue, Attributes, Span, SpanEvent, SpanKind, SpanStatus } from './model.js';

/** OTLP JSON (what api_v3 returns under `result`), checked with zod; unknown fields are ignored. */
interface OtlpAnyValue {
  stringValue?: string | undefined;
  boolValue?: boolean | undefined;
  intValue?: string | number | undefined;
  doubleValue?: number | string | undefined;
  bytesValue?: string | undefined;
  arrayValue?: { values?: OtlpAnyValue[] | undefined } | undefined;
  kvlistValue?: { values?: { key: string; value?: OtlpAnyValue | undefined }[] | undefined } | undefined;
}

// Arrays and maps nest values; only they go through z.lazy, which would slow the common scalar case.
const nested = z.lazy(() => anyValue);
const anyValue: z.ZodType<OtlpAnyValue> = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).optional(),
  doubleValue: z.union([z.number(), z.string()]).optional(),
  bytesValue: z.string().optional(),
  arrayValue: z.object({ values: z.array(nested).optional() }).optional(),
  kvlistValue: z
    .object({ values: z.array(z.object({ key: z.string(), value: nested.optional() })).optional() })
    .optional(),
});

const keyValues = z.array(z.object({ key: z.string(), value: anyValue.optional() })).default([]);
const nanos = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);
const enumOrNumber = z.union([z.number().int(), z.string()]);

const otlpSpan = z.object({
  traceId: traceIdSchema,
  spanId: spanIdSchema,
  parentSpanId: parentIdSchema,
  name: z.string().default(''),
  kind: enumOrNumber.optional(),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: keyValues,
  events: z
    .array(
      z.object({ timeUnixNano: nanos.default('0'), name: z.string().default(''), attributes: keyValues }),
    )
    .default([]),
  status: z.object({ code: enumOrNumber.optional(), message: z.string().optional() }).optional(),
});

export const otlpTracesData = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: keyValues }).optional(),
        scopeSpans: z.array(z.object({ spans: z.array(otlpSpan).default([]) })).default([]),
      }),
    )
    .default([]),
});

export const v3Envelope = z.object({ result: otlpTracesData });
export type OtlpTracesData = z.infer<typeof otlpTracesData>;
type OtlpSpan = z.infer<typeof otlpSpan>;

function plainValue(v: OtlpAnyValue | undefined): unknown {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return int64Value(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.bytesValue !== undefined) return v.bytesValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(plainValue);
  if (v.kvlistValue)
    return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, plainValue(kv.value)]));
  return null;
}

function attributeValue(v: OtlpAnyValue | undefined): AttributeValue {
  const plain = plainValue(v);
  if (typeof plain === 'string' || typeof plain === 'number' || typeof plain === 'boolean') return plain;
  // Arrays and maps: JSON text, as legacy Jaeger renders them.
  return JSON.stringify(plain);
}

export function toAttributes(kvs: readonly { key: string; value?: OtlpAnyValue | undefined }[]): Attributes {
  const out: Attributes = {};
  for (const kv of kvs) out[kv.key] = attributeValue(kv.value);
  return out;
}

const KIND_BY_NUMBER: readonly SpanKind[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

function spanKind(raw: number | string | undefined): SpanKind {
  if (typeof raw === 'number') return KIND_BY_NUMBER[raw] ?? 'unspecified';
  const name = (raw ?? '').replace(/^SPAN_KIND_/, '').toLowerCase();
  return (KIND_BY_NUMBER as readonly string[]).includes(name) ? (name as SpanKind) : 'unspecified';
}

function spanStatus(raw: number | string | undefined): SpanStatus {
  if (raw === 2 || raw === 'STATUS_CODE_ERROR') return 'error';
  if (raw === 1 || raw === 'STATUS_CODE_OK') return 'ok';
  return 'unset';
}

function events(span: OtlpSpan): SpanEvent[] {
  return span.events.map((e) => ({
    timeNs: toBigNs(e.timeUnixNano).toString(),
    name: e.name,
    attributes: toAttributes(e.attributes),
  }));
}

function toSpan(span: OtlpSpan, env: string, service: string, resource: Attributes): Span {
  const parent = toParentId(span.parentSpanId);
  const start = toBigNs(span.startTimeUnixNano);
  const end = toBigNs(span.endTimeUnixNano);
  const status = spanStatus(span.status?.code);
  const message = span.status?.message;
  return {
    traceId: toTraceId(span.traceId),
    spanId: toSpanId(span.spanId),
    ...(parent === undefined ? {} : { parentSpanId: parent }),
    env,
    service,
    operation: span.name,
    kind: spanKind(span.kind),
    ...timing(start, end > start ? end - start : 0n),
    status,
    error: status === 'error',
    ...(message ? { statusMessage: message } : {}),
    attributes: toAttributes(span.attributes),
    resource,
    events: events(span),
  };
}

/** Flattens OTLP resource spans into normalised spans. */
export function spansFromOtlp(data: OtlpTracesData, env: string): Span[] {
  const spans: Span[] = [];
  for (const rs of data.resourceSpans) {
    const { ['service.name']: service, ...resource } = toAttributes(rs.resource?.attributes ?? []);
    for (const scope of rs.scopeSpans) {
      for (const raw of scope.spans) {
        spans.push(toSpan(raw, env, typeof service === 'string' ? service : '', resource));
      }
    }
  }
  return spans;
}

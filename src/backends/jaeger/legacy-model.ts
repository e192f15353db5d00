import { z } from 'zod';
import { int64Value, timing } from './attributes.js';
import {
  parentIdSchema,
  spanIdSchema,
  toParentId,
  toSpanId,
  toTraceId,
  traceIdSchema,
} from '../../ids/index.js';
import type { AttributeValue, Attributes, Span, SpanKind, SpanStatus } from './model.js';
import { SPAN_KINDS } from './model.js';

/** Jaeger's legacy (UI) JSON, checked with zod. `null` stands for an empty list in Go's encoder. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const keyValue = z.object({ key: z.string(), type: z.string().optional(), value: z.unknown() });
type KeyValue = z.infer<typeof keyValue>;
const micros = z.number().nonnegative();

const legacySpan = z.object({
  traceID: traceIdSchema,
  spanID: spanIdSchema,
  parentSpanID: parentIdSchema,
  operationName: z.string(),
  references: list(z.object({ refType: z.string(), traceID: traceIdSchema, spanID: spanIdSchema })),
  startTime: micros,
  duration: micros,
  tags: list(keyValue),
  logs: list(z.object({ timestamp: micros, fields: list(keyValue) })),
  processID: z.string().optional(),
});

const legacyTrace = z.object({
  traceID: traceIdSchema,
  spans: list(legacySpan),
  processes: z.record(z.string(), z.object({ serviceName: z.string(), tags: list(keyValue) })).default({}),
});

export const legacyError = z.object({ code: z.number().optional(), msg: z.string() });

/** The `{data, total, limit, offset, errors}` envelope around every legacy answer. */
export const legacyEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ data: data.nullable(), errors: list(legacyError) });

export const legacyTraces = list(legacyTrace);
export const legacyStrings = list(z.string());
export const legacyOperations = list(z.object({ name: z.string(), spanKind: z.string().default('') }));
export const legacyDependencies = list(
  z.object({ parent: z.string(), child: z.string(), callCount: z.number().int().nonnegative() }),
);

type LegacyTrace = z.infer<typeof legacyTrace>;
type LegacySpan = z.infer<typeof legacySpan>;

function tagValue(kv: KeyValue): AttributeValue {
  const v = kv.value;
  if (kv.type === 'int64' && (typeof v === 'string' || typeof v === 'number')) return int64Value(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function toAttributes(kvs: readonly KeyValue[]): Attributes {
  const out: Attributes = {};
  for (const kv of kvs) out[kv.key] = tagValue(kv);
  return out;
}

// Tags the OTLP -> Jaeger conversion synthesises; they become fields of the model instead.
const SYNTHETIC_TAGS = [
  'span.kind',
  'otel.status_code',
  'otel.status_description',
  'error',
  'otel.scope.name',
  'otel.scope.version',
  'internal.span.format',
] as const;

export function toSpanKind(raw: unknown): SpanKind {
  const name = typeof raw === 'string' ? raw.toLowerCase() : '';
  return (SPAN_KINDS as readonly string[]).includes(name) ? (name as SpanKind) : 'unspecified';
}

function statusOf(tags: Attributes): SpanStatus {
  const code = tags['otel.status_code'];
  if (code === 'ERROR' || tags.error === true || tags.error === 'true') return 'error';
  return code === 'OK' ? 'ok' : 'unset';
}

function parentOf(span: LegacySpan): string | undefined {
  const ref = span.references.find(
    (r) => r.refType === 'CHILD_OF' && toTraceId(r.traceID) === toTraceId(span.traceID),
  );
  return toParentId(ref?.spanID ?? span.parentSpanID);
}

interface Process {
  service: string;
  resource: Attributes;
}

function toSpan(span: LegacySpan, env: string, processes: ReadonlyMap<string, Process>): Span {
  const all = toAttributes(span.tags);
  const status = statusOf(all);
  const message = all['otel.status_description'];
  const attributes = Object.fromEntries(
    Object.entries(all).filter(([k]) => !(SYNTHETIC_TAGS as readonly string[]).includes(k)),
  );
  const proc = span.processID === undefined ? undefined : processes.get(span.processID);
  const parent = parentOf(span);
  return {
    traceId: toTraceId(span.traceID),
    spanId: toSpanId(span.spanID),
    ...(parent === undefined ? {} : { parentSpanId: parent }),
    env,
    service: proc?.service ?? '',
    operation: span.operationName,
    kind: toSpanKind(all['span.kind']),
    ...timing(BigInt(Math.round(span.startTime)) * 1000n, BigInt(Math.round(span.duration)) * 1000n),
    status,
    error: status === 'error',
    ...(typeof message === 'string' && message !== '' ? { statusMessage: message } : {}),
    attributes,
    resource: proc?.resource ?? {},
    events: span.logs.map((log) => {
      const fields = toAttributes(log.fields);
      const { event, ...rest } = fields;
      return {
        timeNs: (BigInt(Math.round(log.timestamp)) * 1000n).toString(),
        name: String(event ?? ''),
        attributes: rest,
      };
    }),
  };
}

/** Processes once per trace: their spans share one resource object. */
function processesOf(trace: LegacyTrace): Map<string, Process> {
  return new Map(
    Object.entries(trace.processes).map(([id, p]) => [
      id,
      { service: p.serviceName, resource: toAttributes(p.tags) },
    ]),
  );
}

export function spansFromLegacy(traces: readonly LegacyTrace[], env: string): Span[] {
  return traces.flatMap((trace) => {
    const processes = processesOf(trace);
    return trace.spans.map((span) => toSpan(span, env, processes));
  });
}

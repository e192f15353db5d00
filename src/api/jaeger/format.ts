import type { Attributes, AttributeValue, Span, Trace } from '../../traces/index.js';

/** Jaeger's legacy (UI) JSON, as its /api answers and Grafana's Jaeger datasource reads it. */
export interface JaegerKeyValue {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64';
  value: string | number | boolean;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: 'CHILD_OF'; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags: JaegerKeyValue[];
  logs: { timestamp: number; fields: JaegerKeyValue[] }[];
  processID: string;
  warnings: null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: JaegerKeyValue[] }>;
  warnings: null;
}

export interface JaegerError {
  code?: number;
  msg: string;
  traceID?: string;
}

export interface JaegerEnvelope<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerError[] | null;
}

function keyValue(key: string, value: AttributeValue): JaegerKeyValue {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
  return { key, type: 'string', value };
}

const keyValues = (attrs: Attributes): JaegerKeyValue[] =>
  Object.entries(attrs).map(([k, v]) => keyValue(k, v));

/** Span tags as Jaeger derives them from OTLP: kind and status become tags again. */
function spanTags(span: Span): JaegerKeyValue[] {
  const tags = keyValues(span.attributes);
  if (span.kind !== 'unspecified') tags.push(keyValue('span.kind', span.kind));
  if (span.status !== 'unset') tags.push(keyValue('otel.status_code', span.status.toUpperCase()));
  if (span.error) tags.push(keyValue('error', true));
  if (span.statusMessage !== undefined) tags.push(keyValue('otel.status_description', span.statusMessage));
  return tags;
}

const micros = (ns: string): number => Number(BigInt(ns) / 1000n);

function toJaegerSpan(span: Span, processID: string): JaegerSpan {
  return {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.operation,
    references:
      span.parentSpanId === undefined
        ? []
        : [{ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId }],
    startTime: micros(span.startNs),
    // Jaeger truncates to whole µs.
    duration: Math.floor(span.durationUs),
    tags: spanTags(span),
    logs: span.events.map((e) => ({
      timestamp: micros(e.timeNs),
      fields: [...(e.name ? [keyValue('event', e.name)] : []), ...keyValues(e.attributes)],
    })),
    processID,
    warnings: null,
  };
}

// Spans of one resource share its attributes object: key it once.
const resourceKeys = new WeakMap<Attributes, string>();

/** A process per (env, service, resource); the env rides along as the process tag `env`. */
function processKey(span: Span): string {
  let resource = resourceKeys.get(span.resource);
  if (resource === undefined) {
    resource = JSON.stringify(span.resource);
    resourceKeys.set(span.resource, resource);
  }
  return `${span.env}\u0000${span.service}\u0000${resource}`;
}

export function toJaegerTrace(trace: Trace, envTag = 'env'): JaegerTrace {
  const ids = new Map<string, string>();
  const processes: JaegerTrace['processes'] = {};
  const spans = trace.spans.map((span) => {
    const key = processKey(span);
    let id = ids.get(key);
    if (id === undefined) {
      id = `p${ids.size + 1}`;
      ids.set(key, id);
      processes[id] = {
        serviceName: span.service,
        tags: [...keyValues(span.resource), keyValue(envTag, span.env)],
      };
    }
    return toJaegerSpan(span, id);
  });
  return { traceID: trace.traceId, spans, processes, warnings: null };
}

export function envelope<T>(data: T, total: number, errors: readonly JaegerError[]): JaegerEnvelope<T> {
  return { data, total, limit: 0, offset: 0, errors: errors.length > 0 ? [...errors] : null };
}

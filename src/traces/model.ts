/** The trace vocabulary of the domain: what every Jaeger flavour is mapped into. */

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export type SpanStatus = 'unset' | 'ok' | 'error';

/** Attribute values as JSON can carry them; arrays and maps arrive JSON-encoded as strings. */
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

export interface SpanEvent {
  /** Unix ns as a decimal string (ns precision kept). */
  timeNs: string;
  name: string;
  attributes: Attributes;
}

export interface Span {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId?: string;
  env: string;
  service: string;
  operation: string;
  kind: SpanKind;
  /** Unix ns as a decimal string: ns precision kept (a JS number holds only ~µs). */
  startNs: string;
  startMs: number;
  durationUs: number;
  durationMs: number;
  status: SpanStatus;
  error: boolean;
  statusMessage?: string;
  attributes: Attributes;
  /** Resource (process) attributes, service.name excluded. */
  resource: Attributes;
  events: SpanEvent[];
}

export interface Trace {
  traceId: string;
  /** Envs holding spans of this trace (more than one when a call crossed envs). */
  envs: string[];
  spans: Span[];
  rootService: string;
  rootOperation: string;
  startNs: string;
  startMs: number;
  durationUs: number;
  durationMs: number;
  errorCount: number;
  services: string[];
}

export interface Operation {
  name: string;
  spanKind: SpanKind;
}

export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

/** A trace search as the backends understand it. Times in epoch ms, durations in µs. */
export interface TraceQuery {
  service: string;
  operation?: string;
  attributes?: Record<string, string>;
  minDurationUs?: number;
  maxDurationUs?: number;
  startMs: number;
  endMs: number;
  /** How many traces the backend returns at most (its search depth). */
  limit: number;
}

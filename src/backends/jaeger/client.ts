import type { DependencyLink, Operation, TraceSpans, TraceQuery } from './model.js';

/** One env's Jaeger, whichever API flavour it speaks. Every answer is normalised and zod-checked. */
export interface JaegerClient {
  services(signal?: AbortSignal): Promise<string[]>;
  operations(service: string, signal?: AbortSignal): Promise<Operation[]>;
  /** Matching traces, at most `query.limit`; none is an empty list, not an error. */
  searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSpans[]>;
  /** The trace, or null when this env does not hold it. */
  getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpans | null>;
  dependencies(endMs: number, lookbackMs: number, signal?: AbortSignal): Promise<DependencyLink[]>;
}

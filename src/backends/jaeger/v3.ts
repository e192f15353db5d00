import { z } from 'zod';
import type { HttpTarget } from '../http/index.js';
import { groupByTrace } from './group.js';
import type { JaegerClient } from './client.js';
import { LegacyJaeger } from './legacy.js';
import { toSpanKind } from './legacy-model.js';
import type { DependencyLink, Operation, Span, TraceSpans, TraceQuery } from './model.js';
import { spansFromOtlp, v3Envelope } from './otlp.js';
import { matchesQuery, overFetch } from './filter.js';
import { getParsed, sig } from './response.js';

const services = z.object({ services: z.array(z.string()).nullish() });
const operations = z.object({
  operations: z.array(z.object({ name: z.string(), spanKind: z.string().default('') })).nullish(),
});

const iso = (ms: number): string => new Date(ms).toISOString();

/** Query of GET /api/v3/traces; names as the v1.76 HTTP gateway reads them (it has no attribute filter). */
export function v3SearchParams(q: TraceQuery): URLSearchParams {
  const p = new URLSearchParams({
    'query.service_name': q.service,
    'query.start_time_min': iso(q.startMs),
    'query.start_time_max': iso(q.endMs),
    'query.num_traces': String(q.attributes ? overFetch(q.limit) : q.limit),
  });
  if (q.operation) p.set('query.operation_name', q.operation);
  if (q.minDurationUs !== undefined) p.set('query.duration_min', `${q.minDurationUs}us`);
  if (q.maxDurationUs !== undefined) p.set('query.duration_max', `${q.maxDurationUs}us`);
  return p;
}

/** Jaeger's api_v3 over HTTP (OTLP JSON under `result`). */
export class V3Jaeger implements JaegerClient {
  // api_v3 has no dependencies endpoint: those come from the legacy API of the same server.
  private readonly legacy: LegacyJaeger;

  constructor(private readonly target: HttpTarget) {
    this.legacy = new LegacyJaeger(target);
  }

  async services(signal?: AbortSignal): Promise<string[]> {
    const body = await getParsed(this.target, { path: '/api/v3/services', ...sig(signal) }, services);
    return body.services ?? [];
  }

  async operations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    const query = new URLSearchParams({ service });
    const body = await getParsed(
      this.target,
      { path: '/api/v3/operations', query, ...sig(signal) },
      operations,
    );
    return (body.operations ?? []).map((op) => ({ name: op.name, spanKind: toSpanKind(op.spanKind) }));
  }

  async searchTraces(q: TraceQuery, signal?: AbortSignal): Promise<TraceSpans[]> {
    const req = { path: '/api/v3/traces', query: v3SearchParams(q), ...sig(signal) };
    const spans = await this.fetchSpans(req);
    const traces = groupByTrace(spans);
    // The HTTP gateway ignores attributes: filter here, with the backend's own matching rule.
    return q.attributes ? traces.filter((t) => matchesQuery(t, q)).slice(0, q.limit) : traces;
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpans | null> {
    const spans = await this.fetchSpans({
      path: `/api/v3/traces/${encodeURIComponent(traceId)}`,
      ...sig(signal),
    });
    return groupByTrace(spans)[0] ?? null;
  }

  dependencies(endMs: number, lookbackMs: number, signal?: AbortSignal): Promise<DependencyLink[]> {
    return this.legacy.dependencies(endMs, lookbackMs, signal);
  }

  private async fetchSpans(req: {
    path: string;
    query?: URLSearchParams;
    signal?: AbortSignal;
  }): Promise<Span[]> {
    // api_v3 answers 404 "No traces found" for an empty result.
    const body = await getParsed(this.target, req, v3Envelope, () => null);
    return body ? spansFromOtlp(body.result, this.target.env) : [];
  }
}

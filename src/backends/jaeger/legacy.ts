import type { HttpTarget } from '../http/index.js';
import { groupByTrace } from './group.js';
import type { JaegerClient } from './client.js';
import {
  legacyDependencies,
  legacyEnvelope,
  legacyOperations,
  legacyStrings,
  legacyTraces,
  spansFromLegacy,
  toSpanKind,
} from './legacy-model.js';
import type { DependencyLink, Operation, TraceSpans, TraceQuery } from './model.js';
import { matchesQuery, overFetch } from './filter.js';
import { getParsed, sig } from './response.js';

// Jaeger v2 matches `error` against the span status, reading the tag's string "true" as false: a
// legacy search for error=true finds nothing. It is filtered here instead, as for api_v3.
const LOCAL_ONLY = 'error';

/** Query of GET /api/traces: times in µs, durations as Go durations, attributes as one JSON map. */
export function legacySearchParams(q: TraceQuery): URLSearchParams {
  const { [LOCAL_ONLY]: local, ...tags } = q.attributes ?? {};
  const p = new URLSearchParams({
    service: q.service,
    start: String(Math.floor(q.startMs * 1000)),
    end: String(Math.ceil(q.endMs * 1000)),
    limit: String(local === undefined ? q.limit : overFetch(q.limit)),
  });
  if (q.operation) p.set('operation', q.operation);
  if (q.minDurationUs !== undefined) p.set('minDuration', `${q.minDurationUs}us`);
  if (q.maxDurationUs !== undefined) p.set('maxDuration', `${q.maxDurationUs}us`);
  // A value of the query string, encoded by URLSearchParams: never spliced into the URL.
  if (Object.keys(tags).length > 0) p.set('tags', JSON.stringify(tags));
  return p;
}

/** Jaeger's legacy JSON API (/api/...), the one its UI and Grafana's datasource use. */
export class LegacyJaeger implements JaegerClient {
  constructor(private readonly target: HttpTarget) {}

  async services(signal?: AbortSignal): Promise<string[]> {
    const body = await getParsed(
      this.target,
      { path: '/api/services', ...sig(signal) },
      legacyEnvelope(legacyStrings),
    );
    return body.data ?? [];
  }

  async operations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    const query = new URLSearchParams({ service });
    const body = await getParsed(
      this.target,
      { path: '/api/operations', query, ...sig(signal) },
      legacyEnvelope(legacyOperations),
      () => null,
    );
    if (body) return (body.data ?? []).map((op) => ({ name: op.name, spanKind: toSpanKind(op.spanKind) }));
    return this.operationNames(service, signal);
  }

  async searchTraces(q: TraceQuery, signal?: AbortSignal): Promise<TraceSpans[]> {
    const req = { path: '/api/traces', query: legacySearchParams(q), ...sig(signal) };
    const body = await getParsed(this.target, req, legacyEnvelope(legacyTraces));
    const traces = groupByTrace(spansFromLegacy(body.data ?? [], this.target.env));
    return q.attributes?.[LOCAL_ONLY] === undefined
      ? traces
      : traces.filter((t) => matchesQuery(t, q)).slice(0, q.limit);
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpans | null> {
    const req = { path: `/api/traces/${encodeURIComponent(traceId)}`, ...sig(signal) };
    const body = await getParsed(this.target, req, legacyEnvelope(legacyTraces), () => null);
    return groupByTrace(spansFromLegacy(body?.data ?? [], this.target.env))[0] ?? null;
  }

  async dependencies(endMs: number, lookbackMs: number, signal?: AbortSignal): Promise<DependencyLink[]> {
    const query = new URLSearchParams({
      endTs: String(Math.round(endMs)),
      lookback: String(Math.round(lookbackMs)),
    });
    const body = await getParsed(
      this.target,
      { path: '/api/dependencies', query, ...sig(signal) },
      legacyEnvelope(legacyDependencies),
    );
    return body.data ?? [];
  }

  /** Older Jaegers have only /api/services/{s}/operations: names without span kinds. */
  private async operationNames(service: string, signal?: AbortSignal): Promise<Operation[]> {
    const path = `/api/services/${encodeURIComponent(service)}/operations`;
    const body = await getParsed(this.target, { path, ...sig(signal) }, legacyEnvelope(legacyStrings));
    return (body.data ?? []).map((name) => ({ name, spanKind: 'unspecified' as const }));
  }
}

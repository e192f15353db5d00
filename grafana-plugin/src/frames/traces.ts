import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { table } from './compare';

export interface TraceRow {
  traceId: string;
  envs: string[];
  rootService: string;
  rootOperation: string;
  startTime: string;
  durationMs: number;
  spanCount: number;
  errorCount: number;
}

export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  env: string;
  service: string;
  operation: string;
  kind: string;
  startMs: number;
  durationMs: number;
  error: boolean;
  statusMessage: string | null;
  attributes: Array<{ key: string; value: string }>;
  resource: Array<{ key: string; value: string }>;
}

const S = FieldType.string;
const N = FieldType.number;

/** Trace search results as a table; `traceID` links open the trace view in Grafana. */
export function tracesFrame(refId: string, rows: TraceRow[]): DataFrame {
  return table(refId, 'traces', rows, [
    ['traceID', S, (r) => r.traceId],
    ['env', S, (r) => r.envs.join(', ')],
    ['service', S, (r) => r.rootService],
    ['operation', S, (r) => r.rootOperation],
    ['start', FieldType.time, (r) => Date.parse(r.startTime)],
    ['duration', N, (r) => r.durationMs, 'ms'],
    ['spans', N, (r) => r.spanCount],
    ['errors', N, (r) => r.errorCount],
  ]);
}

const kv = (attrs: Array<{ key: string; value: string }>) => attrs.map(({ key, value }) => ({ key, value }));

/** One trace in the field layout of Grafana's trace view (the Jaeger/Tempo datasources' layout). */
export function traceFrame(refId: string, spans: SpanRow[]): DataFrame {
  return createDataFrame({
    refId,
    name: 'trace',
    meta: { preferredVisualisationType: 'trace' },
    fields: [
      { name: 'traceID', type: S, values: spans.map((s) => s.traceId) },
      { name: 'spanID', type: S, values: spans.map((s) => s.spanId) },
      { name: 'parentSpanID', type: S, values: spans.map((s) => s.parentSpanId ?? undefined) },
      { name: 'operationName', type: S, values: spans.map((s) => s.operation) },
      { name: 'serviceName', type: S, values: spans.map((s) => s.service) },
      {
        name: 'serviceTags',
        type: FieldType.other,
        values: spans.map((s) => [{ key: 'env', value: s.env }, ...kv(s.resource)]),
      },
      { name: 'startTime', type: N, values: spans.map((s) => s.startMs) },
      { name: 'duration', type: N, values: spans.map((s) => s.durationMs), config: { unit: 'ms' } },
      {
        name: 'tags',
        type: FieldType.other,
        values: spans.map((s) => [{ key: 'span.kind', value: s.kind.toLowerCase() }, ...kv(s.attributes)]),
      },
      { name: 'statusCode', type: N, values: spans.map((s) => (s.error ? 2 : 0)) },
      { name: 'statusMessage', type: S, values: spans.map((s) => s.statusMessage ?? undefined) },
    ],
  });
}

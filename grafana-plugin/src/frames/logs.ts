import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

export interface LogRow {
  env: string;
  timestampMs: number;
  level: string;
  message: string;
  traceId: string | null;
  spanId: string | null;
  statusCode: number | null;
}

/** One logs frame per env (label `env`), newest first, in the field names Grafana's logs panel reads. */
export function logFrames(refId: string, rows: LogRow[]): DataFrame[] {
  const byEnv = new Map<string, LogRow[]>();
  for (const r of rows) byEnv.set(r.env, [...(byEnv.get(r.env) ?? []), r]);
  return [...byEnv].map(([env, lines]) =>
    createDataFrame({
      refId,
      name: `logs ${env}`,
      meta: { preferredVisualisationType: 'logs' },
      fields: [
        { name: 'timestamp', type: FieldType.time, values: lines.map((l) => l.timestampMs) },
        { name: 'body', type: FieldType.string, values: lines.map((l) => l.message), labels: { env } },
        { name: 'severity', type: FieldType.string, values: lines.map((l) => l.level) },
        { name: 'traceId', type: FieldType.string, values: lines.map((l) => l.traceId ?? '') },
        { name: 'statusCode', type: FieldType.number, values: lines.map((l) => l.statusCode) },
      ],
    }),
  );
}

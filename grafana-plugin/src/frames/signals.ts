import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { grafanaUnit } from './units';

export interface SignalSeries {
  env: string;
  signal: string;
  unit: string;
  query: string;
  series: Array<{
    labels: Array<{ name: string; value: string }>;
    points: Array<{ t: number; value: number | null }>;
  }>;
}

/** One time series frame per env and signal, labelled with its env, in the signal's unit. */
export function signalFrames(refId: string, rows: SignalSeries[]): DataFrame[] {
  return rows.flatMap((row) =>
    row.series.map((s) =>
      createDataFrame({
        refId,
        name: `${row.signal} ${row.env}`,
        meta: { preferredVisualisationType: 'graph', executedQueryString: row.query },
        fields: [
          { name: 'Time', type: FieldType.time, values: s.points.map((p) => p.t * 1000) },
          {
            name: 'Value',
            type: FieldType.number,
            values: s.points.map((p) => p.value),
            labels: { env: row.env, signal: row.signal },
            config: {
              unit: grafanaUnit(row.unit),
              displayNameFromDS: `${row.env} ${row.signal.toLowerCase()}`,
            },
          },
        ],
      }),
    ),
  );
}

import type { DataQueryRequest } from '@grafana/data';

export interface GraphQLRange {
  start: string;
  end: string;
  step: string;
}

/** The gateway refuses more points per series than these (schema docs). */
const MAX_POINTS = { series: 11_000, compare: 1_500 } as const;

/**
 * The dashboard range as the GraphQL TimeRangeInput: RFC3339 ends, a step in whole seconds that
 * follows Grafana's interval and stays under the gateway's point limit.
 */
export function toRange(
  from: number,
  to: number,
  intervalMs: number,
  kind: keyof typeof MAX_POINTS,
  minStepS = kind === 'compare' ? 60 : 15,
): GraphQLRange {
  const spanS = Math.max(1, (to - from) / 1000);
  const step = Math.max(minStepS, Math.ceil(intervalMs / 1000), Math.ceil(spanS / MAX_POINTS[kind]));
  return { start: new Date(from).toISOString(), end: new Date(to).toISOString(), step: `${step}s` };
}

export const requestRange = (req: DataQueryRequest, kind: keyof typeof MAX_POINTS): GraphQLRange =>
  toRange(req.range.from.valueOf(), req.range.to.valueOf(), req.intervalMs, kind);

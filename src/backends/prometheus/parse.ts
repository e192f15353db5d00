import { z } from 'zod';
import { ParallaxError } from '../../errors/index.js';
import type { HttpResponse, HttpTarget } from '../http/index.js';
import { invalidResponse } from '../http/index.js';
import type { Point, QueryData, Series } from './types.js';

const sample = z.tuple([z.number(), z.string()]);
type Sample = [number, string];
const isSample = (v: unknown): v is Sample =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';
// A matrix holds millions of samples: the shape is checked on the first and last of each series (not
// every point); toPoint reads each value anyway, and a value that is not a number becomes NaN.
const samples = z.custom<Sample[]>(
  (v) => Array.isArray(v) && (v.length === 0 || (isSample(v[0]) && isSample(v[v.length - 1]))),
  'expected [unix seconds, "value"] samples',
);
const labels = z.record(z.string(), z.string());

const queryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sample })) }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labels, values: samples })),
  }),
  z.object({ resultType: z.literal('scalar'), result: sample }),
  z.object({ resultType: z.literal('string'), result: sample }),
]);

const success = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('success'), data, warnings: z.array(z.string()).optional() });

const failure = z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() });

export const schemas = {
  query: success(queryData),
  strings: success(z.array(z.string())),
  series: success(z.array(labels)),
  metadata: success(
    z.record(z.string(), z.array(z.object({ type: z.string(), help: z.string(), unit: z.string() }))),
  ),
};

// The per-point check rides along the conversion (one pass, no schema walk over every sample).
function toPoint(s: readonly [number, string]): Point {
  if (!isSample(s))
    throw new ParallaxError(
      'BACKEND_INVALID_RESPONSE',
      'prometheus: a sample is not [unix seconds, "value"]',
      {
        backend: 'prometheus',
      },
    );
  return { t: Math.round(s[0] * 1000), v: parseSampleValue(s[1]) };
}

/** Prometheus prints +Inf, -Inf and NaN; Number() reads all but the "+Inf" spelling. */
export function parseSampleValue(v: string): number {
  if (v === '+Inf') return Infinity;
  return Number(v);
}

export function toQueryData(raw: z.infer<typeof queryData>): QueryData {
  switch (raw.resultType) {
    case 'vector':
      return {
        type: 'vector',
        series: raw.result.map((r): Series => ({ labels: r.metric, points: [toPoint(r.value)] })),
      };
    case 'matrix':
      return {
        type: 'matrix',
        series: raw.result.map((r): Series => ({ labels: r.metric, points: r.values.map(toPoint) })),
      };
    case 'scalar':
      return { type: 'scalar', point: toPoint(raw.result) };
    case 'string':
      return { type: 'string', t: Math.round(raw.result[0] * 1000), value: raw.result[1] };
  }
}

const ERROR_TYPE_CODES = {
  bad_data: 'BACKEND_BAD_DATA',
  execution: 'BACKEND_BAD_DATA',
  // Prometheus ran out of its own query timeout: the query is too expensive, the server is fine.
  timeout: 'BACKEND_BAD_DATA',
  canceled: 'DEADLINE_EXCEEDED',
} as const;

/** Checks status and shape; a Prometheus error body becomes a typed error naming env and backend. */
export function parseResponse<T extends z.ZodType>(
  target: HttpTarget,
  res: HttpResponse,
  schema: T,
): z.output<T> {
  const ctx = { env: target.env, backend: target.backend };
  const fail = failure.safeParse(res.body);
  if (fail.success) {
    const code = ERROR_TYPE_CODES[fail.data.errorType as keyof typeof ERROR_TYPE_CODES] ?? 'BACKEND_ERROR';
    throw new ParallaxError(
      code,
      `prometheus of env ${target.env}: ${fail.data.errorType}: ${fail.data.error}`,
      ctx,
    );
  }
  if (res.status >= 500)
    throw new ParallaxError(
      'BACKEND_ERROR',
      `prometheus of env ${target.env} answered HTTP ${res.status}`,
      ctx,
    );
  if (res.status === 401 || res.status === 403) {
    throw new ParallaxError(
      'BACKEND_ERROR',
      `prometheus of env ${target.env} refused the gateway's credentials (HTTP ${res.status})`,
      ctx,
    );
  }
  const ok = schema.safeParse(res.body);
  if (!ok.success)
    throw invalidResponse(target, `HTTP ${res.status}: ${ok.error.issues[0]?.message ?? 'unexpected shape'}`);
  return ok.data;
}

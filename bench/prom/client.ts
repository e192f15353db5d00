/** The bench's HTTP client: Prometheus API calls as every contender (and Grafana) receives them. */
import { request } from 'undici';
import type { Call } from './measure.js';

export type Params = Record<string, string>;

export interface PromSeries {
  metric: Record<string, string>;
  /** instant vectors */
  value?: [number, string];
  /** range matrices */
  values?: [number, string][];
}

export interface PromAnswer {
  status: string;
  data?: { resultType: string; result: PromSeries[] };
  warnings?: string[];
  error?: string;
}

async function post(base: string, path: string, params: Params): Promise<string> {
  const res = await request(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`${base}${path}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  return text;
}

/** A timed call: the whole body is read; a cheap check that it succeeded (parsing stays out of the timing). */
export const call =
  (base: string, path: string, params: Params): Call =>
  async () => {
    const text = await post(base, path, params);
    if (!text.includes('"success"')) throw new Error(`${base}${path}: ${text.slice(0, 300)}`);
  };

/** The same query parsed, for the correctness checks. */
export async function answer(base: string, path: string, params: Params): Promise<PromAnswer> {
  return JSON.parse(await post(base, path, params)) as PromAnswer;
}

import type { Context } from 'hono';
import { badInput } from '../../errors/index.js';
import { parseDuration, parseTime } from '../../time/index.js';

/** Query-string and form parameters merged, as Prometheus reads them (GET and POST alike). */
export async function readParams(c: Context): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(c.req.url).search);
  const type = c.req.header('content-type') ?? '';
  if (c.req.method === 'POST' && type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await c.req.text())) params.append(k, v);
  }
  return params;
}

export function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === '') throw badInput(name, `parameter "${name}" is required`);
  return v;
}

export function optionalTime(params: URLSearchParams, name: string): number | undefined {
  const v = params.get(name);
  return v === null || v === '' ? undefined : parseTime(v, name);
}

export const requiredTime = (params: URLSearchParams, name: string): number =>
  parseTime(required(params, name), name);

export function requiredStep(params: URLSearchParams): number {
  const step = parseDuration(required(params, 'step'), 'step');
  if (step <= 0) throw badInput('step', 'zero or negative query resolution step widths are not accepted');
  return step;
}

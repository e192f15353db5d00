import { z } from 'zod';
import { invalidResponse, requestJson, type HttpRequest, type HttpTarget } from '../http/index.js';
import { ParallaxError } from '../../errors/index.js';

const errorBody = z.union([
  z.object({ error: z.object({ message: z.string() }) }).transform((b) => b.error.message),
  z
    .object({ errors: z.array(z.object({ msg: z.string() })).min(1) })
    .transform((b) => b.errors.map((e) => e.msg).join('; ')),
]);

/** A non-2xx answer as a typed error; a 4xx means Jaeger refused our query, not that it is unhealthy. */
export function statusError(target: HttpTarget, status: number, body: unknown): ParallaxError {
  const parsed = errorBody.safeParse(body);
  const detail = parsed.success ? `: ${parsed.data}` : '';
  const where = `${target.backend} of env ${target.env}`;
  const ctx = { env: target.env, backend: target.backend };
  if (status >= 400 && status < 500)
    return new ParallaxError(
      'BACKEND_BAD_DATA',
      `${where} rejected the query (HTTP ${status})${detail}`,
      ctx,
    );
  return new ParallaxError('BACKEND_ERROR', `${where} answered HTTP ${status}${detail}`, ctx);
}

export function parseWith<S extends z.ZodType>(target: HttpTarget, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw invalidResponse(target, `${issue?.message ?? 'unexpected shape'}${at}`);
}

/**
 * GET and parse. `notFound` is what a 404 means for this call (e.g. an empty result); without it a
 * 404 is an error like any other non-2xx.
 */
export async function getParsed<S extends z.ZodType, N = never>(
  target: HttpTarget,
  req: HttpRequest,
  schema: S,
  notFound?: () => N,
): Promise<z.output<S> | N> {
  const res = await requestJson(target, req);
  if (res.status === 404 && notFound) return notFound();
  if (res.status < 200 || res.status >= 300) throw statusError(target, res.status, res.body);
  if (res.body === undefined) throw invalidResponse(target, `HTTP ${res.status} with an empty body`);
  return parseWith(target, schema, res.body);
}

/** The optional signal as a spreadable request field (exactOptionalPropertyTypes forbids `signal: undefined`). */
export function sig(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

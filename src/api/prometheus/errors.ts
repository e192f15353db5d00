import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { allEnvsFailed, ParallaxError, toParallaxError } from '../../errors/index.js';

const ERROR_TYPES: Partial<Record<ParallaxError['code'], string>> = {
  BAD_INPUT: 'bad_data',
  BAD_QUERY: 'bad_data',
  UNKNOWN_ENV: 'bad_data',
  BACKEND_BAD_DATA: 'bad_data',
  BACKEND_TIMEOUT: 'timeout',
  DEADLINE_EXCEEDED: 'timeout',
  NOT_FOUND: 'not_found',
  // Prometheus' own word for "could not reach the data"; the code itself leads the `error` text.
  ALL_ENVS_FAILED: 'unavailable',
};

/** Prometheus' error body: { status, errorType, error }, with the status of our error code. */
export function prometheusError(c: Context, err: unknown) {
  const e = toParallaxError(err);
  const errorType = ERROR_TYPES[e.code] ?? (e.code === 'INTERNAL' ? 'internal' : 'unavailable');
  const error = e.code === 'ALL_ENVS_FAILED' ? `${e.code}: ${e.message}` : e.message;
  return c.json({ status: 'error', errorType, error }, e.status as ContentfulStatusCode);
}

/** When every env failed the answer is an error; a query error that every env shares is the user's. */
export function allFailed(res: {
  errors: readonly ParallaxError[];
  answered: readonly string[];
}): ParallaxError | undefined {
  const { errors } = res;
  if (res.answered.length > 0 || errors.length === 0) return undefined;
  const first = errors[0] as ParallaxError;
  if (errors.every((e) => e.code === 'BACKEND_BAD_DATA')) {
    return new ParallaxError(
      'BACKEND_BAD_DATA',
      first.message.replace(/^prometheus of env [^:]+: \w+: /, ''),
    );
  }
  return allEnvsFailed(errors);
}

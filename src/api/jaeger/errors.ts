import { toParallaxError, type ParallaxError } from '../../errors/index.js';
import { envelope, type JaegerEnvelope, type JaegerError } from './format.js';

/** A ParallaxError as Jaeger reports errors: `{code, msg}`, the msg naming the env it came from. */
export function jaegerError(err: ParallaxError): JaegerError {
  const msg = err.env && !err.message.includes(err.env) ? `env ${err.env}: ${err.message}` : err.message;
  return { code: err.status, msg: `${err.code}: ${msg}` };
}

/** The body and status of a request that failed as a whole (bad input, unknown env, ...). */
export function failure(err: unknown): { body: JaegerEnvelope<null>; status: number } {
  const e = toParallaxError(err);
  return { body: envelope(null, 0, [jaegerError(e)]), status: e.status };
}

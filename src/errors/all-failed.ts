import { ParallaxError } from './parallax-error.js';

/** True when every env asked has a failure among `errors` (so no env gave any data). */
export function everyEnvFailed(errors: readonly ParallaxError[], asked: readonly string[]): boolean {
  if (asked.length === 0 || errors.length === 0) return false;
  const failed = new Set(errors.map((e) => e.env));
  return asked.every((env) => failed.has(env));
}

/** The one error of an answer no env contributed to; it names each env's own failure code. */
export function allEnvsFailed(
  errors: ReadonlyArray<{ env?: string | undefined; code: string }>,
): ParallaxError {
  const perEnv = errors.flatMap((e) => (e.env === undefined ? [] : [`${e.env}: ${e.code}`]));
  const detail = [...new Set(perEnv)].join(', ');
  return new ParallaxError('ALL_ENVS_FAILED', `every environment failed (${detail})`);
}

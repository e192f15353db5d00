import { ParallaxError } from './parallax-error.js';

/** The one error of an answer no env contributed to; it names each env's own failure code. */
export function allEnvsFailed(
  errors: ReadonlyArray<{ env?: string | undefined; code: string }>,
): ParallaxError {
  const perEnv = errors.flatMap((e) => (e.env === undefined ? [] : [`${e.env}: ${e.code}`]));
  const detail = [...new Set(perEnv)].join(', ');
  return new ParallaxError('ALL_ENVS_FAILED', `every environment failed (${detail})`);
}

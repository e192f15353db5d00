import type { ParallaxError } from '../errors/index.js';
import type { Federated, PerEnv } from './types.js';

/** The same answer with its data merged or reshaped. */
export function mapData<A, B>(fed: Federated<A>, fn: (data: A) => B): Federated<B> {
  return { data: fn(fed.data), errors: fed.errors, answered: fed.answered, warnings: fed.warnings };
}

/** Several fan-outs of one request as one answer: an env answered when it failed none of them. */
export function combineFederated<T>(parts: readonly Federated<unknown>[], data: T): Federated<T> {
  const errors = dedupeErrors(parts.flatMap((p) => p.errors));
  const failed = new Set(errors.map((e) => e.env));
  const answered = [...new Set(parts.flatMap((p) => p.answered))].filter((env) => !failed.has(env));
  const warnings = [...new Set(parts.flatMap((p) => p.warnings))];
  return { data, errors, answered, warnings };
}

/** The values of the envs that answered. */
export const valuesOf = <T>(fed: Federated<PerEnv<T>>): T[] => fed.data.map((d) => d.value);

/** One error per env, backend and code (a query fanned out twice fails twice the same way). */
export function dedupeErrors(errors: readonly ParallaxError[]): ParallaxError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.env}\u0000${e.backend}\u0000${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

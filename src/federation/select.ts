import type { EnvRegistry } from '../envs/index.js';
import { ParallaxError, type BackendKind } from '../errors/index.js';
import type { Selection } from './types.js';

/**
 * The one rule for envs and backends, on every signal: no names means every env that has the
 * backend; an unknown name is a BAD_INPUT-class error (UNKNOWN_ENV) naming the field; a named env
 * that lacks the backend is a typed NOT_FOUND entry naming env and backend, next to the others' data.
 */
export function selectEnvs(
  registry: EnvRegistry,
  names: readonly string[] | null | undefined,
  backend: BackendKind,
  field = 'envs',
): Selection {
  if (!names || names.length === 0) {
    const envs = registry.all().filter((env) => registry.hasBackend(env, backend));
    return { backend, envs: envs.map((env) => env.name), errors: [] };
  }
  registry.checkCount(names, field);
  const envs: string[] = [];
  const errors: ParallaxError[] = [];
  for (const name of new Set(names)) {
    const env = registry.get(name, field);
    if (registry.hasBackend(env, backend)) envs.push(env.name);
    else errors.push(lacksBackend(env.name, backend, field));
  }
  return { backend, envs, errors };
}

export function lacksBackend(env: string, backend: BackendKind, field: string): ParallaxError {
  return new ParallaxError('NOT_FOUND', `${field}: env ${env} has no ${backend} backend`, {
    env,
    backend,
    field,
  });
}

/** The selection narrowed to `keep` (e.g. by env matchers in a query); its errors stay. */
export function narrow(selection: Selection, keep: readonly string[]): Selection {
  return { ...selection, envs: selection.envs.filter((env) => keep.includes(env)) };
}

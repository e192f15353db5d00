import type { EnvRegistry } from '../envs/index.js';
import { BACKEND_KINDS } from '../errors/index.js';

/** Where an error happened; a ParallaxError or its JSON form. */
export interface ErrorPlace {
  env?: string | undefined;
  backend?: string | undefined;
}

/**
 * For answers drawn from several backends (compare, incident context, `service`): true when each
 * configured backend of each env asked failed, so the answer holds no data at all. One backend down
 * (logs, say) with metrics answering is a partial answer, not this.
 */
export function everyBackendFailed(
  registry: EnvRegistry,
  asked: readonly string[],
  errors: readonly ErrorPlace[],
): boolean {
  const failed = new Set(errors.map((e) => `${e.env ?? ''}\u0000${e.backend ?? ''}`));
  const pairs = asked.flatMap((name) => {
    const env = registry.get(name);
    return BACKEND_KINDS.filter((b) => registry.hasBackend(env, b)).map((b) => `${name}\u0000${b}`);
  });
  return pairs.length > 0 && pairs.every((p) => failed.has(p));
}

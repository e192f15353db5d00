import type { Config, EnvConfig } from '../config/index.js';
import { ParallaxError, type BackendKind } from '../errors/index.js';

/** The configured environments: lookup by name and which backends each has. */
export class EnvRegistry {
  private readonly byName: Map<string, EnvConfig>;

  constructor(readonly config: Config) {
    this.byName = new Map(config.envs.map((env) => [env.name, env]));
  }

  get envLabel(): string {
    return this.config.server.envLabel;
  }

  all(): readonly EnvConfig[] {
    return this.config.envs;
  }

  names(): string[] {
    return this.config.envs.map((env) => env.name);
  }

  get(name: string, field = 'env'): EnvConfig {
    const env = this.byName.get(name);
    if (!env) {
      throw new ParallaxError(
        'UNKNOWN_ENV',
        `${field}: unknown env "${name}" (known: ${this.names().join(', ')})`,
        { field },
      );
    }
    return env;
  }

  hasBackend(env: EnvConfig, backend: BackendKind): boolean {
    if (backend === 'prometheus') return env.prometheus !== undefined;
    if (backend === 'jaeger') return env.traces !== undefined;
    return env.logs !== undefined;
  }
}

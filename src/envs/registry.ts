import type { Config, EnvConfig } from '../config/index.js';
import { ParallaxError, type BackendKind } from '../errors/index.js';
import { currentGrant } from '../access/index.js';

/**
 * The configured environments: lookup by name and which backends each has. Every env selection
 * (federation/select) goes through here, so this is where access control holds: every method sees
 * only the envs the current request's grant allows (src/access); an env outside it is "unknown".
 */
export class EnvRegistry {
  private readonly byName: Map<string, EnvConfig>;

  constructor(
    readonly config: Config,
    /** True when access control is configured: a call outside any request then sees no env. */
    private readonly enforced = false,
  ) {
    this.byName = new Map(config.envs.map((env) => [env.name, env]));
  }

  /** Whether the current request may see this env. */
  visible(name: string): boolean {
    const grant = currentGrant();
    return grant ? grant.allowsEnv(name) : !this.enforced;
  }

  /** Every configured env name, whatever the caller may see: for the gateway's own logs only. */
  configuredNames(): string[] {
    return this.config.envs.map((env) => env.name);
  }

  get envLabel(): string {
    return this.config.server.envLabel;
  }

  all(): readonly EnvConfig[] {
    return this.config.envs.filter((env) => this.visible(env.name));
  }

  names(): string[] {
    return this.all().map((env) => env.name);
  }

  get(name: string, field = 'env'): EnvConfig {
    const env = this.byName.get(name);
    // A hidden env answers exactly like one that does not exist, so its name is not confirmed either.
    if (!env || !this.visible(name)) {
      throw new ParallaxError(
        'UNKNOWN_ENV',
        `${field}: unknown env "${name}" (known: ${this.names().join(', ')})`,
        { field },
      );
    }
    return env;
  }

  /** At most `server.limits.maxEnvsPerRequest` env names in one argument. */
  checkCount(names: readonly string[], field: string): void {
    const max = this.config.server.limits.maxEnvsPerRequest;
    if (names.length > max)
      throw new ParallaxError('BAD_INPUT', `${field}: at most ${max} envs per request, got ${names.length}`, {
        field,
      });
  }

  hasBackend(env: EnvConfig, backend: BackendKind): boolean {
    if (backend === 'prometheus') return env.prometheus !== undefined;
    if (backend === 'jaeger') return env.traces !== undefined;
    return env.logs !== undefined;
  }
}

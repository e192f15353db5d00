import { readFileSync } from 'node:fs';
import type { Config, EnvConfig } from '../config/index.js';
import { authHeader } from '../config/index.js';
import { ParallaxError, type BackendKind } from '../errors/index.js';
import type { HttpTarget } from '../backends/http/index.js';
import { currentGrant } from '../access/index.js';

/**
 * The configured environments: lookup, selection by name and the backend targets they allow.
 * This is the one place envs are selected, so it is where access control holds: every method sees
 * only the envs the current request's grant allows (src/access); an env outside it is "unknown".
 */
export class EnvRegistry {
  private readonly byName: Map<string, EnvConfig>;
  private readonly targetCache = new Map<string, HttpTarget[]>();

  constructor(
    private readonly config: Config,
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

  /**
   * Resolves the envs a request names (all when none), rejecting unknown names, and keeps those
   * that have the given backend configured.
   */
  select(names: readonly string[] | undefined | null, backend: BackendKind, field = 'envs'): string[] {
    if (names) this.checkCount(names, field);
    const wanted = names && names.length > 0 ? names.map((n) => this.get(n, field).name) : this.names();
    return [...new Set(wanted)].filter((name) => this.hasBackend(this.get(name), backend));
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

  /** HTTP targets of an env's backend (several for an HA group). Only config URLs ever become targets. */
  targets(name: string, backend: BackendKind): HttpTarget[] {
    this.get(name); // the grant is checked on every call, not only when the targets are first built
    // Built once per config: secrets and CA files are read at first use, not on every request.
    const key = `${backend}\u0000${name}`;
    let built = this.targetCache.get(key);
    if (!built) this.targetCache.set(key, (built = this.buildTargets(name, backend)));
    return built;
  }

  private buildTargets(name: string, backend: BackendKind): HttpTarget[] {
    const env = this.get(name);
    const maxBytes = this.config.federation.maxResponseBytes;
    const cfg = backend === 'prometheus' ? env.prometheus : backend === 'jaeger' ? env.traces : env.logs;
    if (!cfg)
      throw new ParallaxError('BAD_INPUT', `env ${name} has no ${backend} backend`, { env: name, backend });
    const urls = 'urls' in cfg ? cfg.urls : [cfg.url];
    const headers = { ...cfg.headers, ...authHeader(cfg.auth) };
    const ca = cfg.caFile ? readCa(cfg.caFile, name) : undefined;
    return urls.map((baseUrl) => ({
      env: name,
      backend,
      baseUrl,
      headers,
      timeoutMs: cfg.timeout,
      maxBytes,
      ...(ca ? { ca } : {}),
    }));
  }
}

function readCa(path: string, env: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `envs.${env}: cannot read caFile ${path}`, { env });
  }
}

import type { RateLimitConfig, RoleConfig } from '../config/index.js';

type NameSet = ReadonlySet<string> | 'all';

/** What one caller may see: the union of its roles' envs and services. */
export class Grant {
  constructor(
    /** Stable id of the caller (token name or JWT `sub`), the key of its rate limit. */
    readonly identity: string,
    readonly roles: readonly string[],
    private readonly envs: NameSet,
    private readonly services: NameSet,
    readonly rateLimit: RateLimitConfig | undefined,
  ) {}

  /** The grant when access control is not configured: every env, every service. */
  static readonly OPEN = new Grant('open', [], 'all', 'all', undefined);
  /** Routes open to anyone (health, the playground page) run with this: no env is visible. */
  static readonly NONE = new Grant('none', [], new Set(), new Set(), undefined);

  allowsEnv(env: string): boolean {
    return this.envs === 'all' || this.envs.has(env);
  }

  allowsService(service: string): boolean {
    return this.services === 'all' || this.services.has(service);
  }

  /** Raw PromQL and unfiltered listings can reach any service: only for grants without a service list. */
  get allServices(): boolean {
    return this.services === 'all';
  }

  static fromRoles(
    identity: string,
    names: readonly string[],
    roles: Readonly<Record<string, RoleConfig>>,
    defaultLimit: RateLimitConfig | undefined,
  ): Grant {
    const picked = names.flatMap((n) => (roles[n] ? [roles[n]] : []));
    const envs = union(picked.map((r) => r.envs));
    const services = union(picked.map((r) => r.services ?? ['*']));
    return new Grant(identity, names, envs, services, widestLimit(picked, defaultLimit));
  }
}

function union(lists: ReadonlyArray<readonly string[]>): NameSet {
  const all = lists.flat();
  return all.includes('*') ? 'all' : new Set(all);
}

/** A caller with several roles gets the most generous limit; one unlimited role means unlimited. */
function widestLimit(
  roles: readonly RoleConfig[],
  fallback: RateLimitConfig | undefined,
): RateLimitConfig | undefined {
  const limits = roles.map((r) => r.rateLimit ?? fallback);
  if (limits.length === 0 || limits.some((l) => l === undefined))
    return limits.length === 0 ? fallback : undefined;
  return (limits as RateLimitConfig[]).reduce((a, b) => (b.rps > a.rps ? b : a));
}

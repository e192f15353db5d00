import { ParallaxError } from '../errors/index.js';
import { Grant } from './grant.js';
import { JwtVerifier } from './jwt.js';
import type { AccessConfig, RoleConfig } from '../config/index.js';
import { sha256Hex, StaticTokens } from './tokens.js';

const LEGACY_ROLE = 'server.authToken';

/** Turns a request's Authorization header into a Grant (or UNAUTHENTICATED / FORBIDDEN). */
export class Authenticator {
  private readonly tokens: StaticTokens;
  private readonly jwt: JwtVerifier | undefined;
  private readonly roles: Readonly<Record<string, RoleConfig>>;

  private constructor(private readonly access: AccessConfig | undefined) {
    this.roles = access?.roles ?? {};
    this.tokens = new StaticTokens(access?.tokens ?? []);
    this.jwt = access?.oidc ? new JwtVerifier(access.oidc) : undefined;
  }

  /** `access` wins; the older single `server.authToken` is a token allowed every env. */
  static fromConfig(access: AccessConfig | undefined, legacyToken: string | undefined): Authenticator {
    if (access || legacyToken === undefined) return new Authenticator(access);
    return new Authenticator({
      roles: { [LEGACY_ROLE]: { envs: ['*'] } },
      tokens: [{ name: 'token', sha256: sha256Hex(legacyToken), roles: [LEGACY_ROLE] }],
    });
  }

  /** False when neither `access` nor `server.authToken` is configured: every caller sees everything. */
  get enforced(): boolean {
    return this.access !== undefined;
  }

  async authenticate(authorization: string | undefined): Promise<Grant> {
    if (!this.access) return Grant.OPEN;
    const token = bearerOf(authorization);
    if (token === undefined) return this.anonymous();
    const known = this.tokens.match(token);
    if (known) return this.grant(`token:${known.name}`, known.roles);
    if (this.jwt && token.split('.').length === 3) {
      const id = await this.jwt.verify(token);
      return this.grant(`jwt:${id.subject}`, id.roles);
    }
    throw new ParallaxError('UNAUTHENTICATED', 'missing or wrong bearer token');
  }

  private anonymous(): Grant {
    const role = this.access?.anonymousRole;
    if (role === undefined) throw new ParallaxError('UNAUTHENTICATED', 'missing or wrong bearer token');
    return this.grant('anonymous', [role]);
  }

  private grant(identity: string, names: readonly string[]): Grant {
    const known = names.filter((n) => Object.hasOwn(this.roles, n));
    if (known.length === 0)
      throw new ParallaxError('FORBIDDEN', 'the token carries no role this gateway knows');
    return Grant.fromRoles(identity, known, this.roles, this.access?.defaultRateLimit);
  }
}

function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

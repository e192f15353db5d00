import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { ParallaxError } from '../errors/index.js';
import type { OidcConfig } from '../config/index.js';

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

export interface JwtIdentity {
  subject: string;
  roles: string[];
}

/** OIDC / JWT bearer tokens: signature from the JWKS, then issuer, audience, expiry with clock skew. */
export class JwtVerifier {
  private readonly keys: KeySet;

  constructor(private readonly cfg: OidcConfig) {
    this.keys = cfg.jwksUrl
      ? createRemoteJWKSet(new URL(cfg.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
      : createLocalJWKSet(readJwks(cfg.jwksFile ?? ''));
  }

  async verify(token: string): Promise<JwtIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.cfg.issuer,
        audience: this.cfg.audience,
        clockTolerance: this.cfg.clockSkew,
        algorithms: this.cfg.algorithms,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      throw new ParallaxError('UNAUTHENTICATED', `bearer token rejected: ${reason(err)}`);
    }
    return { subject: payload.sub ?? '', roles: rolesOf(payload, this.cfg.rolesClaim) };
  }
}

function readJwks(path: string): JSONWebKeySet {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet;
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `access.oidc.jwksFile: cannot read a JWKS from ${path}`, {
      field: 'access.oidc.jwksFile',
    });
  }
}

/** A short, safe reason: never the token or key material. */
function reason(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} invalid`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no matching key';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof joseErrors.JWKSTimeout) return 'key set unavailable';
  return 'invalid token';
}

function rolesOf(payload: JWTPayload, claim: string): string[] {
  let node: unknown = payload;
  for (const key of claim.split('.')) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node === 'string') return node.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(node) ? node.filter((r): r is string => typeof r === 'string') : [];
}

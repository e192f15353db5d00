import { z } from 'zod';
import { secretSchema } from './auth.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;
const name = z.string().regex(NAME_RE, 'expected letters, digits, "_", ".", ":", "@" or "-"');

/** A token bucket: `rps` tokens per second, at most `burst` at once. */
export const rateLimitSchema = z
  .object({
    rps: z.number().positive().max(100_000),
    burst: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const roleSchema = z
  .object({
    /** Env names the role may see; "*" is every env. */
    envs: z.array(z.string().min(1)).min(1),
    /** Service names the role may query; absent = every service. Raw PromQL needs every service. */
    services: z.array(z.string().min(1)).min(1).optional(),
    rateLimit: rateLimitSchema.optional(),
  })
  .strict();

/** A static token, stored as the hex sha256 of the token (never the token itself). */
const staticTokenSchema = z
  .object({
    name,
    sha256: secretSchema,
    roles: z.array(name).min(1),
  })
  .strict();

const durationSeconds = z.union([z.number().min(0), z.string().regex(/^\d+(ms|s|m)$/)]).transform((v) => {
  if (typeof v === 'number') return v;
  const n = Number.parseInt(v, 10);
  return v.endsWith('ms') ? n / 1000 : v.endsWith('m') ? n * 60 : n;
});

export const oidcSchema = z
  .object({
    issuer: z.string().min(1),
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Exactly one of jwksUrl / jwksFile. */
    jwksUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    jwksFile: z.string().min(1).optional(),
    /** Allowed clock difference for exp / nbf / iat. */
    clockSkew: durationSeconds.default(30),
    /** Claim holding the caller's role names (string or array); dots walk into objects. */
    rolesClaim: z.string().min(1).default('roles'),
    algorithms: z.array(z.string().min(1)).min(1).default(['RS256', 'ES256', 'PS256', 'EdDSA']),
  })
  .strict()
  .refine((o) => (o.jwksUrl === undefined) !== (o.jwksFile === undefined), {
    message: 'give exactly one of jwksUrl or jwksFile',
    path: ['jwksUrl'],
  });

export const accessSchema = z
  .object({
    roles: z.record(name, roleSchema),
    tokens: z.array(staticTokenSchema).default([]),
    oidc: oidcSchema.optional(),
    /** Role of callers without a token; absent = they get 401 on every data route. */
    anonymousRole: name.optional(),
    /** Rate limit of roles that set none; absent = unlimited. */
    defaultRateLimit: rateLimitSchema.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const known = new Set(Object.keys(a.roles));
    a.tokens.forEach((t, i) =>
      t.roles.forEach((r, j) => {
        if (!known.has(r))
          ctx.addIssue({ code: 'custom', path: ['tokens', i, 'roles', j], message: `unknown role "${r}"` });
      }),
    );
    if (a.anonymousRole !== undefined && !known.has(a.anonymousRole))
      ctx.addIssue({ code: 'custom', path: ['anonymousRole'], message: `unknown role "${a.anonymousRole}"` });
  });

export type AccessConfig = z.infer<typeof accessSchema>;
export type RoleConfig = z.infer<typeof roleSchema>;
export type OidcConfig = z.infer<typeof oidcSchema>;
export type RateLimitConfig = z.infer<typeof rateLimitSchema>;

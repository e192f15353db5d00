import type { Context, MiddlewareHandler } from 'hono';
import { ParallaxError, toParallaxError } from '../errors/index.js';
import type { Authenticator } from './authenticate.js';
import { runWithGrant } from './context.js';
import { Grant } from './grant.js';
import type { RateLimiter } from './rate-limit.js';

export interface AccessRoutes {
  graphqlPath: string;
  /** Paths anyone may call; they see no env (e.g. /healthz, /metrics). */
  open: readonly string[];
  /** Paths anyone may call; a valid token there shows that caller's envs (e.g. /readyz). */
  openWithIdentity: readonly string[];
}

/**
 * Authenticates every request, applies the caller's rate limit and runs the rest of the request
 * inside the caller's grant. Only the playground HTML page and the listed open paths need no token.
 */
export function accessControl(
  auth: Authenticator,
  limiter: RateLimiter,
  routes: AccessRoutes,
): MiddlewareHandler {
  return async (c, next) => {
    if (!auth.enforced) return runWithGrant(Grant.OPEN, next);
    if (isOpen(c, routes)) return runWithGrant(Grant.NONE, next);
    let grant: Grant;
    try {
      grant = routes.openWithIdentity.includes(c.req.path)
        ? await auth.authenticate(c.req.header('authorization')).catch(() => Grant.NONE)
        : await auth.authenticate(c.req.header('authorization'));
    } catch (err) {
      return denied(c, toParallaxError(err));
    }
    const wait = limiter.take(grant);
    if (wait > 0) return tooMany(c, wait);
    return runWithGrant(grant, next);
  };
}

function isOpen(c: Context, routes: AccessRoutes): boolean {
  if (c.req.method === 'OPTIONS') return true; // CORS preflight carries no credentials
  if (routes.open.includes(c.req.path)) return true;
  // The GraphiQL page: a browser GET for HTML with no operation in it. Anything executing needs a token.
  return (
    c.req.path === routes.graphqlPath &&
    c.req.method === 'GET' &&
    (c.req.header('accept') ?? '').includes('text/html') &&
    c.req.query('query') === undefined
  );
}

function denied(c: Context, e: ParallaxError): Response {
  const headers: Record<string, string> =
    e.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="parallax"' } : {};
  const err =
    e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN'
      ? e
      : new ParallaxError('UNAUTHENTICATED', 'bearer token rejected');
  return c.json({ error: err.toJSON() }, err.code === 'FORBIDDEN' ? 403 : 401, headers);
}

function tooMany(c: Context, seconds: number): Response {
  const e = new ParallaxError('RATE_LIMITED', `rate limit exceeded; retry after ${seconds}s`);
  return c.json({ error: e.toJSON() }, 429, { 'retry-after': String(seconds) });
}

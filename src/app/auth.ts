import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Bearer token check for clients; `openMethods` stay open (GraphiQL page itself is a GET). */
export function requireToken(token: string, openMethods: string[] = []): MiddlewareHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (c, next) => {
    if (openMethods.includes(c.req.method)) return next();
    const got = Buffer.from(c.req.header('authorization') ?? '');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      return c.json({ error: { code: 'UNAUTHENTICATED', message: 'missing or wrong bearer token' } }, 401);
    }
    return next();
  };
}

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { ParallaxError } from '../errors/index.js';

const tooLarge = (what: string, max: number): ParallaxError =>
  new ParallaxError(
    what === 'request URL' ? 'URI_TOO_LONG' : 'PAYLOAD_TOO_LARGE',
    `${what} larger than ${max} bytes`,
  );

/**
 * Request bodies above `max` bytes are refused with 413 before anything parses them. A declared
 * length is judged from the header alone: hono's bodyLimit touches the body first, which turns the
 * node server's light request into a full web Request and stream (~0.1 ms a request); only
 * chunked bodies are counted as they stream in. No handler reads the body of a GET or HEAD.
 */
export function bodyCap(max: number): MiddlewareHandler {
  const refuse = (c: Context) => c.json({ error: tooLarge('request body', max).toJSON() }, 413);
  const counted = bodyLimit({ maxSize: max, onError: refuse });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    return Number(length) > max ? refuse(c) : next();
  };
}

/** URLs (query string included) above `max` bytes are refused with 414. */
export function urlCap(max: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.url.length > max) return c.json({ error: tooLarge('request URL', max).toJSON() }, 414);
    return next();
  };
}

/** CORS only for the configured origins; none configured = no CORS headers (browsers refuse). */
export function corsOf(origins: readonly string[]): MiddlewareHandler | undefined {
  if (origins.length === 0) return undefined;
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ['authorization', 'content-type', 'accept'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
}

const JAEGER_PREFIXES = ['/api/traces', '/api/services', '/api/operations', '/api/dependencies'];

/** A closed set of surface names for the request metric (never a raw path segment). */
export function surfaceOf(path: string, graphqlPath: string): string {
  if (path === graphqlPath) return 'graphql';
  if (path === '/api/v1/incident-context') return 'rest';
  if (path.startsWith('/api/v1/')) return 'prometheus';
  if (JAEGER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return 'jaeger';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1);
  return 'other';
}

import type { MiddlewareHandler } from 'hono';
import { toParallaxError } from '../errors/index.js';
import { currentGrant } from './context.js';
import { assertAllServices, assertService } from './services.js';

const SERVICE_OPS = /^\/api\/services\/([^/]+)\/operations$/;

/** What an HTTP request (outside GraphQL) needs: a service the caller may see, or every service. */
function checkRequest(path: string, query: (name: string) => string | undefined): void {
  if (path === '/api/v1/incident-context') return assertService(query('service') ?? '');
  if (path.startsWith('/api/v1/')) return assertAllServices('raw PromQL and metric listings');
  const ops = SERVICE_OPS.exec(path);
  if (ops) return assertService(decodeURIComponent(ops[1] ?? ''));
  if (path === '/api/operations') return assertService(query('service') ?? '');
  if (path === '/api/traces' && query('traceID') === undefined) return assertService(query('service') ?? '');
  // Trace ids, dependency graphs and service lists can reach any service.
  if (path.startsWith('/api/traces') || path === '/api/services' || path === '/api/dependencies')
    return assertAllServices('trace lookups and service listings');
}

/**
 * Roles that list `services` may only name those: checked on the Prometheus, Jaeger and REST surfaces
 * here, and on GraphQL by `guardServiceArgs`. Runs after accessControl (it reads the grant).
 */
export function serviceGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (currentGrant()?.allServices !== false) return next();
    try {
      checkRequest(c.req.path, (name) => c.req.query(name));
    } catch (err) {
      const e = toParallaxError(err);
      return c.json({ error: e.toJSON() }, 403);
    }
    return next();
  };
}

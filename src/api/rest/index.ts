import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IncidentService } from '../../compare/index.js';
import type { EnvRegistry } from '../../envs/index.js';
import { incidentMarkdown, INCIDENT_SCHEMA_VERSION } from '../../compare/index.js';
import { allEnvsFailed, toParallaxError } from '../../errors/index.js';
import { everyBackendFailed } from '../all-failed.js';
import { incidentParams } from './params.js';

export const INCIDENT_CONTEXT_PATH = '/api/v1/incident-context';

/** Errors as `{ error: { code, message, field } }` with the error's HTTP status; never a stack trace. */
function errorResponse(c: Context, err: unknown): Response {
  const e = toParallaxError(err);
  return c.json({ error: e.toJSON() }, e.status as ContentfulStatusCode);
}

/**
 * REST surface for runbooks: `GET /api/v1/incident-context?service=&at=&window=&baseline=&candidate=`,
 * JSON (schemaVersion 1) or Markdown with `Accept: text/markdown` (or `format=markdown`). The verdict is
 * also in the `X-Parallax-Verdict` header, so a script reading Markdown can branch on it.
 */
export function restApi(services: { incidents: IncidentService; envs: EnvRegistry }): Hono {
  const { incidents } = services;
  const app = new Hono();
  app.get(INCIDENT_CONTEXT_PATH, async (c) => {
    try {
      const now = Date.now();
      const params = incidentParams((name) => c.req.queries(name), c.req.header('accept'), now);
      const ctx = await incidents.context({ ...params, signal: c.req.raw.signal }, now);
      if (everyBackendFailed(services.envs, [...ctx.baseline, ...ctx.candidate], ctx.errors)) {
        // Nothing answered: the documented ALL_ENVS_FAILED, with each env's own error next to it.
        const e = allEnvsFailed(ctx.errors);
        return c.json({ error: e.toJSON(), errors: ctx.errors }, e.status as ContentfulStatusCode);
      }
      const headers = {
        'x-parallax-verdict': ctx.verdict.verdict,
        'x-parallax-schema-version': String(INCIDENT_SCHEMA_VERSION),
      };
      if (params.markdown)
        return c.body(incidentMarkdown(ctx), 200, {
          ...headers,
          'content-type': 'text/markdown; charset=utf-8',
        });
      return c.json(ctx, 200, headers);
    } catch (err) {
      return errorResponse(c, err);
    }
  });
  return app;
}

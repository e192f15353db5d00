import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Config } from '../config/index.js';
import { toParallaxError } from '../errors/index.js';
import { restApi } from '../api/rest/index.js';
import {
  compareResolvers,
  createGraphQLServer,
  envResolvers,
  guardServiceArgs,
  loadSchemaSDL,
  logsResolvers,
  mergeResolvers,
  metricsResolvers,
  serviceResolvers,
  tracesResolvers,
} from '../api/graphql/index.js';
import { prometheusApi } from '../api/prometheus/index.js';
import { jaegerApi } from '../api/jaeger/index.js';
import { GatewayMetrics, type Logger } from '../telemetry/index.js';
import { Authenticator, RateLimiter, accessControl, serviceGuard } from '../access/index.js';
import { buildServices, type Carried, type Services } from './services.js';
import { bodyCap, corsOf, surfaceOf, urlCap } from './http-limits.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schema', import.meta.url));

export interface App {
  app: Hono;
  services: Services;
}

/** Shared by every app built over the process' life (reloads): SIGTERM sets `draining`. */
export interface Lifecycle {
  draining: boolean;
}

export interface AppOptions extends Carried {
  logger?: Logger;
  /** Node's process metrics in a new registry; ignored when `telemetry` is given (registered there once). */
  defaultMetrics?: boolean;
  lifecycle?: Lifecycle;
}

/** Builds the whole gateway from a validated config; no I/O happens until a request arrives. */
export function createApp(config: Config, opts: AppOptions = {}): App {
  const telemetry = opts.telemetry ?? new GatewayMetrics(opts.defaultMetrics ?? false);
  const services = buildServices(config, {
    telemetry,
    ...(opts.breakers ? { breakers: opts.breakers } : {}),
  });
  const { envLabel, graphqlPath, limits } = config.server;
  // Built first: a bad token digest or JWKS file fails the load (or the reload) here.
  const auth = Authenticator.fromConfig(config.access, config.server.authToken);
  const lifecycle = opts.lifecycle ?? { draining: false };
  const yoga = createGraphQLServer({
    sdl: loadSchemaSDL(SCHEMA_DIR),
    path: graphqlPath,
    metrics: services.telemetry,
    limits: limits.graphql,
    resolvers: guardServiceArgs(
      mergeResolvers([
        envResolvers(services.envs, () => services.federation.breakerReadings()),
        metricsResolvers(services.metrics, services.signals, envLabel),
        tracesResolvers(services.traces),
        logsResolvers(services.logs),
        compareResolvers(services),
        serviceResolvers(services),
      ]),
    ),
  });

  const app = new Hono();
  app.onError((err, c) => {
    const e = toParallaxError(err);
    if (e.code === 'INTERNAL') opts.logger?.error({ err: e.cause }, 'unhandled error');
    return c.json({ error: e.toJSON() }, e.status as ContentfulStatusCode);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.use('*', async (c, next) => {
    await next();
    services.telemetry.httpRequest(surfaceOf(c.req.path, graphqlPath), c.res.status);
  });
  const cors = corsOf(config.server.corsOrigins);
  if (cors) app.use('*', cors);
  app.use('*', urlCap(limits.maxUrlBytes), bodyCap(limits.maxBodyBytes));
  app.use(
    '*',
    accessControl(auth, new RateLimiter(), {
      graphqlPath,
      open: ['/healthz', '/metrics'],
      openWithIdentity: ['/readyz'],
    }),
    serviceGuard(),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  // Envs the caller may see only; 503 once SIGTERM arrived, so the load balancer stops sending first.
  app.get('/readyz', (c) =>
    lifecycle.draining
      ? c.json({ status: 'draining', envs: [] }, 503)
      : c.json({ status: 'ready', envs: services.envs.names() }),
  );
  app.get('/metrics', async (c) =>
    c.text(await services.telemetry.registry.metrics(), 200, {
      'content-type': services.telemetry.registry.contentType,
    }),
  );

  app.on(['GET', 'POST', 'OPTIONS'], graphqlPath, (c) => yoga.fetch(c.req.raw));
  app.route('/', restApi(services));
  app.route('/', prometheusApi(services.metrics, services.catalog));
  app.route('/', jaegerApi(services.traces, { maxTraceIds: limits.maxTraceIds }));
  return { app, services };
}

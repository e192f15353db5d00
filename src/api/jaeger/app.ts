import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Trace } from '../../traces/index.js';
import { allEnvsFailed, badInput } from '../../errors/index.js';
import { combineFederated, type Federated } from '../../federation/index.js';
import { parseTraceId, type TraceService } from '../../traces/index.js';
import { jaegerError, failure } from './errors.js';
import { envelope, toJaegerTrace, type JaegerError } from './format.js';
import { dependenciesOf, envsOf, searchOf, traceIdsOf, type RawQuery } from './params.js';

const rawQuery = (c: Context): RawQuery => ({
  one: (name) => c.req.query(name),
  all: (name) => c.req.queries(name) ?? [],
});

/** 200 with the healthy envs' data and the failed envs in `errors`; 502 only when every env failed. */
function answer<T>(
  c: Context,
  result: Federated<unknown>,
  data: T,
  total: number,
  extra: JaegerError[] = [],
): Response {
  const allFailed = result.answered.length === 0 && result.errors.length > 0;
  // Every env failed: ALL_ENVS_FAILED leads, each env's own error follows.
  const lead = allFailed ? [jaegerError(allEnvsFailed(result.errors))] : [];
  const errors = [...lead, ...extra, ...result.errors.map(jaegerError)];
  return c.json(envelope(data, total, errors), allFailed ? 502 : 200);
}

/** Runs a handler; bad input and other request-level failures answer in Jaeger's error shape. */
function route(handler: (c: Context, q: RawQuery) => Promise<Response>) {
  return async (c: Context): Promise<Response> => {
    try {
      return await handler(c, rawQuery(c));
    } catch (err) {
      const { body, status } = failure(err);
      return c.json(body, status as ContentfulStatusCode);
    }
  };
}

const signalOf = (c: Context): { signal: AbortSignal } => ({ signal: c.req.raw.signal });

/**
 * A Jaeger-compatible query API over every env (what Grafana's Jaeger datasource calls). Routes are
 * relative; each span's process carries its env as the tag `env`; `env=` narrows the envs asked.
 */
export function jaegerApi(traces: TraceService, limits: { maxTraceIds: number } = { maxTraceIds: 20 }): Hono {
  const app = new Hono();
  const jaegerTraces = (list: readonly Trace[]) => list.map((t) => toJaegerTrace(t, traces.envLabel));

  app.get(
    '/api/services',
    route(async (c, q) => {
      const res = await traces.services(envsOf(q), signalOf(c));
      const names = res.data.map((s) => s.name);
      return answer(c, res, names, names.length);
    }),
  );

  app.get(
    '/api/services/:service/operations',
    route(async (c, q) => {
      const res = await traces.operations(c.req.param('service') ?? '', envsOf(q), signalOf(c));
      const names = [...new Set(res.data.map((op) => op.name))];
      return answer(c, res, names, names.length);
    }),
  );

  app.get(
    '/api/operations',
    route(async (c, q) => {
      const service = q.one('service');
      if (!service) throw badInput('service', "parameter 'service' is required");
      const kind = q.one('spanKind');
      const res = await traces.operations(service, envsOf(q), signalOf(c));
      const ops = res.data
        .filter((op) => !kind || op.spanKind === kind)
        .map((op) => ({ name: op.name, spanKind: op.spanKind === 'unspecified' ? '' : op.spanKind }));
      const unique = [...new Map(ops.map((op) => [`${op.name}\u0000${op.spanKind}`, op])).values()];
      return answer(c, res, unique, unique.length);
    }),
  );

  app.get(
    '/api/traces',
    route(async (c, q) => {
      const ids = traceIdsOf(q);
      // Each id fans out to every env: cap them so one request cannot multiply into thousands of calls.
      if (ids.length > limits.maxTraceIds)
        throw badInput('traceID', `at most ${limits.maxTraceIds} trace ids per request, got ${ids.length}`);
      if (ids.length > 0) return byIds(c, traces, ids, envsOf(q));
      const res = await traces.search(searchOf(q, traces.envLabel), signalOf(c));
      return answer(c, res, jaegerTraces(res.data), res.data.length);
    }),
  );

  app.get(
    '/api/traces/:id',
    route(async (c, q) => {
      const id = parseTraceId(c.req.param('id') ?? '', 'traceID');
      const res = await traces.trace(id, envsOf(q), signalOf(c));
      if (res.data.trace) return answer(c, res, jaegerTraces([res.data.trace]), 1);
      const errors = [{ code: 404, msg: 'trace not found' }, ...res.errors.map(jaegerError)];
      return c.json(envelope(null, 0, errors), 404);
    }),
  );

  app.get(
    '/api/dependencies',
    route(async (c, q) => {
      const { endMs, lookbackMs } = dependenciesOf(q);
      const res = await traces.dependencies(endMs, lookbackMs, envsOf(q), signalOf(c));
      const links = res.data.map(({ parent, child, callCount }) => ({ parent, child, callCount }));
      return answer(c, res, links, links.length);
    }),
  );

  return app;
}

/** `traceID=` on /api/traces: each id looked up; a missing one is an error entry, as in Jaeger. */
async function byIds(
  c: Context,
  traces: TraceService,
  ids: string[],
  envs: string[] | undefined,
): Promise<Response> {
  const results = await Promise.all(ids.map((id) => traces.trace(id, envs, signalOf(c))));
  const found = results.flatMap((r) => (r.data.trace ? [toJaegerTrace(r.data.trace, traces.envLabel)] : []));
  const missing = results
    .filter((r) => !r.data.trace)
    .map((r) => ({ msg: 'trace not found', traceID: r.data.traceId }));
  // Each lookup asked the same envs: report a failed env once.
  const merged = combineFederated(results, null);
  return answer(c, merged, found, found.length, missing);
}

import { Hono, type Context } from 'hono';
import type { MetricsCatalog, MetricsService } from '../../metrics/index.js';
import type { Federated } from '../../federation/index.js';
import { allFailed, prometheusError } from './errors.js';
import { envWarning, success } from './format.js';
import { querySuccessResponse } from './serialize.js';
import type { QueryJson } from '../../series/index.js';
import { optionalTime, readParams, required, requiredStep, requiredTime } from './params.js';

// Grafana reads the version to pick features; 2.42 is what the federated servers run.
const BUILD_INFO = {
  version: '2.42.0',
  revision: 'parallax',
  branch: 'parallax',
  buildUser: 'parallax',
  buildDate: '',
  goVersion: 'n/a',
};

function answer(c: Context, res: Federated<QueryJson>) {
  const fatal = allFailed(res);
  if (fatal) return prometheusError(c, fatal);
  const warnings = [...res.warnings, ...res.errors.map(envWarning)];
  return c.body(querySuccessResponse(res.data, warnings), 200, { 'content-type': 'application/json' });
}

function catalogAnswer(c: Context, res: Federated<unknown>) {
  const fatal = allFailed(res);
  if (fatal) return prometheusError(c, fatal);
  return c.json(success(res.data, [], res.errors));
}

const matchOf = (p: URLSearchParams): string[] => p.getAll('match[]');

/** The Prometheus HTTP API that Grafana's Prometheus datasource calls, answered from every env. */
export function prometheusApi(metrics: MetricsService, catalog: MetricsCatalog): Hono {
  const api = new Hono();
  api.onError((err, c) => prometheusError(c, err));

  api.on(['GET', 'POST'], '/api/v1/query', async (c) => {
    const p = await readParams(c);
    return answer(
      c,
      await metrics.instantJson(required(p, 'query'), optionalTime(p, 'time'), { signal: c.req.raw.signal }),
    );
  });

  api.on(['GET', 'POST'], '/api/v1/query_range', async (c) => {
    const p = await readParams(c);
    const range = { start: requiredTime(p, 'start'), end: requiredTime(p, 'end'), step: requiredStep(p) };
    return answer(c, await metrics.rangeJson(required(p, 'query'), range, { signal: c.req.raw.signal }));
  });

  api.on(['GET', 'POST'], '/api/v1/labels', async (c) => {
    const p = await readParams(c);
    return catalogAnswer(c, await catalog.labels(seriesQuery(p), c.req.raw.signal));
  });

  api.get('/api/v1/label/:name/values', async (c) => {
    const p = await readParams(c);
    return catalogAnswer(c, await catalog.labelValues(c.req.param('name'), seriesQuery(p), c.req.raw.signal));
  });

  api.on(['GET', 'POST'], '/api/v1/series', async (c) => {
    const p = await readParams(c);
    if (matchOf(p).length === 0) required(p, 'match[]');
    return catalogAnswer(c, await catalog.series(seriesQuery(p), c.req.raw.signal));
  });

  api.get('/api/v1/metadata', async (c) => {
    const p = await readParams(c);
    const limit = p.get('limit');
    const q = {
      ...(p.get('metric') ? { metric: p.get('metric') as string } : {}),
      ...(limit ? { limit: Number(limit) } : {}),
    };
    return catalogAnswer(c, await catalog.metadata(q, c.req.raw.signal));
  });

  api.get('/api/v1/status/buildinfo', (c) => c.json({ status: 'success', data: BUILD_INFO }));
  api.on(['GET', 'POST'], '/api/v1/query_exemplars', (c) => c.json({ status: 'success', data: [] }));
  api.get('/api/v1/rules', (c) => c.json({ status: 'success', data: { groups: [] } }));
  api.get('/api/v1/alerts', (c) => c.json({ status: 'success', data: { alerts: [] } }));
  return api;
}

function seriesQuery(p: URLSearchParams) {
  const start = optionalTime(p, 'start');
  const end = optionalTime(p, 'end');
  return {
    match: matchOf(p),
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
  };
}

import { parseJsonBody, requestJson, requestText, type HttpTarget, type HttpText } from '../http/index.js';
import { rawResult } from './raw.js';
import { parseResponse, schemas, toQueryData } from './parse.js';
import type {
  InstantQuery,
  Labels,
  MetricMetadata,
  QueryResult,
  RangeQuery,
  RawQueryResult,
  SeriesQuery,
} from './types.js';

const seconds = (ms: number): string => String(ms / 1000);

function rangeParams(form: URLSearchParams, q: { start?: number; end?: number }): URLSearchParams {
  if (q.start !== undefined) form.set('start', seconds(q.start));
  if (q.end !== undefined) form.set('end', seconds(q.end));
  return form;
}

function matchParams(q: SeriesQuery): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of q.match) form.append('match[]', m);
  return rangeParams(form, q);
}

/** A query's answer: kept as text when asked and possible, else parsed and checked. */
function queryAnswer(target: HttpTarget, res: HttpText, keepRaw: boolean): RawQueryResult | QueryResult {
  const raw = keepRaw && res.status === 200 ? rawResult(res.text) : undefined;
  if (raw) return raw;
  const body = parseResponse(target, parseJsonBody(target, res), schemas.query);
  return { data: toQueryData(body.data), warnings: body.warnings ?? [] };
}

/** Prometheus HTTP API of ONE server; POST form bodies so long queries never hit URL limits. */
export const prometheusApi = {
  async query(target: HttpTarget, q: InstantQuery, signal?: AbortSignal): Promise<QueryResult> {
    const form = new URLSearchParams({ query: q.query });
    if (q.time !== undefined) form.set('time', seconds(q.time));
    const res = await requestJson(target, { path: '/api/v1/query', form, ...(signal ? { signal } : {}) });
    const body = parseResponse(target, res, schemas.query);
    return { data: toQueryData(body.data), warnings: body.warnings ?? [] };
  },

  async queryRange(target: HttpTarget, q: RangeQuery, signal?: AbortSignal): Promise<QueryResult> {
    const form = rangeParams(new URLSearchParams({ query: q.query, step: seconds(q.step) }), q);
    const res = await requestJson(target, {
      path: '/api/v1/query_range',
      form,
      ...(signal ? { signal } : {}),
    });
    const body = parseResponse(target, res, schemas.query);
    return { data: toQueryData(body.data), warnings: body.warnings ?? [] };
  },

  /**
   * A query whose answer is kept as text: a vector or matrix without warnings comes back as its
   * `result` array unparsed (the caller splices it; no parse/re-serialise of every sample), anything
   * else parsed and checked as by query/queryRange.
   */
  async queryText(
    target: HttpTarget,
    q: InstantQuery | RangeQuery,
    signal?: AbortSignal,
  ): Promise<RawQueryResult | QueryResult> {
    const range = 'step' in q;
    const form = range
      ? rangeParams(new URLSearchParams({ query: q.query, step: seconds(q.step) }), q)
      : new URLSearchParams({ query: q.query, ...(q.time === undefined ? {} : { time: seconds(q.time) }) });
    const res = await requestText(target, {
      path: range ? '/api/v1/query_range' : '/api/v1/query',
      form,
      ...(signal ? { signal } : {}),
    });
    return queryAnswer(target, res, true);
  },

  /**
   * A success body kept outside the gateway (the shared cache) read back the way queryText
   * (`keepRaw`) or query reads a fresh one: the same shape checks, since it crossed a network.
   */
  fromBody(target: HttpTarget, text: string, keepRaw: boolean): RawQueryResult | QueryResult {
    return queryAnswer(target, { status: 200, text }, keepRaw);
  },

  async labels(target: HttpTarget, q: SeriesQuery, signal?: AbortSignal): Promise<string[]> {
    const res = await requestJson(target, {
      path: '/api/v1/labels',
      form: matchParams(q),
      ...(signal ? { signal } : {}),
    });
    return parseResponse(target, res, schemas.strings).data;
  },

  async labelValues(
    target: HttpTarget,
    name: string,
    q: SeriesQuery,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const path = `/api/v1/label/${encodeURIComponent(name)}/values`;
    const res = await requestJson(target, { path, query: matchParams(q), ...(signal ? { signal } : {}) });
    return parseResponse(target, res, schemas.strings).data;
  },

  async series(target: HttpTarget, q: SeriesQuery, signal?: AbortSignal): Promise<Labels[]> {
    const res = await requestJson(target, {
      path: '/api/v1/series',
      form: matchParams(q),
      ...(signal ? { signal } : {}),
    });
    return parseResponse(target, res, schemas.series).data;
  },

  async metadata(
    target: HttpTarget,
    q: { metric?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<Record<string, MetricMetadata[]>> {
    const query = new URLSearchParams();
    if (q.metric) query.set('metric', q.metric);
    if (q.limit !== undefined) query.set('limit', String(q.limit));
    const res = await requestJson(target, { path: '/api/v1/metadata', query, ...(signal ? { signal } : {}) });
    return parseResponse(target, res, schemas.metadata).data;
  },
};

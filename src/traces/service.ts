import { type Trace, type TraceQuery } from './model.js';
import type { EnvRegistry } from '../envs/index.js';
import { badInput } from '../errors/index.js';
import {
  mapData,
  type Federated,
  type Federation,
  type PerEnv,
  type TraceClient,
} from '../federation/index.js';
import { assembleTraces, buildTrace } from './assemble.js';
import { mergeDependencies, mergeOperations, mergeServices, mergeTraces, sortTraces } from './merge.js';
import { operationStats } from './stats.js';
import {
  DEFAULT_TRACE_OPTIONS,
  type CallOptions,
  type DependencyEntry,
  type OperationEntry,
  type ServiceEntry,
  type ServiceOperationStats,
  type TraceLookup,
  type TraceSearch,
  type TraceServiceOptions,
} from './types.js';

/** Traces across envs: search, lookup by id, per-operation statistics, services and dependencies. */
export class TraceService {
  readonly opts: TraceServiceOptions;

  private readonly envs: EnvRegistry;

  constructor(
    private readonly federation: Federation,
    opts: Partial<TraceServiceOptions> = {},
  ) {
    this.envs = federation.envs;
    this.opts = { ...DEFAULT_TRACE_OPTIONS, ...opts };
  }

  get maxLimit(): number {
    return this.opts.maxLimit;
  }

  /** The label/tag that names the env on every surface (config `server.envLabel`). */
  get envLabel(): string {
    return this.envs.envLabel;
  }

  /** Traces of `service` in the chosen envs, merged and ordered, at most `limit`. */
  async search(q: TraceSearch, call: CallOptions = {}): Promise<Federated<Trace[]>> {
    this.checkSearch(q);
    // SLOWEST needs more than `limit` candidates: Jaeger returns the newest matches, not the longest.
    const depth = q.order === 'SLOWEST' ? this.opts.maxLimit : q.limit;
    const query = toBackendQuery(q, depth);
    const res = await this.fanOut(q.envs, call, (c, signal) => c.searchTraces(query, signal));
    const merged = sortTraces(mergeTraces(res.data.flatMap((d) => assembleTraces(d.value))), q.order);
    return mapData(res, () => merged.slice(0, q.limit));
  }

  /** A trace by (normalised) id, looked up in every chosen env in parallel. */
  async trace(
    traceId: string,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<Federated<TraceLookup>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.getTrace(traceId, signal));
    const found = res.data.flatMap(({ env, value }) =>
      value ? [{ env, trace: buildTrace(value.traceId, value.spans) }] : [],
    );
    const locations = found.map(({ env, trace }) => ({
      env,
      spanCount: trace.spans.length,
      ...this.uiLink(env, traceId),
    }));
    const trace = mergeTraces(found.map((f) => f.trace))[0] ?? null;
    return mapData(res, () => ({ traceId, locations, trace }));
  }

  /** Per env, per-operation counts, errors and latency quantiles of `service` over [startMs, endMs]. */
  async operationStats(
    service: string,
    range: { startMs: number; endMs: number },
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<Federated<ServiceOperationStats[]>> {
    checkRange(range.startMs, range.endMs);
    const cap = this.opts.statsSampleCap;
    const query: TraceQuery = { service, startMs: range.startMs, endMs: range.endMs, limit: cap };
    const res = await this.fanOut(envs, call, (c, signal) => c.searchTraces(query, signal));
    const data = res.data.map(({ env, value }) => ({
      env,
      service,
      sampleSize: value.length,
      capped: value.length >= cap,
      operations: operationStats(assembleTraces(value), service, range.startMs, range.endMs),
    }));
    return mapData(res, () => data);
  }

  async services(envs?: readonly string[], call: CallOptions = {}): Promise<Federated<ServiceEntry[]>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.services(signal));
    return mapData(res, () => mergeServices(res.data));
  }

  async operations(
    service: string,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<Federated<OperationEntry[]>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.operations(service, signal));
    return mapData(res, () => mergeOperations(res.data));
  }

  /** Service call graph over (endMs - lookbackMs, endMs], call counts summed over envs. */
  async dependencies(
    endMs: number,
    lookbackMs: number,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<Federated<DependencyEntry[]>> {
    if (!(lookbackMs > 0)) throw badInput('lookback', 'must be greater than 0');
    const res = await this.fanOut(envs, call, (c, signal) => c.dependencies(endMs, lookbackMs, signal));
    return mapData(res, () => mergeDependencies(res.data));
  }

  private checkSearch(q: TraceSearch): void {
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > this.opts.maxLimit) {
      throw badInput('limit', `must be an integer from 1 to ${this.opts.maxLimit}`);
    }
    checkRange(q.startMs, q.endMs);
    if (q.minDurationUs !== undefined && q.maxDurationUs !== undefined && q.maxDurationUs < q.minDurationUs) {
      throw badInput('maxDuration', 'is less than minDuration');
    }
  }

  private fanOut<T>(
    names: readonly string[] | undefined,
    call: CallOptions,
    fn: (client: TraceClient, signal: AbortSignal) => Promise<T>,
  ): Promise<Federated<PerEnv<T>>> {
    const sel = this.federation.select(names, 'jaeger', 'envs');
    return this.federation.traces(sel, (client, _env, signal) => fn(client, signal), call);
  }

  private uiLink(env: string, traceId: string): { uiUrl?: string } {
    const template = this.envs.get(env).traces?.uiUrl;
    return template ? { uiUrl: template.replaceAll('{{traceId}}', traceId) } : {};
  }
}

function checkRange(startMs: number, endMs: number): void {
  if (!Number.isFinite(startMs)) throw badInput('range.start', 'is not a time');
  if (!Number.isFinite(endMs)) throw badInput('range.end', 'is not a time');
  if (endMs < startMs) throw badInput('range.end', 'end is before start');
}

function toBackendQuery(q: TraceSearch, limit: number): TraceQuery {
  return {
    service: q.service,
    startMs: q.startMs,
    endMs: q.endMs,
    limit,
    ...(q.operation ? { operation: q.operation } : {}),
    ...(q.attributes && Object.keys(q.attributes).length > 0 ? { attributes: q.attributes } : {}),
    ...(q.minDurationUs === undefined ? {} : { minDurationUs: q.minDurationUs }),
    ...(q.maxDurationUs === undefined ? {} : { maxDurationUs: q.maxDurationUs }),
  };
}

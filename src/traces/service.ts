import {
  createJaegerClient,
  type JaegerClient,
  type Trace,
  type TraceQuery,
} from '../backends/jaeger/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { badInput } from '../errors/index.js';
import type { EnvCall, Federated, Federation } from '../federation/index.js';
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
  type TracesResult,
} from './types.js';

/** Traces across envs: search, lookup by id, per-operation statistics, services and dependencies. */
export class TraceService {
  readonly opts: TraceServiceOptions;
  // One client per env: an `auto` client remembers which API flavour its env speaks.
  private readonly clients = new Map<string, JaegerClient>();

  constructor(
    private readonly envs: EnvRegistry,
    private readonly federation: Federation,
    opts: Partial<TraceServiceOptions> = {},
  ) {
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
  async search(q: TraceSearch, call: CallOptions = {}): Promise<TracesResult<Trace[]>> {
    this.checkSearch(q);
    // SLOWEST needs more than `limit` candidates: Jaeger returns the newest matches, not the longest.
    const depth = q.order === 'SLOWEST' ? this.opts.maxLimit : q.limit;
    const query = toBackendQuery(q, depth);
    const res = await this.fanOut(q.envs, call, (c, signal) => c.searchTraces(query, signal));
    const merged = sortTraces(mergeTraces(res.data.flatMap((d) => d.value)), q.order);
    return { data: merged.slice(0, q.limit), errors: res.errors, answered: answered(res) };
  }

  /** A trace by (normalised) id, looked up in every chosen env in parallel. */
  async trace(
    traceId: string,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<TracesResult<TraceLookup>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.getTrace(traceId, signal));
    const found = res.data.flatMap(({ env, value }) => (value ? [{ env, trace: value }] : []));
    const locations = found.map(({ env, trace }) => ({
      env,
      spanCount: trace.spans.length,
      ...this.uiLink(env, traceId),
    }));
    const trace = mergeTraces(found.map((f) => f.trace))[0] ?? null;
    return { data: { traceId, locations, trace }, errors: res.errors, answered: answered(res) };
  }

  /** Per env, per-operation counts, errors and latency quantiles of `service` over [startMs, endMs]. */
  async operationStats(
    service: string,
    range: { startMs: number; endMs: number },
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<TracesResult<ServiceOperationStats[]>> {
    checkRange(range.startMs, range.endMs);
    const cap = this.opts.statsSampleCap;
    const query: TraceQuery = { service, startMs: range.startMs, endMs: range.endMs, limit: cap };
    const res = await this.fanOut(envs, call, (c, signal) => c.searchTraces(query, signal));
    const data = res.data.map(({ env, value }) => ({
      env,
      service,
      sampleSize: value.length,
      capped: value.length >= cap,
      operations: operationStats(value, service, range.startMs, range.endMs),
    }));
    return { data, errors: res.errors, answered: answered(res) };
  }

  async services(envs?: readonly string[], call: CallOptions = {}): Promise<TracesResult<ServiceEntry[]>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.services(signal));
    return { data: mergeServices(res.data), errors: res.errors, answered: answered(res) };
  }

  async operations(
    service: string,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<TracesResult<OperationEntry[]>> {
    const res = await this.fanOut(envs, call, (c, signal) => c.operations(service, signal));
    return { data: mergeOperations(res.data), errors: res.errors, answered: answered(res) };
  }

  /** Service call graph over (endMs - lookbackMs, endMs], call counts summed over envs. */
  async dependencies(
    endMs: number,
    lookbackMs: number,
    envs?: readonly string[],
    call: CallOptions = {},
  ): Promise<TracesResult<DependencyEntry[]>> {
    if (!(lookbackMs > 0)) throw badInput('lookback', 'must be greater than 0');
    const res = await this.fanOut(envs, call, (c, signal) => c.dependencies(endMs, lookbackMs, signal));
    return { data: mergeDependencies(res.data), errors: res.errors, answered: answered(res) };
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
    fn: (client: JaegerClient, signal: AbortSignal) => Promise<T>,
  ): Promise<Federated<T>> {
    const envs = this.envs.select(names, 'jaeger', 'envs');
    const perEnv: EnvCall<T> = (env, signal) => fn(this.client(env), signal);
    return this.federation.run({ envs, backend: 'jaeger', call: perEnv, ...call });
  }

  private client(env: string): JaegerClient {
    let client = this.clients.get(env);
    if (!client) {
      const target = this.envs.targets(env, 'jaeger')[0];
      const api = this.envs.get(env).traces?.api ?? 'auto';
      if (!target) throw badInput('envs', `env ${env} has no traces backend`);
      client = createJaegerClient(target, api);
      this.clients.set(env, client);
    }
    return client;
  }

  private uiLink(env: string, traceId: string): { uiUrl?: string } {
    const template = this.envs.get(env).traces?.uiUrl;
    return template ? { uiUrl: template.replaceAll('{{traceId}}', traceId) } : {};
  }
}

const answered = (res: Federated<unknown>): string[] => res.data.map((d) => d.env);

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

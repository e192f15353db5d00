import {
  createDataFrame,
  DataSourceApi,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type QueryResultMetaNotice,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { Gateway, isPartial, noticeText, type GatewayError, type GraphQLAnswer } from './gateway';
import { interpolateQuery } from './interpolate';
import * as Q from './queries';
import { requestRange, toRange } from './range';
import * as F from './frames';
import {
  DEFAULT_QUERY,
  DEFAULT_SIGNALS,
  type EnvInfo,
  type ParallaxOptions,
  type ParallaxQuery,
} from './types';

/** Frames of one target plus the per-env errors that become their notices. */
interface Result {
  frames: DataFrame[];
  errors: GatewayError[];
}

/** The route of plugin.json that Grafana's data proxy forwards to the gateway (with the token). */
export const ROUTE = 'parallax';

export class DataSource extends DataSourceApi<ParallaxQuery, ParallaxOptions> {
  readonly gateway: Gateway;
  /** Annotation queries use the same editor and query path (the `verdicts` type). */
  override annotations = {};

  constructor(settings: DataSourceInstanceSettings<ParallaxOptions>) {
    super(settings);
    this.gateway = new Gateway(`${settings.url ?? ''}/${ROUTE}`);
  }

  override getDefaultQuery(): Partial<ParallaxQuery> {
    return DEFAULT_QUERY;
  }

  override filterQuery(q: ParallaxQuery): boolean {
    return !q.hide;
  }

  async query(req: DataQueryRequest<ParallaxQuery>): Promise<DataQueryResponse> {
    const targets = req.targets.filter((t) => !t.hide);
    const results = await Promise.all(
      targets.map((t) => this.runTarget(req, interpolateQuery(t, req.scopedVars))),
    );
    return { data: results.flatMap((r, i) => withNotices(r, targets[i]?.refId ?? '')) };
  }

  /** Explore and "copy to another datasource" get the queries with variables resolved. */
  override interpolateVariablesInQueries(queries: ParallaxQuery[], vars: ScopedVars): ParallaxQuery[] {
    return queries.map((q) => interpolateQuery(q, vars));
  }

  private async runTarget(req: DataQueryRequest<ParallaxQuery>, q: ParallaxQuery): Promise<Result> {
    if (!q.service) return { frames: [], errors: [] };
    const refId = q.refId;
    const compareVars = () => ({
      service: q.service,
      baseline: q.baseline ?? [],
      candidate: q.candidate ?? [],
      range: requestRange(req, 'compare'),
    });
    switch (q.queryType ?? 'signals') {
      case 'signals': {
        const vars = {
          service: q.service,
          range: requestRange(req, 'series'),
          envs: nonEmpty(q.envs),
          signals: q.signals?.length ? q.signals : [...DEFAULT_SIGNALS],
        };
        const a = await this.ask<{ signals: F.SignalSeries[] }>(Q.SIGNALS, vars);
        return { frames: F.signalFrames(refId, a.data?.signals ?? []), errors: a.errors };
      }
      case 'compare':
        return this.compare(Q.COMPARE, compareVars(), (c) =>
          F.compareFrames(refId, c).filter((f) => !q.part || f.name === q.part),
        );
      case 'operations':
        return this.compare(Q.OPERATIONS, compareVars(), (c) => [F.operationsFrame(refId, c)]);
      case 'logPatterns':
        return this.compare(Q.LOG_PATTERNS, compareVars(), (c) => [F.logPatternsFrame(refId, c)]);
      case 'migration':
        return this.compare(Q.MIGRATION, compareVars(), (c) => [F.migrationFrame(refId, c)]);
      case 'verdicts':
        return this.verdicts(req, q);
      case 'traces':
        return q.traceId ? this.trace(q) : this.traces(req, q);
      case 'logs': {
        const vars = {
          service: q.service,
          range: requestRange(req, 'series'),
          envs: nonEmpty(q.envs),
          levels: nonEmpty(q.levels),
          text: q.text || null,
          limit: q.limit ?? 100,
        };
        const a = await this.ask<{ logs: { records: F.LogRow[] } }>(Q.LOGS, vars);
        return { frames: F.logFrames(refId, a.data?.logs.records ?? []), errors: a.errors };
      }
    }
  }

  private async compare(
    doc: string,
    vars: Record<string, unknown>,
    toFrames: (c: F.Comparison) => DataFrame[],
  ): Promise<Result> {
    const a = await this.ask<{ compare: F.Comparison }>(doc, vars);
    return { frames: a.data ? toFrames(a.data.compare) : [], errors: a.errors };
  }

  /** The range cut into windows, each compared on its own; rows where the verdict failed or changed. */
  private async verdicts(req: DataQueryRequest<ParallaxQuery>, q: ParallaxQuery): Promise<Result> {
    const from = req.range.from.valueOf();
    const to = req.range.to.valueOf();
    const n = Math.min(12, Math.max(1, Math.round(q.windows ?? 6)));
    const width = (to - from) / n;
    const windows = Array.from({ length: n }, (_, i) => [from + i * width, from + (i + 1) * width] as const);
    const answers = await Promise.all(
      windows.map(([start, end]) =>
        this.ask<{ compare: F.Comparison }>(Q.VERDICT, {
          service: q.service,
          baseline: q.baseline ?? [],
          candidate: q.candidate ?? [],
          range: toRange(start, end, 0, 'compare'),
        }),
      ),
    );
    const rows: F.WindowVerdict[] = [];
    let previous: string | undefined;
    answers.forEach((a, i) => {
      const v = a.data?.compare.verdict;
      const w = windows[i];
      if (!v || !w) return;
      if (v.verdict === 'FAIL' || v.verdict !== previous)
        rows.push({ start: w[0], end: w[1], verdict: v.verdict, score: v.score, reason: v.reason });
      previous = v.verdict;
    });
    return {
      frames: [F.verdictFrame(q.refId, q.service ?? '', rows)],
      errors: answers.flatMap((a) => a.errors),
    };
  }

  private async traces(req: DataQueryRequest<ParallaxQuery>, q: ParallaxQuery): Promise<Result> {
    const vars = {
      service: q.service,
      range: requestRange(req, 'series'),
      envs: nonEmpty(q.envs),
      operation: q.operation || null,
      minDuration: q.minDuration || null,
      limit: q.limit ?? 20,
      order: q.order ?? 'SLOWEST',
    };
    const a = await this.ask<{ traces: F.TraceRow[] }>(Q.TRACES, vars);
    return { frames: [F.tracesFrame(q.refId, a.data?.traces ?? [])], errors: a.errors };
  }

  private async trace(q: ParallaxQuery): Promise<Result> {
    type Lookup = { trace: { found: boolean; trace: { spans: F.SpanRow[] } | null } };
    const a = await this.ask<Lookup>(Q.TRACE, { id: q.traceId, envs: nonEmpty(q.envs) });
    return { frames: [F.traceFrame(q.refId, a.data?.trace.trace?.spans ?? [])], errors: a.errors };
  }

  /** Runs a document; an error that names no env (bad input) fails the panel with its message. */
  private async ask<T>(
    doc: string,
    vars: Record<string, unknown>,
  ): Promise<{ data?: T; errors: GatewayError[] }> {
    const a: GraphQLAnswer<T> = await this.gateway.graphql<T>(doc, vars);
    const errors = a.errors ?? [];
    const fatal = errors.find((e) => !isPartial(e));
    if (fatal || !a.data) throw new Error(fatal ? noticeText(fatal) : 'Parallax: empty answer');
    return { data: a.data, errors };
  }

  async getEnvs(): Promise<EnvInfo[]> {
    const a = await this.ask<{ envs: EnvInfo[] }>(Q.ENVS, {});
    return a.data?.envs ?? [];
  }

  async getSignalNames(): Promise<string[]> {
    type Intro = { __type: { enumValues: Array<{ name: string }> } | null };
    const a = await this.ask<Intro>(Q.SIGNAL_NAMES, {});
    return a.data?.__type?.enumValues.map((v) => v.name) ?? [];
  }

  /** Services that report spans, merged over envs by the gateway's Jaeger-compatible API. */
  async getServices(): Promise<string[]> {
    const res = await this.gateway.get<{ data: string[] | null }>('/api/services');
    return [...(res.data.data ?? [])].sort();
  }

  /**
   * Template variable queries: `envs`, `envs(role=old)` (envs with that label), `services`, `signals`.
   */
  override async metricFindQuery(query: string): Promise<MetricFindValue[]> {
    const text = query.trim();
    const byLabel = /^envs\(\s*([\w.-]+)\s*=\s*([\w.-]+)\s*\)$/.exec(text);
    if (text === 'envs' || byLabel) {
      const envs = await this.getEnvs();
      const keep = byLabel
        ? envs.filter((e) => e.labels.some((l) => l.name === byLabel[1] && l.value === byLabel[2]))
        : envs;
      return keep.map((e) => ({ text: e.name, value: e.name }));
    }
    if (text === 'services') return (await this.getServices()).map((s) => ({ text: s, value: s }));
    if (text === 'signals') return (await this.getSignalNames()).map((s) => ({ text: s, value: s }));
    throw new Error(
      `Parallax: unknown variable query "${text}" (envs, envs(label=value), services, signals)`,
    );
  }

  /** Save & test: the gateway's /readyz, then one GraphQL call that the token must pass. */
  override async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const ready = await this.gateway.get<{ status: string; envs: string[] }>('/readyz');
      if (ready.data.status !== 'ready')
        return { status: 'error', message: `Parallax is not ready: ${ready.data.status}` };
      const envs = await this.getEnvs();
      return {
        status: 'success',
        message: `Parallax is ready: ${envs.length} envs (${envs.map((e) => e.name).join(', ')})`,
      };
    } catch (err) {
      return { status: 'error', message: `Parallax is not reachable: ${describe(err)}` };
    }
  }
}

const nonEmpty = (values: string[] | undefined): string[] | null => (values?.length ? values : null);

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    type Failed = { status?: number; statusText?: string; message?: string };
    const e = err as Failed & { data?: { message?: string; error?: { code?: string; message?: string } } };
    const said = e.data?.error ? `${e.data.error.code ?? ''} ${e.data.error.message ?? ''}` : e.data?.message;
    if (e.status) return `HTTP ${e.status} ${said ?? e.statusText ?? ''}`.trim();
    if (e.message) return e.message;
  }
  return String(err);
}

/** Per-env errors become warnings on every frame of the target: the panel draws the healthy envs. */
function withNotices({ frames, errors }: Result, refId: string): DataFrame[] {
  if (!errors.length) return frames;
  const notices: QueryResultMetaNotice[] = errors.map((e) => ({ severity: 'warning', text: noticeText(e) }));
  // Every env failed: an empty frame still carries the notices to the panel.
  if (!frames.length) return [createDataFrame({ refId, fields: [], meta: { notices } })];
  return frames.map((f) => ({
    ...f,
    meta: { ...f.meta, notices: [...(f.meta?.notices ?? []), ...notices] },
  }));
}

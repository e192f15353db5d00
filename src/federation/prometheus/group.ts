import { prometheusApi } from '../../backends/prometheus/index.js';
import type {
  InstantQuery,
  Labels,
  MetricMetadata,
  QueryResult,
  RangeQuery,
  SeriesQuery,
} from '../../backends/prometheus/index.js';
import type { HttpTarget } from '../../backends/http/index.js';
import { labelKey, type Series } from '../../series/index.js';
import { DEFAULT_REPLICA_OPTIONS, HaGroup, type ReplicaCall, type GroupOptions } from '../replicas/index.js';
import { ResultCache, type CacheEntry } from './cache.js';
import type { Answer } from './codec.js';
import { completeness, probeRange, sampleTimes, type FreshnessProbe } from './freshness.js';
import { mergeQueryResults, type ReplicaResult } from './merge-results.js';

/**
 * One env's Prometheus: a single server or an HA group whose replicas hold the same series. Every
 * call goes to every replica; answers are merged so a gap in one is filled by another and nothing
 * is counted twice.
 */
export class PrometheusGroup {
  readonly replicas: HaGroup<HttpTarget>;

  constructor(
    readonly env: string,
    readonly targets: readonly HttpTarget[],
    private readonly cache: ResultCache = new ResultCache({ maxPoints: 0, settleMs: 0 }),
    replicas: GroupOptions = DEFAULT_REPLICA_OPTIONS,
  ) {
    this.replicas = new HaGroup(targets, { ...replicas, env, backend: 'prometheus' });
  }

  /** An instant query; with `probe` an HA group takes the point from a replica whose data is complete. */
  query(q: InstantQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<QueryResult> {
    return this.cache.get(
      this.entry('i', q, q.time, false, () => this.loadQuery(q, signal, probe)),
      signal,
    );
  }

  /** A range query; with `probe` an HA group takes each point from a replica whose data is complete. */
  queryRange(q: RangeQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<QueryResult> {
    return this.cache.get(
      this.entry('r', q, q.end, false, () => this.loadRange(q, signal, probe)),
      signal,
    );
  }

  /**
   * The query with the answer kept as text where it can be (one server, vector or matrix): the
   * metrics domain splices it into the response. An HA group's answers are merged, so parsed.
   */
  queryText(q: InstantQuery | RangeQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<Answer> {
    if (this.targets.length > 1)
      return 'step' in q ? this.queryRange(q, signal, probe) : this.query(q, signal, probe);
    const target = this.targets[0] as HttpTarget;
    const lastMs = 'step' in q ? q.end : q.time;
    const load = () => prometheusApi.queryText(target, q, signal);
    return this.cache.get(this.entry('t', q, lastMs, true, load), signal);
  }

  /** A cache entry: the key names the servers too, so gateways configured differently never share one. */
  private entry<A extends Answer>(
    kind: 'i' | 'r' | 't',
    q: InstantQuery | RangeQuery,
    lastMs: number | undefined,
    keepRaw: boolean,
    load: () => Promise<A>,
  ): CacheEntry<A> {
    const window = 'step' in q ? `${q.start}\u0000${q.end}\u0000${q.step}` : String(q.time ?? 'now');
    const servers = this.targets.map((t) => t.baseUrl).join(' ');
    return {
      key: `${kind}\u0000${this.env}\u0000${servers}\u0000${window}\u0000${q.query}`,
      lastMs,
      load,
      decode: (text) => prometheusApi.fromBody(this.targets[0] as HttpTarget, text, keepRaw) as A,
    };
  }

  private loadQuery(q: InstantQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<QueryResult> {
    if (this.targets.length === 1) return prometheusApi.query(this.targets[0] as HttpTarget, q, signal);
    // Every replica answers for the same instant, so their points line up.
    const at = { ...q, time: q.time ?? Date.now() };
    return this.merged((t, s) => prometheusApi.query(t, at, s), probe, at.time, at.time, 1000, signal);
  }

  private loadRange(q: RangeQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<QueryResult> {
    if (this.targets.length === 1) return prometheusApi.queryRange(this.targets[0] as HttpTarget, q, signal);
    return this.merged((t, s) => prometheusApi.queryRange(t, q, s), probe, q.start, q.end, q.step, signal);
  }

  async labels(q: SeriesQuery, signal: AbortSignal): Promise<string[]> {
    return mergeStringSets((await this.each((t, s) => prometheusApi.labels(t, q, s), signal)).values);
  }

  async labelValues(name: string, q: SeriesQuery, signal: AbortSignal): Promise<string[]> {
    const { values } = await this.each((t, s) => prometheusApi.labelValues(t, name, q, s), signal);
    return mergeStringSets(values);
  }

  async series(q: SeriesQuery, signal: AbortSignal): Promise<Labels[]> {
    return uniqueLabelSets((await this.each((t, s) => prometheusApi.series(t, q, s), signal)).values);
  }

  async metadata(
    q: { metric?: string; limit?: number },
    signal: AbortSignal,
  ): Promise<Record<string, MetricMetadata[]>> {
    return mergeMetadata((await this.each((t, s) => prometheusApi.metadata(t, q, s), signal)).values);
  }

  private each<T>(call: ReplicaCall<HttpTarget, T>, signal: AbortSignal) {
    return this.replicas.every(call, signal);
  }

  /**
   * Every replica runs the query. Only when their answers differ is the freshness probe run on
   * each over the same window: identical answers merge to the same points whichever replica is
   * chosen, so a healthy pair costs one query per replica and a gapped one a second round trip.
   */
  private async merged(
    run: ReplicaCall<HttpTarget, QueryResult>,
    probe: FreshnessProbe | undefined,
    start: number,
    end: number,
    step: number,
    signal: AbortSignal,
  ): Promise<QueryResult> {
    const first = await this.each(async (t, s) => ({ target: t, result: await run(t, s) }), signal);
    const results = first.values.map((v) => v.result);
    if (!probe || allSame(results))
      return withWarnings(mergeQueryResults(results.map((result) => ({ result }))), first.warnings);
    const range = probeRange(start, end, step, probe.windowMs);
    // Under the group's cut like the query; a failed probe only leaves that replica's freshness unknown.
    const probes = await this.each(
      async (t, s) => ({
        target: t,
        samples: await prometheusApi
          .queryRange(t, { query: probe.query, ...range }, s)
          .then((fresh) => sampleTimes(fresh.data))
          .catch(() => undefined),
      }),
      signal,
    ).catch(() => ({ values: [], warnings: [] }));
    const samplesOf = (t: HttpTarget) => probes.values.find((p) => p.target === t)?.samples;
    const complete = completeness(
      first.values.map((v) => samplesOf(v.target)),
      range,
      probe.windowMs,
    );
    const warnings = [...new Set([...first.warnings, ...probes.warnings])];
    const replicas: ReplicaResult[] = results.map((result, i) => {
      const c = complete[i];
      return c ? { result, complete: c } : { result };
    });
    return withWarnings(mergeQueryResults(replicas), warnings);
  }
}

/** Whether every replica gave the same series with the same points (then any choice is the same merge). */
function allSame(results: readonly QueryResult[]): boolean {
  const [first, ...rest] = results.map((r) => r.data);
  if (!first || rest.length === 0) return true;
  if (first.type !== 'vector' && first.type !== 'matrix') return true;
  const shape = seriesShape(first.series);
  return rest.every((d) => d.type === first.type && seriesShape(d.series) === shape);
}

function seriesShape(series: readonly Series[]): string {
  return series
    .map((s) => `${labelKey(s.labels)}\u0001${s.points.map((p) => `${p.t}:${p.v}`).join(',')}`)
    .sort()
    .join('\u0002');
}

const withWarnings = (r: QueryResult, warnings: string[]): QueryResult =>
  warnings.length === 0 ? r : { data: r.data, warnings: [...r.warnings, ...warnings] };

export const mergeStringSets = (sets: readonly string[][]): string[] => [...new Set(sets.flat())].sort();

function uniqueLabelSets(sets: readonly Labels[][]): Labels[] {
  if (sets.length === 1) return sets[0] ?? [];
  const seen = new Map<string, Labels>();
  for (const l of sets.flat()) seen.set(labelKey(l), l);
  return [...seen.values()];
}

export function mergeMetadata(
  all: readonly Record<string, MetricMetadata[]>[],
): Record<string, MetricMetadata[]> {
  const out: Record<string, MetricMetadata[]> = {};
  for (const md of all) {
    for (const [metric, entries] of Object.entries(md)) {
      const list = (out[metric] ??= []);
      for (const e of entries)
        if (!list.some((x) => x.type === e.type && x.help === e.help && x.unit === e.unit)) list.push(e);
    }
  }
  return out;
}

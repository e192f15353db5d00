import { joinRawSeries, prometheusApi } from '../../backends/prometheus/index.js';
import type {
  InstantQuery,
  Labels,
  MetricMetadata,
  QueryResult,
  RangeQuery,
  RawQueryResult,
  SeriesQuery,
} from '../../backends/prometheus/index.js';
import type { HttpTarget } from '../../backends/http/index.js';
import { ParallaxError } from '../../errors/index.js';
import {
  DEFAULT_REPLICA_OPTIONS,
  HaGroup,
  type EveryAnswer,
  type ReplicaCall,
  type GroupOptions,
} from '../replicas/index.js';
import { ResultCache, type CacheEntry } from './cache.js';
import { answerBody, textOf, type Answer } from './codec.js';
import { completeness, probeSpan, type FreshnessProbe } from './freshness.js';
import { ProbeReader, type EarlyProbe } from './probe-reader.js';
import { mergeReplicaSeries } from './replica-merge.js';
import { splitAnswers, type Tagged } from './agreeing.js';
import { differingSpan, type SeriesById } from './differing.js';
import { mergeMetadata, mergeStringSets, uniqueLabelSets } from './merge-metadata.js';

/** What a merge of replicas' answers needs from the load that asked them. */
interface MergeContext {
  /** The query's last point time. */
  to: number;
  signal: AbortSignal;
  probe: FreshnessProbe | undefined;
  /** The probe started beside the query, if any. */
  early: EarlyProbe | undefined;
  /** Only some series differ: probe just their inputs where the query allows it. */
  narrow: boolean;
}

/**
 * One env's Prometheus: a single server or an HA group whose replicas hold the same series. Every
 * call goes to every replica; answers are merged so a gap in one is filled by another and nothing
 * is counted twice.
 */
export class PrometheusGroup {
  readonly replicas: HaGroup<HttpTarget>;
  private readonly probes: ProbeReader;

  constructor(
    readonly env: string,
    readonly targets: readonly HttpTarget[],
    private readonly cache: ResultCache = new ResultCache({ maxPoints: 0, settleMs: 0 }),
    replicas: GroupOptions = DEFAULT_REPLICA_OPTIONS,
  ) {
    this.replicas = new HaGroup(targets, { ...replicas, env, backend: 'prometheus' });
    this.probes = new ProbeReader(this.replicas, cache.samples);
  }

  /** An instant query; with `probe` an HA group takes the point from a replica whose data is complete. */
  query(q: InstantQuery, signal: AbortSignal, probe?: FreshnessProbe): Promise<QueryResult> {
    return this.cache.get(
      this.entry('i', q, q.time, false, () => this.loadParsed(q, signal, probe)),
      signal,
    );
  }

  /**
   * A range query; with `probe` an HA group takes each point from a replica whose data is complete.
   * `stepwise` (no `@` modifier): a range reaching now may reuse the settled points of the last one.
   */
  async queryRange(
    q: RangeQuery,
    signal: AbortSignal,
    probe?: FreshnessProbe,
    stepwise = false,
  ): Promise<QueryResult> {
    const live = stepwise ? await this.liveRange(q, signal, probe) : undefined;
    if (live) return this.parsed(live);
    return this.cache.get(
      this.entry('r', q, q.end, false, () => this.loadParsed(q, signal, probe)),
      signal,
    );
  }

  /**
   * The query with the answer kept as text where it can be (a vector or matrix without warnings;
   * an HA group's differing answers are merged on their text): the metrics domain splices it into
   * the response. `stepwise` as for queryRange.
   */
  async queryText(
    q: InstantQuery | RangeQuery,
    signal: AbortSignal,
    probe?: FreshnessProbe,
    stepwise = false,
  ): Promise<Answer> {
    const live = stepwise && 'step' in q ? await this.liveRange(q, signal, probe) : undefined;
    return live ?? this.cache.get(this.textEntry(q, signal, probe), signal);
  }

  private textEntry(q: InstantQuery | RangeQuery, signal: AbortSignal, probe?: FreshnessProbe) {
    return this.entry('t', q, 'step' in q ? q.end : q.time, true, () => this.load(q, signal, probe));
  }

  /**
   * A step-aligned range that reaches into unsettled data (a live dashboard): the settled points
   * of its last answer and one query over the rest. Undefined when the extents do not apply (cache
   * off, off the step grid, wholly settled: the whole-answer cache has it) or an answer was not text.
   */
  private async liveRange(q: RangeQuery, signal: AbortSignal, probe?: FreshnessProbe) {
    const extents = this.cache.extents;
    if (!extents || q.start % q.step !== 0 || this.cache.settled(q.end)) return undefined;
    const key = `${this.env}\u0000${this.targets.map((t) => t.baseUrl).join(' ')}\u0000${q.query}`;
    return extents.query(key, q, (rest) => this.cache.get(this.textEntry(rest, signal, probe), signal));
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
      decode: (text) => prometheusApi.fromBody(this.first, text, keepRaw) as A,
    };
  }

  private get first(): HttpTarget {
    return this.targets[0] as HttpTarget;
  }

  private async loadParsed(
    q: InstantQuery | RangeQuery,
    signal: AbortSignal,
    probe?: FreshnessProbe,
  ): Promise<QueryResult> {
    if (this.targets.length === 1)
      return 'step' in q
        ? prometheusApi.queryRange(this.first, q, signal)
        : prometheusApi.query(this.first, q, signal);
    return this.parsed(await this.load(q, signal, probe));
  }

  /**
   * Every replica runs the query. Replicas that wrote the same text give it as the answer, unparsed:
   * identical answers merge to the same points whichever replica is chosen, so a healthy pair costs
   * one query per replica. Otherwise the series written alike pass through as text and the others
   * are merged; where their points differ, the freshness probe is run on each replica, and each
   * timestamp is taken from a replica whose window is complete.
   */
  private async load(
    q: InstantQuery | RangeQuery,
    signal: AbortSignal,
    probe?: FreshnessProbe,
  ): Promise<Answer> {
    if (this.targets.length === 1) return prometheusApi.queryText(this.first, q, signal);
    // Every replica answers for the same instant, so their points line up.
    const at = 'step' in q ? q : { ...q, time: q.time ?? Date.now() };
    const [from, to] = 'step' in at ? [at.start, at.end] : [at.time, at.time];
    const early = probe && this.probes.beside(probe, probeSpan(from, to, probe.windowMs), signal);
    const first = await this.each(
      async (t, s) => ({ tag: t, answer: await prometheusApi.queryText(t, at, s) }),
      signal,
    ).catch((err: unknown) => {
      early?.cancel();
      throw err;
    });
    const text = sameText(first.values.map((v) => v.answer));
    if (text && first.warnings.length === 0) {
      this.probes.remember(undefined, to);
      early?.cancel();
      return text;
    }
    return this.mergeTexts(first, { to, signal, probe, early });
  }

  /**
   * Answers that differ, as text: the series every replica wrote alike pass through, the others are
   * merged. Text when nothing warns; a scalar or a string is the first answer (nothing to merge).
   */
  private async mergeTexts(
    first: EveryAnswer<{ tag: HttpTarget; answer: Answer }>,
    ctx: Omit<MergeContext, 'narrow'>,
  ): Promise<Answer> {
    const own = first.values.flatMap(({ answer: a }) => ('raw' in a ? [] : a.warnings));
    const texts = first.values.map(({ tag, answer }) => ({ tag, answer: textOf(answer) }));
    const type = texts[0]?.answer?.resultType;
    if (!type || !texts.every((t): t is Tagged<HttpTarget> => t.answer !== undefined)) {
      ctx.early?.cancel();
      return withWarnings(this.parsed(first.values[0]?.answer as Answer), [...first.warnings, ...own]);
    }
    const split = splitAnswers(texts, type);
    if (split.rest.length === 0) {
      ctx.early?.cancel();
      throw this.unreadable();
    }
    const merged = await this.merge(split.rest, type, { ...ctx, narrow: split.agreed.length > 0 });
    const dropped = split.dropped > 0 ? [this.leftOut(split.dropped)] : [];
    const warnings = [...new Set([...first.warnings, ...own, ...dropped, ...merged.warnings])];
    const result = joinRawSeries(type, [...split.agreed, ...merged.series]);
    return warnings.length === 0 ? result : { data: this.parsed(result).data, warnings };
  }

  private unreadable(): ParallaxError {
    return new ParallaxError(
      'BACKEND_INVALID_RESPONSE',
      `env ${this.env}: no replica's answer is as Prometheus writes it`,
      {
        env: this.env,
        backend: 'prometheus',
      },
    );
  }

  private leftOut(n: number): string {
    return `env ${this.env}: ${n} replica answer(s) not as Prometheus writes them left out`;
  }

  /** The replicas' differing series merged per timestamp, probing freshness where they differ. */
  private async merge(
    answers: readonly { tag: HttpTarget; series: SeriesById }[],
    type: RawQueryResult['resultType'],
    ctx: MergeContext,
  ): Promise<{ series: string[]; warnings: string[] }> {
    const { to, signal, early } = ctx;
    const probe = ctx.probe && (ctx.narrow ? narrowed(ctx.probe, answers) : ctx.probe);
    const differ = probe && answers.length > 1 ? differingSpan(answers.map((a) => a.series)) : undefined;
    const needed = probe && differ && probeSpan(differ.start, differ.end, probe.windowMs);
    this.probes.remember(probe && needed && { span: needed, selectors: probe.selectors }, to);
    if (!probe || !needed) {
      early?.cancel();
      return { series: mergeReplicaSeries(answers, type), warnings: [] };
    }
    const probing = this.probes.read(probe, needed, signal, early);
    const fresh = await probing.times;
    const complete = completeness(fresh.times, probing.span, probe.windowMs);
    // The probe's times are in the targets' order; an answer may be missing (a replica failed).
    const replicas = answers.map(({ tag, series }) => {
      const c = complete[this.targets.indexOf(tag)];
      return c ? { series, complete: c } : { series };
    });
    return { series: mergeReplicaSeries(replicas, type), warnings: fresh.warnings };
  }

  /** An answer kept as text, parsed with the adapter's own checks. */
  private parsed(a: Answer): QueryResult {
    return 'raw' in a ? (prometheusApi.fromBody(this.first, answerBody(a), false) as QueryResult) : a;
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
}

/** The one answer, when every replica wrote the same result text (then it needs no merge). */
function sameText(answers: readonly Answer[]): RawQueryResult | undefined {
  const [first, ...rest] = answers;
  if (!first || !('raw' in first)) return undefined;
  return rest.every((a) => 'raw' in a && a.resultType === first.resultType && a.result === first.result)
    ? first
    : undefined;
}

/** The probe over only the inputs of the answers' series, where the query allows it. */
function narrowed(probe: FreshnessProbe, answers: readonly { series: SeriesById }[]): FreshnessProbe {
  const series = new Map<string, Labels>();
  for (const a of answers) for (const [key, s] of a.series) series.set(key, s.labels);
  const selectors = probe.narrow?.([...series.values()]);
  return selectors ? { ...probe, selectors } : probe;
}

const withWarnings = (r: QueryResult, warnings: string[]): QueryResult =>
  warnings.length === 0 ? r : { data: r.data, warnings: [...r.warnings, ...warnings] };

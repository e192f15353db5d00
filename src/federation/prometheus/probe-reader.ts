import { prometheusApi } from '../../backends/prometheus/index.js';
import { childSignal, invalidResponse, type HttpTarget } from '../../backends/http/index.js';
import type { HaGroup } from '../replicas/index.js';
import { joinTimes, type SampleCache } from './sample-cache.js';
import {
  addSampleTimes,
  rawSamplesQuery,
  seriesTimes,
  type FreshnessProbe,
  type SampleTimes,
  type Span,
} from './freshness.js';

/** Each replica's raw sample times over a span, in the replicas' order (undefined: unknown). */
export interface ProbeRead {
  span: Span;
  times: Promise<{ times: (SampleTimes | undefined)[]; warnings: string[] }>;
}

/** A probe started beside the query, before its answers are known. */
export interface EarlyProbe extends ProbeRead {
  selectors: string[];
  cancel: () => void;
}

/**
 * Reads the raw sample times behind an HA group's freshness probe, on every replica. It remembers
 * where the answers last differed: replicas that differed there (scraping at their own offsets, a gap
 * still in the range) likely differ there again, so the next query's probe can start beside it.
 */
export class ProbeReader {
  private lastDiffer: { span: Span; toEnd: boolean; selectors: string[] } | undefined;
  private readonly env: string;
  /** The group's replicas in its order: the order sample times are given in. */
  private readonly targets: readonly HttpTarget[];

  constructor(
    private readonly replicas: HaGroup<HttpTarget>,
    private readonly samples: SampleCache,
  ) {
    this.env = replicas.set.opts.env;
    this.targets = replicas.set.replicas.map((r) => r.client);
  }

  /** Where this query's answers differed (undefined: nowhere), and whether that reached its end `to`. */
  remember(differ: { span: Span; selectors: string[] } | undefined, to: number): void {
    this.lastDiffer = differ && { ...differ, toEnd: differ.span.end >= to };
  }

  /**
   * The span the last answers differed in, within this query's, probed beside the query: saves the
   * second round trip; cancelled when the answers turn out not to need it.
   */
  beside(probe: FreshnessProbe, whole: Span, signal: AbortSignal): EarlyProbe | undefined {
    const last = this.lastDiffer;
    const span = last && {
      start: Math.max(last.span.start, whole.start),
      end: last.toEnd ? whole.end : Math.min(last.span.end, whole.end),
    };
    if (!last || !span || span.start > span.end) return undefined;
    const own = childSignal(signal);
    const selectors = last.selectors;
    const times = this.sampleTimes({ ...probe, selectors }, span, own.signal).finally(own.release);
    return {
      span,
      selectors,
      times,
      cancel: () => own.abort(new DOMException('probe not needed', 'AbortError')),
    };
  }

  /** The early probe when it covers the span needed with the same selectors, else a new one (the early one given up). */
  read(probe: FreshnessProbe, needed: Span, signal: AbortSignal, early?: EarlyProbe): ProbeRead {
    if (early && covers(early.span, needed) && sameList(early.selectors, probe.selectors)) return early;
    early?.cancel();
    return { span: needed, times: this.sampleTimes(probe, needed, signal) };
  }

  /** Under the group's cut like the query; a replica whose probe failed is merged without its times. */
  private async sampleTimes(probe: FreshnessProbe, span: Span, signal: AbortSignal) {
    const probes = await this.replicas
      .every(async (t, s) => {
        try {
          const each = await Promise.all(probe.selectors.map((sel) => this.selectorTimes(t, sel, span, s)));
          const times = each.reduce((m, ts, i) => addSampleTimes(m, i, ts), new Map() as SampleTimes);
          return { target: t, times, warning: undefined };
        } catch (err) {
          const warning = `env ${this.env}: freshness of ${t.baseUrl} unknown (${(err as Error).message}): points at its gap edges may be inexact`;
          return { target: t, times: undefined, warning };
        }
      }, signal)
      .catch((err: unknown) => ({
        values: [],
        warnings: [
          `env ${this.env}: freshness of every replica unknown (${(err as Error).message}): points at gap edges may be inexact`,
        ],
      }));
    const warnings = [
      ...probes.warnings,
      ...probes.values.flatMap((p) => (p.warning === undefined ? [] : [p.warning])),
    ];
    return { times: this.targets.map((t) => probes.values.find((p) => p.target === t)?.times), warnings };
  }

  /** One selector's raw sample times on one replica: the settled part from the cache, the rest read. */
  private async selectorTimes(t: HttpTarget, selector: string, span: Span, signal: AbortSignal) {
    const key = `${t.baseUrl}\u0000${selector}`;
    const known = this.samples.known(key, span);
    if (known.after >= span.end) return known.times;
    const unread = { start: known.after, end: span.end };
    const read = seriesTimes(await prometheusApi.queryText(t, rawSamplesQuery(selector, unread), signal));
    if (!read) throw invalidResponse(t, 'raw samples not as Prometheus writes them');
    const times = joinTimes(known.times, read, known.after);
    this.samples.keep(key, span, times);
    return times;
  }
}

const covers = (outer: Span, inner: Span): boolean => outer.start <= inner.start && outer.end >= inner.end;

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

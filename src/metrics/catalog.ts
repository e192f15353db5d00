import { mergeStringSets, onReplicas, prometheusApi } from '../backends/prometheus/index.js';
import type { Labels, MetricMetadata, SeriesQuery } from '../backends/prometheus/index.js';
import type { HttpTarget } from '../backends/http/index.js';
import type { EnvRegistry } from '../envs/index.js';
import type { Federation } from '../federation/index.js';
import type { ParallaxError } from '../errors/index.js';
import { extractEnvMatchers, parsePromQL, selectEnvs } from '../promql/index.js';
import { labelKey, withEnvLabel } from '../series/index.js';

export interface Catalog<T> {
  data: T;
  errors: ParallaxError[];
  envs: string[];
}

/** Labels, label values, series and metadata over every env, with the env label added. */
export class MetricsCatalog {
  constructor(
    private readonly envs: EnvRegistry,
    private readonly federation: Federation,
  ) {}

  async labels(q: SeriesQuery, signal?: AbortSignal): Promise<Catalog<string[]>> {
    const { envs, match } = this.scope(q.match);
    const fed = await this.each(
      envs,
      signal,
      (t, s) => prometheusApi.labels(t, { ...q, match }, s),
      mergeStringSets,
    );
    const names = mergeStringSets([
      ...fed.data.map((d) => d.value),
      envs.length > 0 ? [this.envs.envLabel] : [],
    ]);
    return { data: names, errors: fed.errors, envs };
  }

  async labelValues(name: string, q: SeriesQuery, signal?: AbortSignal): Promise<Catalog<string[]>> {
    const { envs, match } = this.scope(q.match);
    if (name === this.envs.envLabel) return { data: [...envs].sort(), errors: [], envs };
    const fed = await this.each(
      envs,
      signal,
      (t, s) => prometheusApi.labelValues(t, name, { ...q, match }, s),
      mergeStringSets,
    );
    return { data: mergeStringSets(fed.data.map((d) => d.value)), errors: fed.errors, envs };
  }

  async series(q: SeriesQuery, signal?: AbortSignal): Promise<Catalog<Labels[]>> {
    const { envs, match } = this.scope(q.match);
    const fed = await this.each(
      envs,
      signal,
      (t, s) => prometheusApi.series(t, { ...q, match }, s),
      uniqueLabelSets,
    );
    const label = this.envs.envLabel;
    return {
      data: fed.data.flatMap(({ env, value }) => value.map((l) => withEnvLabel(l, label, env))),
      errors: fed.errors,
      envs,
    };
  }

  async metadata(
    q: { metric?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<Catalog<Record<string, MetricMetadata[]>>> {
    const envs = this.envs.select(null, 'prometheus');
    const fed = await this.each(envs, signal, (t, s) => prometheusApi.metadata(t, q, s), mergeMetadata);
    return { data: mergeMetadata(fed.data.map((d) => d.value)), errors: fed.errors, envs };
  }

  /** Env matchers in match[] pick the envs; they are removed before the selectors reach a backend. */
  private scope(match: string[]): { envs: string[]; match: string[] } {
    const all = this.envs.select(null, 'prometheus');
    if (match.length === 0) return { envs: all, match };
    const scoped = match.map((m, i) => extractEnvMatchers(parsePromQL(m, `match[${i}]`), this.envs.envLabel));
    // A series matches when ANY selector matches, so an env is kept when any selector accepts it.
    const envs = all.filter((env) => scoped.some((s) => selectEnvs([env], s.matchers).length > 0));
    return { envs, match: scoped.map((s) => s.query.replace(/\{\s*\}/g, '') || '{__name__=~".+"}') };
  }

  private each<T>(
    envs: string[],
    signal: AbortSignal | undefined,
    call: (t: HttpTarget, s: AbortSignal) => Promise<T>,
    merge: (v: T[]) => T,
  ) {
    return this.federation.run({
      envs,
      backend: 'prometheus',
      ...(signal ? { signal } : {}),
      call: async (env, s) =>
        (await onReplicas(this.envs.targets(env, 'prometheus'), (t) => call(t, s), merge)).value,
    });
  }
}

function uniqueLabelSets(sets: Labels[][]): Labels[] {
  const seen = new Map<string, Labels>();
  for (const l of sets.flat()) seen.set(labelKey(l), l);
  return [...seen.values()];
}

function mergeMetadata(all: Record<string, MetricMetadata[]>[]): Record<string, MetricMetadata[]> {
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

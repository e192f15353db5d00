import type { EnvRegistry } from '../envs/index.js';
import {
  mapData,
  mergeMetadata,
  narrow,
  type Federated,
  type Federation,
  type PerEnv,
  type PrometheusGroup,
  type Selection,
} from '../federation/index.js';
import { extractEnvMatchers, parsePromQL, selectEnvs } from '../promql/index.js';
import { withEnvLabel, type Labels } from '../series/index.js';
import type { MetricMetadata, SeriesQuery } from './types.js';

/** Labels, label values, series and metadata over every env, with the env label added. */
export class MetricsCatalog {
  private readonly envs: EnvRegistry;

  constructor(private readonly federation: Federation) {
    this.envs = federation.envs;
  }

  async labels(q: SeriesQuery, signal?: AbortSignal): Promise<Federated<string[]>> {
    const { sel, match } = this.scope(q.match);
    const fed = await this.each(sel, signal, (g, s) => g.labels({ ...q, match }, s));
    const extra = sel.envs.length > 0 ? [this.envs.envLabel] : [];
    return mapData(fed, (data) => unionSorted([...data.map((d) => d.value), extra]));
  }

  async labelValues(name: string, q: SeriesQuery, signal?: AbortSignal): Promise<Federated<string[]>> {
    const { sel, match } = this.scope(q.match);
    if (name === this.envs.envLabel)
      return { data: [...sel.envs].sort(), errors: sel.errors, answered: sel.envs, warnings: [] };
    const fed = await this.each(sel, signal, (g, s) => g.labelValues(name, { ...q, match }, s));
    return mapData(fed, (data) => unionSorted(data.map((d) => d.value)));
  }

  async series(q: SeriesQuery, signal?: AbortSignal): Promise<Federated<Labels[]>> {
    const { sel, match } = this.scope(q.match);
    const fed = await this.each(sel, signal, (g, s) => g.series({ ...q, match }, s));
    const label = this.envs.envLabel;
    return mapData(fed, (data) =>
      data.flatMap(({ env, value }) => value.map((l) => withEnvLabel(l, label, env))),
    );
  }

  async metadata(
    q: { metric?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<Federated<Record<string, MetricMetadata[]>>> {
    const sel = this.federation.select(null, 'prometheus');
    const fed = await this.each(sel, signal, (g, s) => g.metadata(q, s));
    return mapData(fed, (data) => mergeMetadata(data.map((d) => d.value)));
  }

  /** Env matchers in match[] pick the envs; they are removed before the selectors reach a backend. */
  private scope(match: string[]): { sel: Selection; match: string[] } {
    const all = this.federation.select(null, 'prometheus');
    if (match.length === 0) return { sel: all, match };
    const scoped = match.map((m, i) => extractEnvMatchers(parsePromQL(m, `match[${i}]`), this.envs.envLabel));
    // A series matches when ANY selector matches, so an env is kept when any selector accepts it.
    const envs = all.envs.filter((env) => scoped.some((s) => selectEnvs([env], s.matchers).length > 0));
    return {
      sel: narrow(all, envs),
      match: scoped.map((s) => s.query.replace(/\{\s*\}/g, '') || '{__name__=~".+"}'),
    };
  }

  private each<T>(
    sel: Selection,
    signal: AbortSignal | undefined,
    call: (g: PrometheusGroup, s: AbortSignal) => Promise<T>,
  ): Promise<Federated<PerEnv<T>>> {
    return this.federation.prometheus(sel, (group, _env, s) => call(group, s), { signal });
  }
}

const unionSorted = (sets: readonly string[][]): string[] => [...new Set(sets.flat())].sort();

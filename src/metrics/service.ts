import {
  concatResults,
  injectEnvLabel,
  queryDataJson,
  seriesOf,
  withEnvLabel,
  type QueryData,
  type QueryJson,
} from '../series/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { ParallaxError } from '../errors/index.js';
import {
  combineFederated,
  mapData,
  narrow,
  type Federated,
  type Federation,
  type PerEnv,
  type FreshnessProbe,
  type PrometheusGroup,
  type Selection,
} from '../federation/index.js';
import {
  combine,
  freshnessProbe,
  isStepwise,
  mergeAggregate,
  mergeHistogram,
  prepareQuery,
  selectEnvs,
  type Evaluated,
  type Operand,
} from '../promql/index.js';
import { validateRange, type TimeRange } from '../time/index.js';
import type { EnvQueryResult, FederatedQuery, QueryScope } from './types.js';

type QueryResult = EnvQueryResult;
type Runner = (group: PrometheusGroup, query: string, signal: AbortSignal) => Promise<QueryResult>;
type EnvResults = Federated<PerEnv<QueryResult>>;
type FanOut = (query: string) => Promise<EnvResults>;
interface Evaluation {
  data: QueryData | undefined;
  feds: EnvResults[];
}

/** Federated PromQL: the answer one Prometheus holding every env's data (env-labelled) would give. */
export class MetricsService {
  private readonly envs: EnvRegistry;

  constructor(
    private readonly federation: Federation,
    private readonly maxPoints: number,
    private readonly maxQueryLength = 8192,
  ) {
    this.envs = federation.envs;
  }

  /** Without a time, every env is asked at the gateway's now: one instant, as in one Prometheus. */
  instant(query: string, time: number | undefined, scope: QueryScope = {}): Promise<FederatedQuery> {
    const at = time ?? Date.now();
    return this.execute(query, scope, 'vector', (g, q, signal) =>
      g.query({ query: q, time: at }, signal, probeFor(g, q)),
    );
  }

  range(query: string, range: TimeRange, scope: QueryScope = {}): Promise<FederatedQuery> {
    validateRange(range, 'range', this.maxPoints);
    return this.execute(query, scope, 'matrix', (g, q, signal) =>
      g.queryRange({ query: q, ...range }, signal, probeFor(g, q), isStepwise(q)),
    );
  }

  /** instant() as Prometheus JSON; per-env answers of single servers pass through as text. */
  instantJson(
    query: string,
    time: number | undefined,
    scope: QueryScope = {},
  ): Promise<Federated<QueryJson>> {
    const at = time ?? Date.now();
    return this.json({ query, time: at }, scope, () => this.instant(query, at, scope));
  }

  /** range() as Prometheus JSON; per-env answers of single servers pass through as text. */
  rangeJson(query: string, range: TimeRange, scope: QueryScope = {}): Promise<Federated<QueryJson>> {
    validateRange(range, 'range', this.maxPoints);
    return this.json({ query, ...range }, scope, () => this.range(query, range, scope));
  }

  /**
   * The fast path: a query that does not cross envs runs per env and each env's answer, as its
   * Prometheus wrote it, gets the env label spliced in; no sample is parsed or re-serialised.
   * Everything else is evaluated and written as JSON once.
   */
  private async json(
    q: { query: string; time?: number } | { query: string; start: number; end: number; step: number },
    scope: QueryScope,
    evaluated: () => Promise<FederatedQuery>,
  ): Promise<Federated<QueryJson>> {
    const field = scope.field ?? 'query';
    const { matchers, plan } = prepareQuery(q.query, this.envs.envLabel, field);
    if (plan.kind !== 'per-env' || plan.warning) return mapData(await evaluated(), queryDataJson);
    const selected = this.federation.select(scope.envs, 'prometheus', 'envs');
    const sel = narrow(selected, selectEnvs(selected.envs, matchers, field));
    const label = this.envs.envLabel;
    const fed = await this.federation.prometheus(
      sel,
      async (g, env, signal) => {
        const res = await g.queryText(
          { ...q, query: plan.query },
          signal,
          probeFor(g, plan.query),
          'step' in q && isStepwise(plan.query),
        );
        if ('raw' in res)
          return {
            json: { resultType: res.resultType, result: labelledOnce(res, label, env) },
            warnings: [],
          };
        const tagged = tagPerEnv({ ...EMPTY, data: [{ env, value: res }], answered: [env] }, label);
        return { json: queryDataJson(tagged ?? res.data), warnings: res.warnings };
      },
      scope,
    );
    const parts = fed.data.map((d) => d.value.json);
    const first = parts[0];
    const type = 'step' in q ? 'matrix' : 'vector';
    const data: QueryJson =
      first && first.resultType !== 'vector' && first.resultType !== 'matrix'
        ? first
        : { resultType: first?.resultType ?? type, result: concatResults(parts.map((p) => p.result)) };
    const warnings = [...new Set(fed.data.flatMap((d) => d.value.warnings))];
    return { ...fed, data, warnings: [...fed.warnings, ...warnings] };
  }

  /** Parses, scopes to envs, plans, fans out, merges. */
  private async execute(
    query: string,
    scope: QueryScope,
    empty: 'vector' | 'matrix',
    run: Runner,
  ): Promise<FederatedQuery> {
    const field = scope.field ?? 'query';
    if (query.length > this.maxQueryLength)
      throw new ParallaxError('BAD_QUERY', `${field}: PromQL longer than ${this.maxQueryLength} characters`, {
        field,
      });
    const { matchers, plan } = prepareQuery(query, this.envs.envLabel, field);
    const selected = this.federation.select(scope.envs, 'prometheus', 'envs');
    const sel = narrow(selected, selectEnvs(selected.envs, matchers, field));
    const fanOut = (q: string): Promise<EnvResults> => this.fanOut(sel, q, scope, run);
    const out = await this.evaluate(plan, fanOut, empty);
    return this.finish(sel, out.feds, empty, out.data, plan.kind === 'per-env' ? plan.warning : undefined);
  }

  /** Evaluates a plan bottom-up: each federated piece fans out once, the gateway merges or combines. */
  private async evaluate(plan: Operand, fanOut: FanOut, empty: 'vector' | 'matrix'): Promise<Evaluation> {
    if (plan.kind === 'number') return { data: { type: 'scalar', point: { t: 0, v: plan.value } }, feds: [] };
    if (plan.kind === 'per-env') {
      const fed = await fanOut(plan.query);
      return { data: tagPerEnv(fed, this.envs.envLabel), feds: [fed] };
    }
    if (plan.kind === 'binary') {
      const [l, r] = await Promise.all([
        this.evaluate(plan.left, fanOut, empty),
        this.evaluate(plan.right, fanOut, empty),
      ]);
      const data = combine(
        plan.op,
        evaluated(plan.left, l.data, empty),
        evaluated(plan.right, r.data, empty),
        plan.matching,
      );
      return { data, feds: [...l.feds, ...r.feds] };
    }
    const queries = plan.kind === 'aggregate' ? plan.queries : [plan.query];
    const feds = await Promise.all(queries.map(fanOut));
    // topk/bottomk keep their input series, which in one global Prometheus carry the env label.
    const keepsSeries = plan.kind === 'aggregate' && (plan.op === 'topk' || plan.op === 'bottomk');
    const label = this.envs.envLabel;
    const seriesPerQuery = feds.map((fed) =>
      fed.data.map(({ env, value }) =>
        seriesOf(value.data).map((s) =>
          keepsSeries ? { labels: withEnvLabel(s.labels, label, env), points: s.points } : s,
        ),
      ),
    );
    const merged =
      plan.kind === 'aggregate'
        ? mergeAggregate(plan.op, seriesPerQuery, plan.k)
        : mergeHistogram(plan.phi, seriesPerQuery[0] ?? []);
    return { data: { type: firstType(feds[0] as EnvResults) ?? empty, series: merged }, feds };
  }

  private fanOut(sel: Selection, query: string, scope: QueryScope, run: Runner): Promise<EnvResults> {
    return this.federation.prometheus(sel, (group, _env, signal) => run(group, query, signal), scope);
  }

  private finish(
    sel: Selection,
    all: EnvResults[],
    empty: 'vector' | 'matrix',
    data: QueryData | undefined,
    planWarning?: string,
  ): FederatedQuery {
    const warnings = new Set<string>(planWarning ? [planWarning] : []);
    for (const fed of all) for (const { value } of fed.data) for (const w of value.warnings) warnings.add(w);
    const base: Federated<null> = {
      data: null,
      errors: sel.errors,
      answered: sel.envs,
      warnings: [...warnings],
    };
    // A plan without a fan-out (a number literal) still answers for every selected env.
    return combineFederated(all.length === 0 ? [base] : [base, ...all], data ?? { type: empty, series: [] });
  }
}

// Callers sharing one answer (singleflight, cache hits) share its labelled text too: 50 concurrent
// identical large queries then hold one copy of it, not 50.
const labelled = new WeakMap<object, { key: string; text: string }>();

function labelledOnce(answer: { result: string }, label: string, env: string): string {
  const key = `${label}\u0000${env}`;
  const hit = labelled.get(answer);
  if (hit?.key === key) return hit.text;
  const text = injectEnvLabel(answer.result, label, env);
  labelled.set(answer, { key, text });
  return text;
}

const EMPTY: EnvResults = { data: [], errors: [], answered: [], warnings: [] };

/** Only an HA group needs to know where its replicas' data is complete. */
const probeFor = (g: PrometheusGroup, query: string): FreshnessProbe | undefined =>
  g.targets.length > 1 ? freshnessProbe(query) : undefined;

function firstType(fed: EnvResults): 'vector' | 'matrix' | undefined {
  const t = fed.data[0]?.value.data.type;
  return t === 'vector' || t === 'matrix' ? t : undefined;
}

/** Per-env answers concatenated, each series tagged with its env; scalars/strings come from the first env. */
function tagPerEnv(fed: EnvResults, envLabel: string): QueryData | undefined {
  const first = fed.data[0]?.value.data;
  if (!first || (first.type !== 'vector' && first.type !== 'matrix')) return first;
  const series = fed.data.flatMap(({ env, value }) =>
    seriesOf(value.data).map((s) => ({ labels: withEnvLabel(s.labels, envLabel, env), points: s.points })),
  );
  return { type: first.type, series };
}

/** A federated operand as the binary combiner sees it; a failed side with no data is an empty vector. */
function evaluated(plan: Operand, data: QueryData | undefined, empty: 'vector' | 'matrix'): Evaluated {
  if (plan.kind === 'number') return { kind: 'number', value: plan.value };
  if (data?.type === 'vector' || data?.type === 'matrix')
    return { kind: 'series', type: data.type, series: data.series };
  if (data?.type === 'scalar') return { kind: 'number', value: data.point.v };
  return { kind: 'series', type: empty, series: [] };
}

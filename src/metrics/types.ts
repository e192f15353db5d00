import type { Federated } from '../federation/index.js';
import type { QueryData } from '../series/index.js';

/** A federated PromQL answer: series tagged with their env (unless merged across envs). */
export type FederatedQuery = Federated<QueryData>;

/** What one env's Prometheus returned for one query (before env labels are added). */
export interface EnvQueryResult {
  data: QueryData;
  warnings: string[];
}

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** Selectors and an optional time range for labels, label values and series. Times in epoch ms. */
export interface SeriesQuery {
  match: string[];
  start?: number;
  end?: number;
}

export interface QueryScope {
  /** Envs chosen by the caller; all when absent. Matchers on the env label narrow them further. */
  envs?: readonly string[] | null | undefined;
  /** Input field named in errors, e.g. `query` or `signals.expr`. */
  field?: string;
  signal?: AbortSignal;
  deadlineMs?: number;
}

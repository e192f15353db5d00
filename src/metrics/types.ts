import type { QueryData } from '../backends/prometheus/index.js';
import type { ParallaxError } from '../errors/index.js';

/** A federated PromQL answer: series tagged with their env (unless merged across envs), plus partial errors. */
export interface FederatedQuery {
  data: QueryData;
  warnings: string[];
  errors: ParallaxError[];
  /** The envs the query was sent to. */
  envs: string[];
}

export interface QueryScope {
  /** Envs chosen by the caller; all when absent. Matchers on the env label narrow them further. */
  envs?: readonly string[] | null | undefined;
  /** Input field named in errors, e.g. `query` or `signals.expr`. */
  field?: string;
  signal?: AbortSignal;
  deadlineMs?: number;
}

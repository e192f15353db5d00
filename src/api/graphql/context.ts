import type { ParallaxError } from '../../errors/index.js';

/** What every resolver gets: a sink for per-env partial errors and the request's abort signal. */
export interface GraphQLContext {
  /**
   * Reports per-env failures; they appear in the response's `errors` next to the healthy envs' data.
   * `allFailed` (no env gave the field any data) adds one ALL_ENVS_FAILED error before them.
   */
  partial: (errors: readonly ParallaxError[], allFailed?: boolean) => void;
  signal: AbortSignal;
}

/** A resolver after its arguments were checked with zod (see input/parseArgs). */
export type Resolver<TParent = unknown> = (
  parent: TParent,
  args: Record<string, unknown>,
  ctx: GraphQLContext,
) => unknown;

/** Resolvers of one concept, e.g. `{ Query: { traces: ... }, Trace: { ... } }`; merged at start-up. */
export type ResolverMap = Record<string, Record<string, Resolver<never>>>;

/** No env answered: the errors are every env the field went to, and none of them gave data. */
export const noneAnswered = (answered: readonly unknown[], errors: readonly ParallaxError[]): boolean =>
  answered.length === 0 && errors.some((e) => e.env !== undefined);

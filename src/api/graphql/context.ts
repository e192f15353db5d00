import type { ParallaxError } from '../../errors/index.js';

/** What every resolver gets: a sink for per-env partial errors and the request's abort signal. */
export interface GraphQLContext {
  /** Reports per-env failures; they appear in the response's `errors` next to the healthy envs' data. */
  partial: (errors: readonly ParallaxError[]) => void;
  signal: AbortSignal;
}

/** A resolver after its arguments were checked with zod (see parseArgs). */
export type Resolver<TParent = unknown> = (
  parent: TParent,
  args: Record<string, unknown>,
  ctx: GraphQLContext,
) => unknown;

/** Resolvers of one concept, e.g. `{ Query: { traces: ... }, Trace: { ... } }`; merged at start-up. */
export type ResolverMap = Record<string, Record<string, Resolver<never>>>;

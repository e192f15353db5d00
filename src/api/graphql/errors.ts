import { GraphQLError } from 'graphql';
import { ParallaxError } from '../../errors/index.js';

/** A ParallaxError as a GraphQL error with extensions { code, env, backend, field }. */
export function toGraphQLError(err: ParallaxError, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(err.message, { ...(path ? { path } : {}), extensions: err.toJSON() });
}

// Duck-typed on purpose: graphql may be loaded twice (ESM and CJS builds), so instanceof can lie.
interface GraphQLErrorLike extends Error {
  originalError?: unknown;
  path?: readonly (string | number)[];
}
const isGraphQLError = (e: unknown): e is GraphQLErrorLike => e instanceof Error && e.name === 'GraphQLError';

/** Yoga and graphql-js may wrap a resolver's error more than once. */
function rootCause(error: unknown): unknown {
  let cur = error;
  for (let i = 0; i < 5 && isGraphQLError(cur) && cur.originalError; i++) cur = cur.originalError;
  return cur;
}

/** Yoga's maskError: ParallaxErrors keep their code; anything unexpected becomes INTERNAL, no stack trace. */
export function maskError(error: unknown): Error {
  const original = rootCause(error);
  if (original instanceof ParallaxError)
    return toGraphQLError(original, isGraphQLError(error) ? error.path : undefined);
  // Validation and parse errors from graphql itself are the client's and safe to show.
  if (isGraphQLError(original)) return original;
  return new GraphQLError('internal error', { extensions: { code: 'INTERNAL' } });
}

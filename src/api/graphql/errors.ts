import { GraphQLError } from 'graphql';
import { ParallaxError } from '../../errors/index.js';

/** A ParallaxError as a GraphQL error with extensions { code, env, backend, field }. */
export function toGraphQLError(err: ParallaxError, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(err.message, { ...(path ? { path } : {}), extensions: err.toJSON() });
}

/** Yoga's maskError: ParallaxErrors keep their code; anything unexpected becomes INTERNAL, no stack trace. */
export function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? undefined) : error;
  if (original instanceof ParallaxError) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return toGraphQLError(original, path);
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  return new GraphQLError('internal error', { extensions: { code: 'INTERNAL' } });
}

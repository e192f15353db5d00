export { createGraphQLServer, loadSchemaSDL, mergeResolvers } from './server.js';
export type { GraphQLContext, ResolverMap, Resolver } from './context.js';
export * from './resolvers/index.js';
export { guardServiceArgs } from './service-args.js';

export { createGraphQLServer, loadSchemaSDL, mergeResolvers } from './server.js';
export type { GraphQLContext, ResolverMap, Resolver } from './context.js';
export { parseArgs } from './args.js';
export { rangeArg, envsArg, toTimeRange, autoStep } from './inputs.js';
export * from './resolvers/index.js';
export { guardServiceArgs } from './service-args.js';

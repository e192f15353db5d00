import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { DocumentNode, ExecutionResult } from 'graphql';
import { createSchema, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { allEnvsFailed, type ParallaxError } from '../../errors/index.js';
import type { GatewayMetrics } from '../../telemetry/index.js';
import type { GraphQLContext, ResolverMap } from './context.js';
import { maskError, toGraphQLError } from './errors.js';
import { fieldWeightPlugin, operationLabel } from './limits.js';

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxWeight: number;
}

const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxTokens: 5000,
  maxWeight: 3000,
};

interface ServerContext {
  request: Request;
}
type Ctx = GraphQLContext & { partials: ParallaxError[] };

/** Every .graphql file in schema/ (the public contract), read once at start-up. */
export function loadSchemaSDL(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

export function mergeResolvers(maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...fields };
  return out;
}

/** Appends per-env partial errors to the result, next to the data of the healthy envs. */
function partialErrorsPlugin(metrics: GatewayMetrics): Plugin<Ctx> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result) return;
        const ctx = args.contextValue as Ctx;
        const op = operationLabel(args.document as DocumentNode | undefined);
        const done = result as ExecutionResult;
        const extra = ctx.partials.map((e) => toGraphQLError(e));
        metrics.graphqlOperation(op, 'query', (done.errors?.length ?? 0) + extra.length === 0);
        if (extra.length > 0) setResult({ ...done, errors: [...(done.errors ?? []), ...extra] });
      },
    }),
  };
}

export function createGraphQLServer(opts: {
  sdl: string[];
  resolvers: ResolverMap;
  path: string;
  metrics: GatewayMetrics;
  limits?: GraphQLLimits;
}): YogaServerInstance<ServerContext, Ctx> {
  const l = opts.limits ?? DEFAULT_GRAPHQL_LIMITS;
  return createYoga<ServerContext, Ctx>({
    graphqlEndpoint: opts.path,
    // yoga's resolver typing is looser than ResolverMap; the map is checked where it is built.
    schema: createSchema<Ctx>({ typeDefs: opts.sdl, resolvers: opts.resolvers as never }),
    context: ({ request }) => {
      const partials: ParallaxError[] = [];
      const partial = (errs: readonly ParallaxError[], allFailed = false): void => {
        if (allFailed && errs.length > 0) partials.push(allEnvsFailed(errs));
        partials.push(...errs);
      };
      return { partials, partial, signal: request.signal };
    },
    maskedErrors: { maskError },
    // CORS is the app's (explicit origins only); yoga's default would reflect any Origin.
    cors: false,
    graphiql: { title: 'Parallax', defaultQuery: DEFAULT_QUERY },
    renderGraphiQL,
    landingPage: false,
    logging: false,
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: l.maxDepth },
        maxAliases: { n: l.maxAliases },
        costLimit: { maxCost: l.maxCost },
        maxTokens: { n: l.maxTokens },
      }),
      fieldWeightPlugin(l.maxWeight),
      partialErrorsPlugin(opts.metrics),
    ],
  });
}

const DEFAULT_QUERY = `# Parallax: one query across every environment.
query Overview {
  envs { name labels { name value } backends }
  queryRange(query: "sum by (env) (up)", range: { start: "now-1h", end: "now", step: "1m" }) {
    series { env points { time value } }
    warnings
  }
}
`;

import { z } from 'zod';
import type { Attributes, AttributeValue, Span, SpanEvent, Trace } from '../../../traces/index.js';
import {
  parseAttributeFilters,
  parseSpanDuration,
  parseTraceId,
  type OperationStats,
  type TraceLookup,
  type TraceService,
} from '../../../traces/index.js';
import { envFilter, fromDomain, parseArgs, serviceName, timeWindow } from '../../../input/index.js';
import { noneAnswered, type GraphQLContext, type ResolverMap } from '../context.js';

const spanDuration = z.string().max(64).transform(fromDomain(parseSpanDuration)).nullish();
const envs = envFilter;
const range = timeWindow;

const searchArgs = (maxLimit: number) =>
  z.object({
    service: serviceName,
    envs,
    range,
    operation: z.string().nullish(),
    attributes: z.array(z.object({ key: z.string(), value: z.string() })).nullish(),
    minDuration: spanDuration,
    maxDuration: spanDuration,
    limit: z.number().int().min(1).max(maxLimit).default(20),
    order: z.enum(['NEWEST', 'SLOWEST']).default('NEWEST'),
  });

const traceArgs = z.object({ id: z.string().max(128).transform(fromDomain(parseTraceId)), envs });
const statsArgs = z.object({ service: serviceName, envs, range });

const envList = (list: string[] | null | undefined): { envs?: string[] } => (list ? { envs: list } : {});

function attributeList(attrs: Attributes): { key: string; value: string; type: string }[] {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: String(value), type: typeName(value) }));
}

function typeName(v: AttributeValue): string {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'string';
}

/** GraphQL resolvers of the traces schema (schema/traces.graphql). */
export function tracesResolvers(traces: TraceService): ResolverMap {
  return {
    Query: {
      traces: async (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext): Promise<Trace[]> => {
        const a = parseArgs(searchArgs(traces.maxLimit), args);
        const attributes = parseAttributeFilters(a.attributes ?? [], 'attributes');
        const res = await traces.search(
          {
            service: a.service,
            ...envList(a.envs),
            startMs: a.range.start,
            endMs: a.range.end,
            limit: a.limit,
            order: a.order,
            ...(a.operation ? { operation: a.operation } : {}),
            ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
            ...(a.minDuration == null ? {} : { minDurationUs: a.minDuration }),
            ...(a.maxDuration == null ? {} : { maxDurationUs: a.maxDuration }),
          },
          { signal: ctx.signal },
        );
        ctx.partial(res.errors, noneAnswered(res.answered, res.errors));
        return res.data;
      },
      trace: async (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext): Promise<TraceLookup> => {
        const a = parseArgs(traceArgs, args);
        const res = await traces.trace(a.id, a.envs ?? undefined, { signal: ctx.signal });
        ctx.partial(res.errors, noneAnswered(res.answered, res.errors));
        return res.data;
      },
      operationStats: async (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
        const a = parseArgs(statsArgs, args);
        const res = await traces.operationStats(
          a.service,
          { startMs: a.range.start, endMs: a.range.end },
          a.envs ?? undefined,
          { signal: ctx.signal },
        );
        ctx.partial(res.errors, noneAnswered(res.answered, res.errors));
        return res.data;
      },
    },
    Trace: {
      startTime: (t: Trace) => new Date(t.startMs).toISOString(),
      spanCount: (t: Trace) => t.spans.length,
    },
    Span: {
      kind: (s: Span) => s.kind.toUpperCase(),
      status: (s: Span) => s.status.toUpperCase(),
      attributes: (s: Span) => attributeList(s.attributes),
      resource: (s: Span) => attributeList(s.resource),
    },
    SpanEvent: {
      attributes: (e: SpanEvent) => attributeList(e.attributes),
    },
    TraceLookup: {
      found: (l: TraceLookup) => l.trace !== null,
    },
    OperationStats: {
      spanKind: (o: OperationStats) => o.spanKind.toUpperCase(),
    },
  };
}

import { z } from 'zod';
import { LOG_LEVELS, type LogRecord, type LogService, type VolumeBucket } from '../../../logs/index.js';
import type { EnvSample, LogVolume } from '../../../logs/index.js';
import type { KnownPattern, MinedPattern } from '../../../logs/patterns/index.js';
import type { EnvValue } from '../../../federation/index.js';
import {
  envFilter,
  envNames,
  parseArgs,
  serviceName,
  steppedRange,
  timeWindow,
} from '../../../input/index.js';
import { noneAnswered, type GraphQLContext, type ResolverMap } from '../context.js';

const NICE_STEPS_MS = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
].map((s) => s * 1000);
const AUTO_STEP_BUCKETS = 120;

const level = z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` });
/** Log volume: the requested step, or a round one giving about 120 buckets. */
const bucketed = steppedRange((start, end) => {
  const wanted = (end - start) / AUTO_STEP_BUCKETS;
  return NICE_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
});

/** GraphQL resolvers of the logs queries; arguments are checked with zod before LogService sees them. */
export function logsResolvers(logs: LogService): ResolverMap {
  const { maxLimit, patternSampleCap } = logs.options;
  const scoped = {
    service: serviceName,
    range: timeWindow,
    levels: z.array(level).max(LOG_LEVELS.length).nullish(),
  };
  const patternOpts = {
    sampleCap: z.number().int().min(1).max(patternSampleCap).nullish(),
    maxTraceIds: z.number().int().min(0).max(100).nullish(),
    limit: z.number().int().min(1).max(1000).nullish(),
  };
  const logsArgs = z.object({
    ...scoped,
    envs: envFilter,
    text: z.string().max(1024).nullish(),
    limit: z.number().int().min(1).max(maxLimit).nullish(),
    cursor: z.string().max(8192).nullish(),
  });
  const volumeArgs = z.object({ ...scoped, range: bucketed, envs: envFilter });
  const patternsArgs = z.object({ ...scoped, ...patternOpts, envs: envFilter });
  const newPatternsArgs = z.object({
    ...scoped,
    ...patternOpts,
    baseline: envNames.min(1),
    candidate: envNames.min(1),
  });

  return {
    Query: {
      logs: async (_parent: unknown, raw: Record<string, unknown>, ctx: GraphQLContext) => {
        const args = parseArgs(logsArgs, raw);
        const result = await logs.search({
          ...common(args, ctx),
          range: args.range,
          ...(args.text ? { text: args.text } : {}),
          ...(args.limit ? { limit: args.limit } : {}),
          ...(args.cursor ? { cursor: args.cursor } : {}),
        });
        ctx.partial(result.errors, noneAnswered(result.answered, result.errors));
        return { records: result.data.records.map(toRecordOut), cursor: result.data.cursor };
      },
      logVolume: async (_parent: unknown, raw: Record<string, unknown>, ctx: GraphQLContext) => {
        const args = parseArgs(volumeArgs, raw);
        const result = await logs.volume({ ...common(args, ctx), range: args.range });
        ctx.partial(result.errors, noneAnswered(result.answered, result.errors));
        return result.data.map(toVolumeOut);
      },
      logPatterns: async (_parent: unknown, raw: Record<string, unknown>, ctx: GraphQLContext) => {
        const args = parseArgs(patternsArgs, raw);
        const result = await logs.patterns({
          ...common(args, ctx),
          ...patternOptions(args),
          range: args.range,
        });
        ctx.partial(result.errors, noneAnswered(result.answered, result.errors));
        return result.data.map(({ env, value }) => ({
          env,
          sample: toSampleOut(value),
          patterns: value.patterns.map(toPatternOut),
        }));
      },
      newLogPatterns: async (_parent: unknown, raw: Record<string, unknown>, ctx: GraphQLContext) => {
        const args = parseArgs(newPatternsArgs, raw);
        const { envs: _none, ...base } = common(args, ctx);
        const result = await logs.newPatterns({
          ...base,
          ...patternOptions(args),
          baseline: args.baseline,
          candidate: args.candidate,
          range: args.range,
        });
        ctx.partial(result.errors, noneAnswered(result.answered, result.errors));
        return {
          baseline: result.data.baseline.map(toSampleOut),
          candidate: result.data.candidate.map(toSampleOut),
          newPatterns: result.data.newPatterns.map(toPatternOut),
          known: result.data.known.map(toKnownOut),
        };
      },
    },
  };
}

interface CommonArgs {
  service: string;
  envs?: string[] | null | undefined;
  levels?: (typeof LOG_LEVELS)[number][] | null | undefined;
}

function common(args: CommonArgs, ctx: GraphQLContext) {
  return {
    service: args.service,
    signal: ctx.signal,
    ...(args.envs ? { envs: args.envs } : {}),
    ...(args.levels ? { levels: args.levels } : {}),
  };
}

function patternOptions(args: {
  sampleCap?: number | null | undefined;
  maxTraceIds?: number | null | undefined;
  limit?: number | null | undefined;
}) {
  return {
    ...(args.sampleCap ? { sampleCap: args.sampleCap } : {}),
    ...(typeof args.maxTraceIds === 'number' ? { maxTraceIds: args.maxTraceIds } : {}),
    ...(args.limit ? { limit: args.limit } : {}),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toRecordOut(r: LogRecord) {
  return {
    ...r,
    time: iso(r.time),
    timestampMs: r.time,
    fields: Object.entries(r.fields).map(([name, value]) => ({ name, value })),
  };
}

function toVolumeOut({ env, value }: EnvValue<LogVolume>) {
  return { env, stepMs: value.step, buckets: value.buckets.map(toBucketOut) };
}

function toBucketOut(b: VolumeBucket) {
  return { time: iso(b.time), timestampMs: b.time, total: b.total, ...b.levels };
}

function toSampleOut(s: EnvSample) {
  return { env: s.env, sampleSize: s.sampleSize, total: s.total, capped: s.capped };
}

function toPatternOut(p: MinedPattern) {
  return {
    id: p.id,
    template: p.template,
    count: p.count,
    countByEnv: Object.entries(p.countByEnv).map(([env, count]) => ({ env, count })),
    firstSeen: iso(p.firstSeen),
    lastSeen: iso(p.lastSeen),
    example: p.example,
    traceIds: p.traceIds,
  };
}

function toKnownOut(p: KnownPattern) {
  return { pattern: toPatternOut(p), baselineCount: p.baselineCount };
}

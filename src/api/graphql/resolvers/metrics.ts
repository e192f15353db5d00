import { z } from 'zod';
import type { Point, Series } from '../../../series/index.js';
import type { MetricsService } from '../../../metrics/index.js';
import type { FederatedQuery } from '../../../metrics/index.js';
import { SIGNALS, type SignalName, type SignalResult, type SignalsService } from '../../../signals/index.js';
import { parseTime } from '../../../time/index.js';
import { parseArgs } from '../args.js';
import { noneAnswered, type GraphQLContext, type ResolverMap } from '../context.js';
import { envsArg, rangeArg } from '../inputs.js';

const query = z.string().min(1).max(20_000);
const instantArgs = z.object({ query, time: z.string().max(64).nullish(), envs: envsArg });
const rangeArgs = z.object({ query, range: rangeArg, envs: envsArg });
const signalEnum = z.enum(SIGNALS.map((s) => s.toUpperCase()) as [string, ...string[]]);
const signalsArgs = z.object({
  service: z.string().min(1).max(256),
  range: rangeArg,
  envs: envsArg,
  signals: z.array(signalEnum).max(SIGNALS.length).nullish(),
});

export interface GqlSeries {
  env: string | null;
  labels: Array<{ name: string; value: string }>;
  points: Array<{ t: number; time: string; value: number | null }>;
}

export function toGqlSeries(s: Series, envLabel: string): GqlSeries {
  return {
    env: s.labels[envLabel] ?? null,
    labels: Object.entries(s.labels).map(([name, value]) => ({ name, value })),
    points: s.points.map(toGqlPoint),
  };
}

const toGqlPoint = (p: Point): GqlSeries['points'][number] => ({
  t: p.t / 1000,
  time: new Date(p.t).toISOString(),
  value: Number.isFinite(p.v) ? p.v : null,
});

function toResult(res: FederatedQuery, envLabel: string, ctx: GraphQLContext) {
  ctx.partial(res.errors, noneAnswered(res.answered, res.errors));
  const d = res.data;
  return {
    resultType: d.type,
    series: d.type === 'vector' || d.type === 'matrix' ? d.series.map((s) => toGqlSeries(s, envLabel)) : [],
    scalar: d.type === 'scalar' && Number.isFinite(d.point.v) ? d.point.v : null,
    warnings: res.warnings,
    // Envs that answered or failed; a named env without Prometheus was never asked.
    envs: [...res.answered, ...res.errors.flatMap((e) => (e.env && e.code !== 'NOT_FOUND' ? [e.env] : []))],
  };
}

export const toSignalSeries = (r: SignalResult, envLabel: string) => ({
  env: r.env,
  signal: r.signal.toUpperCase(),
  unit: r.info.unit,
  query: r.query,
  series: r.series.map((s) => toGqlSeries(s, envLabel)),
  summary: r.summary,
});

export function metricsResolvers(
  metrics: MetricsService,
  signals: SignalsService,
  envLabel: string,
): ResolverMap {
  return {
    Query: {
      query: async (_: never, args, ctx) => {
        const a = parseArgs(instantArgs, args);
        const time = a.time ? parseTime(a.time, 'time') : undefined;
        return toResult(
          await metrics.instant(a.query, time, { envs: a.envs, signal: ctx.signal }),
          envLabel,
          ctx,
        );
      },
      queryRange: async (_: never, args, ctx) => {
        const a = parseArgs(rangeArgs, args);
        return toResult(
          await metrics.range(a.query, a.range, { envs: a.envs, signal: ctx.signal }),
          envLabel,
          ctx,
        );
      },
      signals: async (_: never, args, ctx) => {
        const a = parseArgs(signalsArgs, args);
        const names = (a.signals ?? SIGNALS.map((s) => s.toUpperCase())).map(
          (s) => s.toLowerCase() as SignalName,
        );
        const res = await signals.query(a.service, a.envs, names, a.range, ctx.signal);
        ctx.partial(res.errors, noneAnswered(res.data, res.errors));
        return res.data.map((r) => toSignalSeries(r, envLabel));
      },
    },
  };
}

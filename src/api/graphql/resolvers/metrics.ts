import { z } from 'zod';
import type { Point, Series } from '../../../series/index.js';
import type { MetricsService } from '../../../metrics/index.js';
import type { FederatedQuery } from '../../../metrics/index.js';
import type { SignalResult, SignalsService } from '../../../signals/index.js';
import {
  envFilter,
  instant,
  parseArgs,
  serviceName,
  signalFilter,
  signalsOrAll,
  timeRange,
} from '../../../input/index.js';
import { noneAnswered, type GraphQLContext, type ResolverMap } from '../context.js';

const query = z.string().min(1).max(20_000);
const instantArgs = z.object({ query, time: instant.nullish(), envs: envFilter });
const rangeArgs = z.object({ query, range: timeRange, envs: envFilter });
const signalsArgs = z.object({
  service: serviceName,
  range: timeRange,
  envs: envFilter,
  signals: signalFilter,
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
        return toResult(
          await metrics.instant(a.query, a.time ?? undefined, { envs: a.envs, signal: ctx.signal }),
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
        const res = await signals.query(a.service, a.envs, signalsOrAll(a.signals), a.range, ctx.signal);
        ctx.partial(res.errors, noneAnswered(res.data, res.errors));
        return res.data.map((r) => toSignalSeries(r, envLabel));
      },
    },
  };
}

import { z } from 'zod';
import type { Point } from '../../../series/index.js';
import type { Services } from '../../services.js';
import {
  type Comparison,
  type Culprit,
  type OperationComparison,
  type OperationSide,
  type PatternChange,
  type SignalComparison,
} from '../../../compare/index.js';
import { SIGNAL_INFO, SIGNALS } from '../../../signals/index.js';
import {
  envNames,
  parseArgs,
  serviceName,
  signalEnum,
  signalFilter,
  timeRange,
  toSignal,
} from '../../../input/index.js';
import type { GraphQLContext, ResolverMap } from '../context.js';
import { everyBackendFailed } from '../../all-failed.js';
import { toGqlSeries } from './metrics.js';

const compareArgs = z.object({
  service: serviceName,
  baseline: envNames,
  candidate: envNames,
  range: timeRange,
  signals: signalFilter,
  tolerances: z
    .array(z.object({ signal: signalEnum, absolute: z.number().nullish(), relative: z.number().nullish() }))
    .max(SIGNALS.length * 2)
    .nullish(),
});

const upper = (s: string): string => s.toUpperCase();
const iso = (ms: number): string => new Date(ms).toISOString();

function points(list: readonly Point[], envLabel: string) {
  return toGqlSeries({ labels: {}, points: [...list] }, envLabel).points;
}

function signalOut(s: SignalComparison) {
  return {
    ...s,
    signal: upper(s.name),
    verdict: upper(s.verdict),
    baseline: s.baselineMedian,
    candidate: s.candidateMedian,
    perEnv: s.perEnv.map((e) => ({ ...e, side: upper(e.side) })),
  };
}

const sideStats = (s: OperationSide | null) => s;

function operationOut(op: OperationComparison) {
  return {
    ...op,
    spanKind: upper(op.spanKind),
    baseline: sideStats(op.baseline),
    candidate: sideStats(op.candidate),
    judgement: { ...op.judgement, verdict: upper(op.judgement.verdict) },
  };
}

function patternOut(p: PatternChange) {
  return {
    ...p,
    countByEnv: Object.entries(p.countByEnv).map(([env, count]) => ({ env, count })),
    firstSeen: iso(p.firstSeen),
    lastSeen: iso(p.lastSeen),
    verdict: upper(p.verdict),
    // A new pattern's ratio is infinite, which GraphQL's Float cannot carry.
    rateRatio: p.rateRatio !== null && Number.isFinite(p.rateRatio) ? p.rateRatio : null,
  };
}

function culpritOut(c: Culprit) {
  return {
    ...c,
    signal: upper(c.signal),
    verdict: upper(c.verdict),
    operation: c.operation
      ? { ...c.operation, spanKind: upper(c.operation.spanKind), measure: upper(c.operation.measure) }
      : null,
    logPatterns: c.logPatterns.map(patternOut),
  };
}

/** The Comparison as the SDL spells it: enums upper-case, times RFC3339, points as Point. */
export function toGqlComparison(c: Comparison, envLabel: string) {
  return {
    service: c.service,
    baseline: c.baseline,
    candidate: c.candidate,
    range: { start: iso(c.range.start), end: iso(c.range.end), stepSeconds: c.range.step / 1000 },
    verdict: {
      ...c.verdict,
      verdict: upper(c.verdict.verdict),
      missing: c.verdict.missing.map((m) => ({ ...m, side: upper(m.side) })),
      evidence: c.verdict.evidence.map((e) => ({ ...e, side: upper(e.side) })),
    },
    signals: c.signals.map(signalOut),
    series: c.series.map((s) => ({
      env: s.env,
      side: upper(s.side),
      signal: upper(s.signal),
      unit: SIGNAL_INFO[s.signal].unit,
      points: points(s.points, envLabel),
    })),
    traffic: c.traffic.map((t) => ({ ...t, side: upper(t.side), points: points(t.points, envLabel) })),
    operations: c.operations.map(operationOut),
    traceSamples: c.traceSamples.map((t) => ({ ...t, side: upper(t.side) })),
    logPatterns: c.logPatterns
      ? {
          samples: c.logPatterns.samples.map((s) => ({ ...s, side: upper(s.role) })),
          newPatterns: c.logPatterns.newPatterns.map(patternOut),
          grown: c.logPatterns.grown.map(patternOut),
        }
      : null,
    migration: c.migration.map((m) => ({ ...m, side: upper(m.side) })),
    culprits: c.culprits.map(culpritOut),
  };
}

/** GraphQL `compare`: arguments checked with zod, the work done by CompareService. */
export function compareResolvers(services: Services): ResolverMap {
  const { compare } = services;
  const envLabel = services.config.server.envLabel;
  return {
    Query: {
      compare: async (_: never, raw, ctx: GraphQLContext) => {
        const a = parseArgs(compareArgs, raw);
        const res = await compare.compare({
          service: a.service,
          baseline: a.baseline,
          candidate: a.candidate,
          range: a.range,
          signal: ctx.signal,
          ...(a.signals ? { signals: a.signals.map(toSignal) } : {}),
          ...(a.tolerances
            ? {
                tolerances: a.tolerances.map((t) => ({
                  signal: toSignal(t.signal),
                  ...(t.absolute == null ? {} : { absolute: t.absolute }),
                  ...(t.relative == null ? {} : { relative: t.relative }),
                })),
              }
            : {}),
        });
        ctx.partial(
          res.errors,
          everyBackendFailed(services.envs, [...res.data.baseline, ...res.data.candidate], res.errors),
        );
        return toGqlComparison(res.data, envLabel);
      },
    },
  };
}

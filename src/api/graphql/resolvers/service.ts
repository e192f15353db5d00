import { z } from 'zod';
import type { Services } from '../../services.js';
import {
  envFilter,
  parseArgs,
  serviceName,
  signalFilter,
  signalsOrAll,
  timeRange,
} from '../../../input/index.js';
import type { ResolverMap } from '../context.js';
import { everyBackendFailed } from '../../all-failed.js';
import { toSignalSeries } from './metrics.js';

const args = z.object({
  name: serviceName,
  range: timeRange,
  envs: envFilter,
  signals: signalFilter,
});

/** `service`: signals and span operations per env, side by side, fetched in parallel. */
export function serviceResolvers(services: Services): ResolverMap {
  return {
    Query: {
      service: async (_: never, raw, ctx) => {
        const a = parseArgs(args, raw);
        const envs = a.envs?.length
          ? a.envs.map((e) => services.envs.get(e, 'envs').name)
          : services.envs.names();
        const names = signalsOrAll(a.signals);
        const withTraces = envs.filter((e) => services.envs.hasBackend(services.envs.get(e), 'jaeger'));
        const withMetrics = envs.filter((e) => services.envs.hasBackend(services.envs.get(e), 'prometheus'));
        const [metrics, traces] = await Promise.all([
          withMetrics.length > 0
            ? services.signals.query(a.name, withMetrics, names, a.range, ctx.signal)
            : undefined,
          withTraces.length > 0
            ? services.traces.operationStats(
                a.name,
                { startMs: a.range.start, endMs: a.range.end },
                withTraces,
                { signal: ctx.signal },
              )
            : undefined,
        ]);
        const errors = [...(metrics?.errors ?? []), ...(traces?.errors ?? [])];
        ctx.partial(errors, everyBackendFailed(services.envs, envs, errors));
        const label = services.envs.envLabel;
        return {
          name: a.name,
          envs: envs.map((env) => ({
            env,
            signals: (metrics?.data ?? []).filter((r) => r.env === env).map((r) => toSignalSeries(r, label)),
            operations: traces?.data.find((d) => d.env === env) ?? null,
          })),
        };
      },
    },
  };
}

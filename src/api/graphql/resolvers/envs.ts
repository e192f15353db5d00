import type { EnvRegistry } from '../../../envs/index.js';
import type { BreakerReading } from '../../../telemetry/index.js';
import type { ResolverMap } from '../context.js';

const BACKENDS = ['prometheus', 'jaeger', 'elasticsearch'] as const;

/** `readings`: the breakers of the current config's federation, read when a query asks. */
export function envResolvers(envs: EnvRegistry, readings: () => readonly BreakerReading[]): ResolverMap {
  return {
    Query: {
      envs: () => {
        const all = readings();
        return envs.all().map((env) => {
          const backends = BACKENDS.filter((b) => envs.hasBackend(env, b));
          return {
            name: env.name,
            labels: Object.entries(env.labels).map(([name, value]) => ({ name, value })),
            backends,
            health: backends.map((backend) => ({
              backend,
              state:
                all.find((r) => r.env === env.name && r.backend === backend && r.replica === undefined)
                  ?.state ?? 'closed',
              replicas: all
                .filter((r) => r.env === env.name && r.backend === backend && r.replica !== undefined)
                .map((r) => r.state),
            })),
          };
        });
      },
    },
  };
}

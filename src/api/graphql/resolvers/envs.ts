import type { EnvRegistry } from '../../../envs/index.js';
import type { BreakerReading } from '../../../telemetry/index.js';
import type { ResolverMap } from '../context.js';

const BACKENDS = ['prometheus', 'jaeger', 'elasticsearch'] as const;

/** `readings`: the breakers of the current config's federation, read when a query asks. */
export function envResolvers(envs: EnvRegistry, readings: () => readonly BreakerReading[]): ResolverMap {
  return {
    Query: {
      envs: () => {
        const states = new Map(readings().map((r) => [`${r.env}\u0000${r.backend}`, r.state]));
        return envs.all().map((env) => {
          const backends = BACKENDS.filter((b) => envs.hasBackend(env, b));
          return {
            name: env.name,
            labels: Object.entries(env.labels).map(([name, value]) => ({ name, value })),
            backends,
            health: backends.map((backend) => ({
              backend,
              state: states.get(`${env.name}\u0000${backend}`) ?? 'closed',
            })),
          };
        });
      },
    },
  };
}

import type { EnvRegistry } from '../../../envs/index.js';
import type { ResolverMap } from '../context.js';

export function envResolvers(envs: EnvRegistry): ResolverMap {
  return {
    Query: {
      envs: () =>
        envs.all().map((env) => ({
          name: env.name,
          labels: Object.entries(env.labels).map(([name, value]) => ({ name, value })),
          backends: (['prometheus', 'jaeger', 'elasticsearch'] as const).filter((b) =>
            envs.hasBackend(env, b),
          ),
        })),
    },
  };
}

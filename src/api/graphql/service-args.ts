import { assertAllServices, assertService } from '../../access/index.js';
import type { Resolver, ResolverMap } from './context.js';

/** Root fields that run caller-written PromQL: they can reach any service. */
const RAW_FIELDS = new Set(['query', 'queryRange']);

/** Wraps every Query resolver so a caller limited to some services can only name those. */
export function guardServiceArgs(map: ResolverMap): ResolverMap {
  const query = map.Query;
  if (!query) return map;
  const guarded: Record<string, Resolver<never>> = {};
  for (const [field, resolve] of Object.entries(query)) {
    guarded[field] = (parent, args, ctx) => {
      if (RAW_FIELDS.has(field)) assertAllServices(field);
      for (const key of ['service', 'name'] as const) {
        const v = args[key];
        if (typeof v === 'string') assertService(v, key);
      }
      return resolve(parent, args, ctx);
    };
  }
  return { ...map, Query: guarded };
}

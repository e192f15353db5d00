import { LRUCache } from 'lru-cache';
import { extractEnvMatchers, reparse, type EnvMatcher } from './env-matchers.js';
import { parsePromQL } from './parse.js';
import { planQuery, type QueryPlan } from './plan.js';

export interface PreparedQuery {
  matchers: EnvMatcher[];
  plan: QueryPlan;
}

// Dashboards repeat the same queries every refresh; parsing and planning them once is enough.
// Bounded by size too (a plan is a few times its query text), so long queries cannot fill memory.
const cache = new LRUCache<string, PreparedQuery>({
  max: 2000,
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (_v, key) => 8 * key.length + 256,
});

/** Parses, strips env matchers and plans a query; syntax errors name `field` and are never cached. */
export function prepareQuery(query: string, envLabel: string, field: string): PreparedQuery {
  const key = `${envLabel}\u0000${query}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parsePromQL(query, field);
  const scoped = extractEnvMatchers(parsed, envLabel);
  const plan = planQuery(scoped.matchers.length === 0 ? parsed : reparse(scoped, field), envLabel);
  const prepared = { matchers: scoped.matchers, plan };
  cache.set(key, prepared);
  return prepared;
}

import { LRUCache } from 'lru-cache';
import { parsePromQL } from './parse.js';

const cache = new LRUCache<string, boolean>({ max: 2000 });

/**
 * Whether each point of a range query depends only on its own timestamp, so the points of two
 * ranges on the same grid may be joined: true unless an `@` modifier pins a part of it (`@ start()`
 * moves with the range). Unparsable queries are false (the backend then reports them).
 */
export function isStepwise(query: string): boolean {
  const hit = cache.get(query);
  if (hit !== undefined) return hit;
  let stepwise = true;
  try {
    parsePromQL(query).tree.iterate({
      enter: (ref) => {
        if (ref.name === 'StepInvariantExpr') stepwise = false;
      },
    });
  } catch {
    stepwise = false;
  }
  cache.set(query, stepwise);
  return stepwise;
}

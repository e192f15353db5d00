import { LRUCache } from 'lru-cache';
import type { Grant } from './grant.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Token bucket per identity; the map is bounded so a flood of identities cannot grow memory. */
export class RateLimiter {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 10_000 });

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** 0 when the request may go; otherwise the seconds until one token is back (Retry-After). */
  take(grant: Grant): number {
    const limit = grant.rateLimit;
    if (!limit) return 0;
    const burst = limit.burst ?? Math.max(1, Math.ceil(limit.rps));
    const t = this.now();
    const b = this.buckets.get(grant.identity) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * limit.rps);
    b.at = t;
    this.buckets.set(grant.identity, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.rps));
  }
}

import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/** A stored text, a miss, or `error` when the tier could not be asked. */
export type Lookup = { text: string } | 'miss' | 'error';

/** A cache shared by the gateway's replicas. It never fails a query: a fault reads as a miss. */
export interface SharedTier {
  get(key: string): Promise<Lookup>;
  set(key: string, value: string): void;
  close(): Promise<void>;
}

export interface RedisTierOptions {
  url: string;
  password?: string;
  keyPrefix: string;
  ttlMs: number;
  /** Per command: a slower Redis is skipped for that call. */
  timeoutMs: number;
}

// A value this large costs more to move through Redis than most backends take to answer.
const MAX_VALUE_CHARS = 16 * 1024 * 1024;

/** The key in Redis: a digest, so env names, URLs and queries are never stored in plain. */
const digest = (prefix: string, key: string): string =>
  prefix + createHash('sha256').update(key).digest('base64url');

/** Redis through ioredis: commands time out fast, are never retried, and reconnects back off. */
export class RedisTier implements SharedTier {
  private readonly client: Redis;

  constructor(private readonly opts: RedisTierOptions) {
    this.client = new Redis(opts.url, {
      ...(opts.password === undefined ? {} : { password: opts.password }),
      commandTimeout: opts.timeoutMs,
      connectTimeout: 2000,
      // No I/O until a query asks (the app's rule); the first command waits in the offline queue.
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
    });
    // Without a listener an unreachable Redis would crash the process; its state shows as `error` lookups.
    this.client.on('error', () => undefined);
  }

  async get(key: string): Promise<Lookup> {
    // While Redis is away, skip it at once rather than wait out the command timeout on every query.
    if (this.client.status === 'reconnecting' || this.client.status === 'end') return 'error';
    try {
      const text = await this.client.get(digest(this.opts.keyPrefix, key));
      return text === null ? 'miss' : { text };
    } catch {
      return 'error';
    }
  }

  set(key: string, value: string): void {
    if (value.length > MAX_VALUE_CHARS) return;
    this.client.set(digest(this.opts.keyPrefix, key), value, 'PX', this.opts.ttlMs).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.client.disconnect();
    return Promise.resolve();
  }
}

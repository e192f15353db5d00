import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { ParallaxError, type BackendKind, type ErrorCode } from '../../errors/index.js';
import type { BreakerReading, GatewayMetrics } from '../../telemetry/index.js';
import { childSignal } from '../../backends/http/index.js';
import { breakerState } from '../breaker-state.js';
import { LatencyWindow } from './latency.js';

export interface HedgeOptions {
  /** Off: every node gets its full timeout, as without hedging. */
  enabled: boolean;
  /** A silent query node gets a hedge after the group's p95, never sooner than this. */
  afterMs: number;
  /** An HA replica is cut only this long after another answered, and 3x that answer's time or the p95. */
  cutAfterMs: number;
}

/** Hedging and the per-node breakers, the same for every group of a federation. */
export type GroupOptions = Omit<ReplicaOptions, 'env' | 'backend'>;

export interface ReplicaOptions {
  env: string;
  backend: BackendKind;
  hedge: HedgeOptions;
  breakerThreshold: number;
  breakerCooldownMs: number;
  metrics?: GatewayMetrics | undefined;
}

export const DEFAULT_REPLICA_OPTIONS = {
  hedge: { enabled: true, afterMs: 25, cutAfterMs: 250 },
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
} as const;

export type ReplicaCall<C, T> = (client: C, signal: AbortSignal) => Promise<T>;

/** One node of a group and its own breaker. */
export interface Replica<C> {
  index: number;
  client: C;
  breaker: CircuitBreakerPolicy;
}

// The node failed, not the query: these (and a cut) count against the node's breaker.
const NODE_FAULTS: ReadonlySet<ErrorCode> = new Set([
  'BACKEND_UNREACHABLE',
  'BACKEND_TIMEOUT',
  'BACKEND_ERROR',
  'BACKEND_INVALID_RESPONSE',
]);

export const isNodeFault = (err: unknown): boolean =>
  err instanceof ParallaxError && NODE_FAULTS.has(err.code);

/**
 * The nodes of one env's backend, each with a breaker, and the group's recent latency: what the
 * HA merge and the failover group share.
 */
export class ReplicaSet<C> {
  readonly replicas: readonly Replica<C>[];
  private readonly latency = new LatencyWindow();

  constructor(
    clients: readonly C[],
    readonly opts: ReplicaOptions,
  ) {
    if (clients.length === 0) throw new Error('a replica group needs a member');
    this.replicas = clients.map((client, index) => ({
      index,
      client,
      breaker: circuitBreaker(handleWhen(isNodeFault), {
        halfOpenAfter: opts.breakerCooldownMs,
        breaker: new ConsecutiveBreaker(opts.breakerThreshold),
      }),
    }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /** When a silent query node gets a hedge; undefined when hedging is off. */
  hedgeAfter(): number | undefined {
    const { enabled, afterMs } = this.opts.hedge;
    return enabled ? Math.max(afterMs, this.latency.p95() ?? 0) : undefined;
  }

  /**
   * When an HA replica still silent after another answered (`firstMs` after the call) is cut. A cut
   * loses that replica's data for the answer, so the bar is high: a healthy replica under load is
   * rarely 3x slower than its peer.
   */
  cutAfter(firstMs: number): number | undefined {
    const { enabled, cutAfterMs } = this.opts.hedge;
    return enabled ? Math.max(cutAfterMs, 3 * firstMs, 3 * (this.latency.p95() ?? 0)) : undefined;
  }

  /** A half-open node already has its trial call in flight: others skip it instead of queueing. */
  skipped(r: Replica<C>): boolean {
    return r.breaker.state === CircuitState.HalfOpen;
  }

  /**
   * One call on one node under its breaker, aborted when `lost` rejects first (a cut) or by
   * `abort()` (a faster node answered). Successful times feed the group's p95.
   */
  attempt<T>(
    r: Replica<C>,
    call: ReplicaCall<C, T>,
    parent: AbortSignal,
    lost?: Promise<never>,
  ): { result: Promise<T>; abort: () => void } {
    const child = childSignal(parent);
    const abort = (): void => child.abort(new DOMException('another replica answered', 'AbortError'));
    const started = performance.now();
    const result = r.breaker
      .execute(async () => {
        const answer = call(r.client, child.signal);
        const value = await (lost ? Promise.race([answer, lost]) : answer);
        this.latency.add(performance.now() - started);
        return value;
      })
      .catch((err: unknown) => {
        abort();
        throw err;
      })
      .finally(child.release);
    return { result, abort };
  }

  event(event: 'hedged' | 'cut' | 'skipped'): void {
    this.opts.metrics?.replicaEvent(this.opts.env, this.opts.backend, event);
  }

  /** Each node's breaker, for `parallax_replica_breaker_open` (one node: the env's breaker says it all). */
  readings(): BreakerReading[] {
    if (this.replicas.length === 1) return [];
    return this.replicas.map((r) => ({
      env: this.opts.env,
      backend: this.opts.backend,
      replica: r.index,
      state: breakerState(r.breaker),
    }));
  }
}

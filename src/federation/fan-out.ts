import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { ParallaxError, toParallaxError, type BackendKind, type ErrorCode } from '../errors/index.js';
import { timeoutSignal } from '../backends/http/index.js';
import type { ElasticsearchLogs } from '../backends/elasticsearch/index.js';
import type { JaegerClient } from '../backends/jaeger/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { inSpan, type BreakerReading, type GatewayMetrics } from '../telemetry/index.js';
import { breakerState } from './breaker-state.js';
import { getOrCreate } from './get-or-create.js';
import { ServerGroups } from './groups.js';
import { DEFAULT_REPLICA_OPTIONS, type HedgeOptions } from './replicas/index.js';
import type { PrometheusGroup, ResultCacheOptions } from './prometheus/index.js';
import { selectEnvs } from './select.js';
import type { CallOptions, EnvCall, Federated, PerEnv, Selection } from './types.js';

export interface FederationOptions {
  deadlineMs: number;
  concurrency: number;
  /** Calls in flight to one env's backend; the rest wait for that env, not for a global slot (default: half of `concurrency`, at least 2). */
  perEnvConcurrency?: number | undefined;
  /** When a silent query node gets a hedge and a silent HA replica is cut (config `federation.hedge`). */
  hedge?: HedgeOptions;
  /** Another try after a connection-level failure (refused, reset), only in the first half of the deadline. */
  retries?: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Per-env Prometheus answers kept for repeated queries (config `federation.cache`). */
  cache?: ResultCacheOptions;
  metrics?: GatewayMetrics;
  /** Breakers to start from (keyed by breakerKey): a reload hands over those of unchanged envs. */
  breakers?: ReadonlyMap<string, CircuitBreakerPolicy>;
}

/** The key of an env's backend in the breaker map. */
export const breakerKey = (env: string, backend: BackendKind): string => `${backend}\u0000${env}`;

// Errors caused by the user's query say nothing about a backend's health: one caller's expensive
// queries (too large an answer, a query timeout in Prometheus) must not open a breaker for everyone.
const NOT_BACKEND_FAULTS: ReadonlySet<ErrorCode> = new Set([
  'BACKEND_BAD_DATA',
  'BACKEND_RESPONSE_TOO_LARGE',
  'BAD_INPUT',
  'BAD_QUERY',
  'NOT_FOUND',
  'DEADLINE_EXCEEDED',
]);

const RETRY_BACKOFF = new ExponentialBackoff({ initialDelay: 25, maxDelay: 250 });

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ParallaxError };

type Call<T> = (env: string, signal: AbortSignal) => Promise<T>;

/**
 * The one fan-out every signal uses (metrics, traces, logs): env -> backend kind -> replica group,
 * envs in parallel under a per-request deadline, a global concurrency limit and a circuit breaker
 * per env and backend. Every answer is a `Federated` result.
 */
export class Federation {
  private readonly limiter: BulkheadPolicy;
  private readonly breakers: Map<string, CircuitBreakerPolicy>;
  private readonly envLimiters = new Map<string, BulkheadPolicy>();
  readonly groups: ServerGroups;

  constructor(
    readonly envs: EnvRegistry,
    private readonly opts: FederationOptions,
  ) {
    this.limiter = bulkhead(opts.concurrency, Number.MAX_SAFE_INTEGER);
    const metrics = opts.metrics ? { metrics: opts.metrics } : {};
    this.groups = new ServerGroups(envs, opts.cache && { ...opts.cache, ...metrics }, {
      hedge: opts.hedge ?? DEFAULT_REPLICA_OPTIONS.hedge,
      breakerThreshold: opts.breakerThreshold,
      breakerCooldownMs: opts.breakerCooldownMs,
      ...metrics,
    });
    this.breakers = new Map(opts.breakers ?? []);
  }

  /** The breakers created so far, by breakerKey (their state: open, closed, half-open). */
  breakerStates(): ReadonlyMap<string, CircuitBreakerPolicy> {
    return this.breakers;
  }

  /** Every breaker created so far (per env and backend, then per replica) and its state. */
  breakerReadings(): BreakerReading[] {
    const perEnv = [...this.breakers].map(([key, breaker]): BreakerReading => {
      const [backend = '', env = ''] = key.split('\u0000');
      return { env, backend: backend as BackendKind, state: breakerState(breaker) };
    });
    return [...perEnv, ...this.groups.replicaReadings()];
  }

  /** The envs a request names (all with the backend when none), by the one missing-backend rule. */
  select(names: readonly string[] | null | undefined, backend: BackendKind, field = 'envs'): Selection {
    return selectEnvs(this.envs, names, backend, field);
  }

  /** Each selected env's Prometheus (HA group merged). */
  prometheus<T>(
    sel: Selection,
    call: EnvCall<PrometheusGroup, T>,
    opts: CallOptions = {},
  ): Promise<Federated<PerEnv<T>>> {
    return this.run(sel, opts, (env, signal) => call(this.groups.prometheus(env), env, signal));
  }

  /** Each selected env's Jaeger (failover over its query nodes). */
  traces<T>(
    sel: Selection,
    call: EnvCall<JaegerClient, T>,
    opts: CallOptions = {},
  ): Promise<Federated<PerEnv<T>>> {
    return this.run(sel, opts, (env, signal) =>
      this.groups.jaeger(env).call((client, node) => call(client, env, node), signal),
    );
  }

  /** Each selected env's Elasticsearch (failover over its nodes). */
  logs<T>(
    sel: Selection,
    call: EnvCall<ElasticsearchLogs, T>,
    opts: CallOptions = {},
  ): Promise<Federated<PerEnv<T>>> {
    return this.run(sel, opts, (env, signal) =>
      this.groups.logs(env).call((store, node) => call(store, env, node), signal),
    );
  }

  close(): Promise<void> {
    return this.groups.close();
  }

  private async run<T>(sel: Selection, opts: CallOptions, call: Call<T>): Promise<Federated<PerEnv<T>>> {
    const deadlineMs = opts.deadlineMs ?? this.opts.deadlineMs;
    const deadline = timeoutSignal(deadlineMs, opts.signal);
    const signal = deadline.signal;
    const outcomes = await Promise.all(
      sel.envs.map((env) => this.callOne(env, sel.backend, call, signal, deadlineMs)),
    ).finally(deadline.release);
    const result: Federated<PerEnv<T>> = { data: [], errors: [...sel.errors], answered: [], warnings: [] };
    outcomes.forEach((outcome, i) => {
      const env = sel.envs[i] as string;
      if (outcome.ok) {
        result.data.push({ env, value: outcome.value });
        result.answered.push(env);
      } else result.errors.push(outcome.error);
    });
    return result;
  }

  private async callOne<T>(
    env: string,
    backend: BackendKind,
    call: Call<T>,
    signal: AbortSignal,
    deadlineMs: number,
  ): Promise<Outcome<T>> {
    const started = performance.now();
    const attempt = inSpan(`${backend} ${env}`, { 'parallax.env': env, 'parallax.backend': backend }, () =>
      // The env's own slot first: a slow env's waiting calls then hold none of the global slots.
      this.envLimiter(env, backend).execute(() =>
        this.limiter.execute(() => {
          if (signal.aborted) throw new ParallaxError('DEADLINE_EXCEEDED', 'deadline passed while queued');
          return this.breaker(env, backend).execute(() =>
            this.withRetries(started, deadlineMs).execute(() => call(env, signal), signal),
          );
        }),
      ),
    );
    const outcome = await raceDeadline(attempt, signal, env, backend, deadlineMs);
    const seconds = (performance.now() - started) / 1000;
    this.opts.metrics?.backendCall(env, backend, seconds, outcome.ok ? undefined : outcome.error.code);
    return outcome;
  }

  // Idempotent reads only (every backend call here is one); a retry never outlives half the deadline.
  private withRetries(started: number, deadlineMs: number) {
    const retryable = (err: unknown): boolean =>
      err instanceof ParallaxError &&
      err.code === 'BACKEND_UNREACHABLE' &&
      performance.now() - started < deadlineMs / 2;
    return retry(handleWhen(retryable), {
      maxAttempts: this.opts.retries ?? 0,
      backoff: RETRY_BACKOFF,
    });
  }

  private envLimiter(env: string, backend: BackendKind): BulkheadPolicy {
    const { perEnvConcurrency, concurrency } = this.opts;
    const slots = perEnvConcurrency ?? Math.max(2, Math.ceil(concurrency / 2));
    return getOrCreate(this.envLimiters, breakerKey(env, backend), () =>
      bulkhead(slots, Number.MAX_SAFE_INTEGER),
    );
  }

  private breaker(env: string, backend: BackendKind): CircuitBreakerPolicy {
    return getOrCreate(this.breakers, breakerKey(env, backend), () =>
      circuitBreaker(
        handleWhen((err) => !(err instanceof ParallaxError && NOT_BACKEND_FAULTS.has(err.code))),
        {
          halfOpenAfter: this.opts.breakerCooldownMs,
          breaker: new ConsecutiveBreaker(this.opts.breakerThreshold),
        },
      ),
    );
  }
}

/** Settles by the deadline even when a backend call ignores its abort signal. */
async function raceDeadline<T>(
  attempt: Promise<T>,
  signal: AbortSignal,
  env: string,
  backend: BackendKind,
  deadlineMs: number,
): Promise<Outcome<T>> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<Outcome<T>>((resolve) => {
    onAbort = () =>
      resolve({
        ok: false,
        error: new ParallaxError(
          'DEADLINE_EXCEEDED',
          `${backend} of env ${env} gave no answer within the ${deadlineMs} ms deadline`,
          {
            env,
            backend,
          },
        ),
      });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const settled = attempt.then(
    (value): Outcome<T> => ({ ok: true, value }),
    (err: unknown): Outcome<T> => ({ ok: false, error: classify(err, env, backend) }),
  );
  try {
    return await Promise.race([settled, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function classify(err: unknown, env: string, backend: BackendKind): ParallaxError {
  if (err instanceof BrokenCircuitError) {
    return new ParallaxError(
      'CIRCUIT_OPEN',
      `${backend} of env ${env} is failing; skipped until its breaker half-opens`,
      {
        env,
        backend,
      },
    );
  }
  return toParallaxError(err).withEnv(env, backend);
}

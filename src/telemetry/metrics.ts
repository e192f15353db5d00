import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendKind, ErrorCode } from '../errors/index.js';

/** One env backend's circuit breaker, as the federation reports it at scrape time. */
export interface BreakerReading {
  env: string;
  backend: BackendKind;
  /** Set for one replica (HA) or query node of a group: its own breaker. */
  replica?: number;
  state: 'closed' | 'open' | 'half_open' | 'isolated';
}

const BREAKER_VALUE: Record<BreakerReading['state'], number> = {
  closed: 0,
  half_open: 0.5,
  open: 1,
  isolated: 1,
};

/** `live`: the kept settled points of a range reaching now (hit: reused, miss: loaded whole). */
export type CacheTier = 'memory' | 'redis' | 'live';

/** The gateway's own metrics; one registry per app so tests can build several apps. */
export class GatewayMetrics {
  readonly registry = new Registry();
  // Read at scrape time from the current config's federation (rebound on every reload).
  private breakers: () => readonly BreakerReading[] = () => [];
  private readonly breakerOpen = new Gauge({
    name: 'parallax_circuit_breaker_open',
    help: 'Per env and backend: 1 while its circuit breaker is open (calls skipped as CIRCUIT_OPEN), 0.5 half-open, 0 closed.',
    labelNames: ['env', 'backend'],
    registers: [this.registry],
    collect: () => {
      this.breakerOpen.reset();
      for (const b of this.breakers())
        if (b.replica === undefined)
          this.breakerOpen.set({ env: b.env, backend: b.backend }, BREAKER_VALUE[b.state]);
    },
  });
  private readonly replicaBreakerOpen = new Gauge({
    name: 'parallax_replica_breaker_open',
    help: 'Per replica (HA Prometheus) or query node (Jaeger, Elasticsearch) of a group: its own breaker, 1 open (skipped), 0.5 half-open, 0 closed.',
    labelNames: ['env', 'backend', 'replica'],
    registers: [this.registry],
    collect: () => {
      this.replicaBreakerOpen.reset();
      for (const b of this.breakers())
        if (b.replica !== undefined)
          this.replicaBreakerOpen.set(
            { env: b.env, backend: b.backend, replica: String(b.replica) },
            BREAKER_VALUE[b.state],
          );
    },
  });
  private readonly replicaEvents = new Counter({
    name: 'parallax_replica_events_total',
    help: 'Per env and backend: hedged (a second node asked after the p95), cut (an HA replica dropped after the others answered), skipped (breaker open).',
    labelNames: ['env', 'backend', 'event'],
    registers: [this.registry],
  });
  private readonly backendRequests = new Counter({
    name: 'parallax_backend_requests_total',
    help: 'Backend calls per env, backend and outcome (ok or error).',
    labelNames: ['env', 'backend', 'outcome'],
    registers: [this.registry],
  });
  private readonly backendLatency = new Histogram({
    name: 'parallax_backend_request_duration_seconds',
    help: 'Backend call latency per env and backend.',
    labelNames: ['env', 'backend'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly backendErrors = new Counter({
    name: 'parallax_backend_errors_total',
    help: 'Backend call failures per env, backend and error code.',
    labelNames: ['env', 'backend', 'code'],
    registers: [this.registry],
  });
  private readonly graphqlOperations = new Counter({
    name: 'parallax_graphql_operations_total',
    help: 'GraphQL operations by operation name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [this.registry],
  });
  private readonly httpRequests = new Counter({
    name: 'parallax_http_requests_total',
    help: 'HTTP requests by surface and status class.',
    labelNames: ['surface', 'status'],
    registers: [this.registry],
  });

  private readonly cacheLookups = new Counter({
    name: 'parallax_result_cache_total',
    help: 'Result cache lookups per tier (memory, redis, live: the settled points of a range reaching now) and outcome (hit, miss, error: the tier was skipped).',
    labelNames: ['tier', 'outcome'],
    registers: [this.registry],
  });

  constructor(defaults = false) {
    // The event-loop lag monitor wakes the process at this interval; at prom-client's 10 ms an idle
    // gateway spent 1% of a core on it.
    if (defaults)
      collectDefaultMetrics({
        register: this.registry,
        prefix: 'parallax_',
        eventLoopMonitoringPrecision: 100,
      });
  }

  /** Where `parallax_circuit_breaker_open` reads the breakers from (the newest config's federation). */
  watchBreakers(source: () => readonly BreakerReading[]): void {
    this.breakers = source;
  }

  backendCall(env: string, backend: BackendKind, seconds: number, errorCode?: ErrorCode): void {
    this.backendRequests.inc({ env, backend, outcome: errorCode ? 'error' : 'ok' });
    this.backendLatency.observe({ env, backend }, seconds);
    if (errorCode) this.backendErrors.inc({ env, backend, code: errorCode });
  }

  replicaEvent(env: string, backend: BackendKind, event: 'hedged' | 'cut' | 'skipped'): void {
    this.replicaEvents.inc({ env, backend, event });
  }

  graphqlOperation(operation: string, type: string, ok: boolean): void {
    this.graphqlOperations.inc({ operation, type, outcome: ok ? 'ok' : 'error' });
  }

  cacheLookup(tier: CacheTier, outcome: 'hit' | 'miss' | 'error'): void {
    this.cacheLookups.inc({ tier, outcome });
  }

  httpRequest(surface: string, status: number): void {
    this.httpRequests.inc({ surface, status: `${Math.floor(status / 100)}xx` });
  }
}

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendKind, ErrorCode } from '../errors/index.js';

/** The gateway's own metrics; one registry per app so tests can build several apps. */
export class GatewayMetrics {
  readonly registry = new Registry();
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

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'parallax_' });
  }

  backendCall(env: string, backend: BackendKind, seconds: number, errorCode?: ErrorCode): void {
    this.backendRequests.inc({ env, backend, outcome: errorCode ? 'error' : 'ok' });
    this.backendLatency.observe({ env, backend }, seconds);
    if (errorCode) this.backendErrors.inc({ env, backend, code: errorCode });
  }

  graphqlOperation(operation: string, type: string, ok: boolean): void {
    this.graphqlOperations.inc({ operation, type, outcome: ok ? 'ok' : 'error' });
  }

  httpRequest(surface: string, status: number): void {
    this.httpRequests.inc({ surface, status: `${Math.floor(status / 100)}xx` });
  }
}

import { CircuitState, type CircuitBreakerPolicy } from 'cockatiel';
import type { BreakerReading } from '../telemetry/index.js';

const STATE_NAME: Record<CircuitState, BreakerReading['state']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

/** A breaker's state as /metrics and GraphQL `health` name it. */
export const breakerState = (breaker: CircuitBreakerPolicy): BreakerReading['state'] =>
  STATE_NAME[breaker.state];

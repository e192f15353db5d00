import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors/index.js';
import { GatewayMetrics } from '../telemetry/index.js';
import { onPrometheus, testFederation } from './test-envs.js';

describe('circuit breaker state in /metrics', () => {
  it('reports 1 for an env whose breaker opened and 0 for a healthy one', async () => {
    const telemetry = new GatewayMetrics();
    const federation = testFederation({ breakerThreshold: 2, metrics: telemetry });
    telemetry.watchBreakers(() => federation.breakerReadings());
    const down = () => Promise.reject(new ParallaxError('BACKEND_UNREACHABLE', 'down'));
    for (let i = 0; i < 2; i++) await federation.prometheus(onPrometheus('kr-vm'), down);
    await federation.prometheus(onPrometheus('kr-k8s'), () => Promise.resolve(1));

    const text = await telemetry.registry.metrics();
    expect(text).toContain('parallax_circuit_breaker_open{env="kr-vm",backend="prometheus"} 1');
    expect(text).toContain('parallax_circuit_breaker_open{env="kr-k8s",backend="prometheus"} 0');
    const skipped = await federation.prometheus(onPrometheus('kr-vm'), () => Promise.resolve(1));
    expect(skipped.errors.map((e) => e.code)).toEqual(['CIRCUIT_OPEN']);
  });

  it('opens for no caller-made failure: a too-large answer or a query the backend rejects or timed out on', async () => {
    const federation = testFederation({ breakerThreshold: 1 });
    for (const code of ['BACKEND_RESPONSE_TOO_LARGE', 'BACKEND_BAD_DATA', 'BAD_QUERY'] as const) {
      const fails = () => Promise.reject(new ParallaxError(code, 'the caller asked too much'));
      const res = await federation.prometheus(onPrometheus('kr-vm'), fails);
      expect(res.errors.map((e) => e.code)).toEqual([code]);
    }
    expect(federation.breakerReadings()).toEqual([{ env: 'kr-vm', backend: 'prometheus', state: 'closed' }]);
  });
});

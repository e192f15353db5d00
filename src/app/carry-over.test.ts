import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { ParallaxError } from '../errors/index.js';
import { EnvRegistry } from '../envs/index.js';
import { breakerKey, Federation, type Selection } from '../federation/index.js';
import { carriedBreakers } from './carry-over.js';

const yaml = (kVmTimeout: string, threshold = 2): string => `federation: { breakerThreshold: ${threshold} }
envs:
  - name: kr-vm
    prometheus: { url: "http://vm:9090", timeout: ${kVmTimeout} }
  - name: kr-k8s
    prometheus: { url: "http://k8s:9090" }
  - name: jp-k8s
    prometheus: { url: "http://jp:9090" }
`;

const registry = new EnvRegistry(parseConfig(yaml('10s')));
const on = (envs: string[]): Selection => ({ backend: 'prometheus', envs, errors: [] });

async function failingFederation(): Promise<Federation> {
  const federation = new Federation(registry, {
    deadlineMs: 1000,
    concurrency: 4,
    breakerThreshold: 2,
    breakerCooldownMs: 60_000,
  });
  const down = () => Promise.reject(new ParallaxError('BACKEND_UNREACHABLE', 'down'));
  // kr-vm and kr-k8s fail twice (breakers open); jp-k8s is never called (no breaker yet).
  for (let i = 0; i < 2; i++) await federation.prometheus(on(['kr-vm', 'kr-k8s']), down);
  return federation;
}

describe('carriedBreakers', () => {
  it('keeps the breakers of envs whose backend config is unchanged, and only those', async () => {
    const federation = await failingFederation();
    const kept = carriedBreakers(parseConfig(yaml('10s')), parseConfig(yaml('9s')), federation);
    expect([...kept.keys()]).toEqual([breakerKey('kr-k8s', 'prometheus')]);
    expect(kept.get(breakerKey('kr-k8s', 'prometheus'))).toBe(
      federation.breakerStates().get(breakerKey('kr-k8s', 'prometheus')),
    );

    // Handed to the next Federation, the kept breaker is still open: the env is skipped.
    const next = new Federation(registry, {
      deadlineMs: 1000,
      concurrency: 4,
      breakerThreshold: 2,
      breakerCooldownMs: 60_000,
      breakers: kept,
    });
    const res = await next.prometheus(on(['kr-k8s', 'kr-vm']), () => Promise.resolve(1));
    expect(res.errors.map((e) => `${e.env}: ${e.code}`)).toEqual(['kr-k8s: CIRCUIT_OPEN']);
    expect(res.data).toEqual([{ env: 'kr-vm', value: 1 }]);
  });

  it('keeps none when the breaker rules change', async () => {
    const federation = await failingFederation();
    expect(carriedBreakers(parseConfig(yaml('10s')), parseConfig(yaml('10s', 3)), federation).size).toBe(0);
  });
});

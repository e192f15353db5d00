import { describe, expect, it } from 'vitest';
import { onPrometheus, testFederation } from './test-envs.js';

describe('per-env bulkhead', () => {
  it('keeps global slots free for a healthy env while a slow env has calls waiting', async () => {
    const federation = testFederation({ deadlineMs: 60_000, perEnvConcurrency: 2 });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let most = 0;
    const slow = async (): Promise<string> => {
      most = Math.max(most, ++inFlight);
      await gate;
      inFlight--;
      return 'slow';
    };
    const stuck = Array.from({ length: 6 }, () => federation.prometheus(onPrometheus('kr-vm'), slow));
    // Without the env's own bulkhead the 6 slow calls take all 4 global slots and this waits for them.
    const fast = await federation.prometheus(onPrometheus('kr-k8s'), () => Promise.resolve('fast'));
    expect(fast.data).toEqual([{ env: 'kr-k8s', value: 'fast' }]);
    expect(most).toBe(2);
    release();
    const slowResults = await Promise.all(stuck);
    expect(slowResults.map((r) => r.data)).toEqual(Array(6).fill([{ env: 'kr-vm', value: 'slow' }]));
    expect(most).toBe(2);
  });
});

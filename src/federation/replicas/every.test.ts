import { describe, expect, it } from 'vitest';
import { HaGroup } from './every.js';

// The real-server test (a blackholed replica beside a real Prometheus) is test/faults/replicas.test.ts.
const group = (threshold: number) =>
  new HaGroup(['a', 'b'], {
    env: 'e',
    backend: 'prometheus',
    hedge: { enabled: true, afterMs: 5, cutAfterMs: 5 },
    breakerThreshold: threshold,
    breakerCooldownMs: 60_000,
  });
const live = new AbortController().signal;
const silent = (signal: AbortSignal, aborted: () => void): Promise<string> =>
  new Promise((_, reject) =>
    signal.addEventListener('abort', () => (aborted(), reject(new Error('aborted')))),
  );

describe('HaGroup', () => {
  it('cuts a replica still silent after the others answered, aborts it, and then skips it', async () => {
    const ha = group(2);
    let aborts = 0;
    const call = (n: string, signal: AbortSignal) =>
      n === 'a' ? Promise.resolve('a') : silent(signal, () => aborts++);
    for (let i = 0; i < 2; i++) {
      const { values, warnings } = await ha.every(call, live);
      expect(values).toEqual(['a']);
      expect(warnings).toEqual([
        expect.stringMatching(/^env e: replica 1 failed: no answer \d+ ms after another replica/),
      ]);
    }
    expect(aborts).toBe(2);
    const skipped = await ha.every(call, live);
    expect(skipped).toEqual({ values: ['a'], warnings: ['env e: replica 1 skipped: its breaker is open'] });
    expect(aborts).toBe(2);
    expect(ha.set.readings().map((r) => r.state)).toEqual(['closed', 'open']);
  });

  it('keeps every answer that comes in time, and fails only when every replica fails', async () => {
    const ha = group(5);
    expect((await ha.every((n) => Promise.resolve(n), live)).values).toEqual(['a', 'b']);
    const err = new Error('both down');
    await expect(ha.every(() => Promise.reject(err), live)).rejects.toBe(err);
  });
});

import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors/index.js';
import { FailoverGroup } from './failover.js';
import type { ReplicaOptions } from './replica-set.js';

// The real-server failover tests are in test/traces/failures.test.ts and test/logs/logs.test.ts;
// these pin the order, the hedge and which errors move on, which a real server cannot produce on demand.
const down = (node: string): ParallaxError =>
  new ParallaxError('BACKEND_UNREACHABLE', `${node} down`, { env: 'e', backend: 'jaeger' });

const opts = (hedge: boolean, breakerThreshold = 5): ReplicaOptions => ({
  env: 'e',
  backend: 'jaeger',
  hedge: { enabled: hedge, afterMs: 5, cutAfterMs: 5 },
  breakerThreshold,
  breakerCooldownMs: 60_000,
});
const live = new AbortController().signal;
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });

describe('FailoverGroup', () => {
  it('moves on after a node fault and starts with the node that answered last', async () => {
    const calls: string[] = [];
    const group = new FailoverGroup(['a', 'b', 'c'], opts(false));
    const call = (node: string): Promise<string> => {
      calls.push(node);
      return node === 'a' ? Promise.reject(down(node)) : Promise.resolve(node);
    };
    expect(await group.call(call, live)).toBe('b');
    expect(await group.call(call, live)).toBe('b');
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('does not retry a query error, and throws the first node fault when every node fails', async () => {
    const group = new FailoverGroup(['a', 'b'], opts(false));
    const bad = new ParallaxError('BACKEND_BAD_DATA', 'parse error');
    let tries = 0;
    await expect(group.call(() => (tries++, Promise.reject(bad)), live)).rejects.toBe(bad);
    expect(tries).toBe(1);
    await expect(group.call((n) => Promise.reject(down(n)), live)).rejects.toMatchObject({
      message: 'a down',
    });
  });

  it('hedges a node that stays silent past the p95: the next node answers and the silent one is aborted', async () => {
    const group = new FailoverGroup(['a', 'b'], opts(true));
    // Twenty quick answers from a teach the group its p95 (about 0 ms, so the 5 ms floor).
    for (let i = 0; i < 20; i++) await group.call((n) => Promise.resolve(n), live);
    let aborted = false;
    const answer = await group.call(async (node, signal) => {
      if (node === 'b') return 'b';
      await sleep(10_000, signal).catch((err: unknown) => {
        aborted = true;
        throw err;
      });
      return 'a';
    }, live);
    expect(answer).toBe('b');
    expect(aborted).toBe(true);
  });

  it('skips a node whose breaker is open and throws the fault of a node that was asked', async () => {
    const group = new FailoverGroup(['a', 'b'], opts(false, 1));
    const calls: string[] = [];
    expect(
      await group.call(async (n) => (calls.push(n), n === 'a' ? Promise.reject(down(n)) : n), live),
    ).toBe('b');
    await expect(
      group.call(async (n) => (calls.push(n), Promise.reject(down(n))), live),
    ).rejects.toMatchObject({
      message: 'b down',
    });
    expect(calls).toEqual(['a', 'b', 'b']);
    expect(group.set.readings().map((r) => r.state)).toEqual(['open', 'open']);
  });
});

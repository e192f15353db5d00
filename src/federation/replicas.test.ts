import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors/index.js';
import { FailoverGroup } from './replicas.js';

// The real-server failover tests are in test/traces/failures.test.ts and test/logs/logs.test.ts;
// these pin the order and which errors move on, which a real server cannot produce on demand.
const down = (node: string): ParallaxError =>
  new ParallaxError('BACKEND_UNREACHABLE', `${node} down`, { env: 'e', backend: 'jaeger' });

describe('FailoverGroup', () => {
  it('moves on after a node fault and starts with the node that answered last', async () => {
    const calls: string[] = [];
    const group = new FailoverGroup(['a', 'b', 'c']);
    const call = (node: string): Promise<string> => {
      calls.push(node);
      return node === 'a' ? Promise.reject(down(node)) : Promise.resolve(node);
    };
    expect(await group.call(call)).toBe('b');
    expect(await group.call(call)).toBe('b');
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('does not retry a query error, and throws the first node fault when every node fails', async () => {
    const group = new FailoverGroup(['a', 'b']);
    const bad = new ParallaxError('BACKEND_BAD_DATA', 'parse error');
    let tries = 0;
    await expect(group.call(() => (tries++, Promise.reject(bad)))).rejects.toBe(bad);
    expect(tries).toBe(1);
    await expect(group.call((n) => Promise.reject(down(n)))).rejects.toMatchObject({ message: 'a down' });
  });
});

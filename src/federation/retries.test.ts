import { describe, expect, it } from 'vitest';
import { ParallaxError, type ErrorCode } from '../errors/index.js';
import type { Federation } from './fan-out.js';
import { onPrometheus, testFederation } from './test-envs.js';

const sel = onPrometheus('kr-vm');
const federation = (retries: number, deadlineMs = 10_000): Federation =>
  testFederation({ deadlineMs, retries, breakerThreshold: 100 });

/** A backend call that fails with `code` the first `failures` times, then answers. */
function flaky(failures: number, code: ErrorCode = 'BACKEND_UNREACHABLE') {
  const calls = { n: 0 };
  const call = (): Promise<string> =>
    ++calls.n <= failures
      ? Promise.reject(new ParallaxError(code, 'connection reset'))
      : Promise.resolve('ok');
  return { calls, call };
}

describe('retries within the deadline', () => {
  it('tries once more after a reset connection and answers', async () => {
    const { calls, call } = flaky(1);
    const res = await federation(1).prometheus(sel, call);
    expect(res.data).toEqual([{ env: 'kr-vm', value: 'ok' }]);
    expect(calls.n).toBe(2);
  });

  it('gives the typed error without retries, and stops after the configured number', async () => {
    const none = flaky(1);
    const off = await federation(0).prometheus(sel, none.call);
    expect([off.errors.map((e) => [e.code, e.env]), none.calls.n]).toEqual([
      [['BACKEND_UNREACHABLE', 'kr-vm']],
      1,
    ]);
    const twice = flaky(2);
    const once = await federation(1).prometheus(sel, twice.call);
    expect([once.errors.map((e) => e.code), twice.calls.n]).toEqual([['BACKEND_UNREACHABLE'], 2]);
  });

  it('never retries a query error or a backend timeout', async () => {
    for (const code of ['BAD_QUERY', 'BACKEND_TIMEOUT', 'BACKEND_ERROR'] as const) {
      const { calls, call } = flaky(1, code);
      const res = await federation(3).prometheus(sel, call);
      expect([res.errors.map((e) => e.code), calls.n]).toEqual([[code], 1]);
    }
  });

  it('does not start a retry in the second half of the deadline', async () => {
    let n = 0;
    const late = async (): Promise<string> => {
      n++;
      await new Promise((r) => setTimeout(r, 60));
      throw new ParallaxError('BACKEND_UNREACHABLE', 'reset');
    };
    const res = await federation(3, 100).prometheus(sel, late);
    expect([res.errors.map((e) => e.code), n]).toEqual([['BACKEND_UNREACHABLE'], 1]);
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors/index.js';
import { ByteBudget, withBufferBudgets } from './budget.js';
import { readCapped } from './read-body.js';
import type { HttpTarget } from './target.js';

const target: HttpTarget = {
  env: 'kr-vm',
  backend: 'prometheus',
  baseUrl: 'http://unused',
  headers: {},
  timeoutMs: 1000,
  maxBytes: 100,
};

/** A body of `chunks` chunks of `size` bytes ('a'), counting how many were pulled from it. */
function body(chunks: number, size: number): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = new Readable({
    read() {
      if (pulled === chunks) return void this.push(null);
      pulled++;
      this.push(Buffer.alloc(size, 0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

async function failure(p: Promise<unknown>): Promise<ParallaxError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ParallaxError)) throw new Error(`expected a ParallaxError, got ${String(err)}`);
  return err;
}

describe('readCapped', () => {
  it('returns a body up to the cap whole', async () => {
    const { stream } = body(10, 10);
    expect(await readCapped(stream, target, undefined)).toBe('a'.repeat(100));
  });

  it('cuts a body at the cap: stops pulling and destroys the stream', async () => {
    const { stream, pulled } = body(1000, 10);
    const err = await failure(readCapped(stream, target, undefined));
    expect(err.code).toBe('BACKEND_RESPONSE_TOO_LARGE');
    expect(err.message).toBe('prometheus of env kr-vm: response larger than 100 bytes');
    expect(err.env).toBe('kr-vm');
    expect(stream.destroyed).toBe(true);
    expect(pulled()).toBeLessThan(20);
  });

  it('refuses a Content-Length above the cap before reading anything', async () => {
    const { stream, pulled } = body(1000, 10);
    const err = await failure(readCapped(stream, target, 101));
    expect(err.code).toBe('BACKEND_RESPONSE_TOO_LARGE');
    expect(stream.destroyed).toBe(true);
    expect(pulled()).toBe(0);
  });

  it('charges the request budget while reading and gives it back after', async () => {
    const budgets = { request: new ByteBudget(150), global: new ByteBudget(1000) };
    const first = await withBufferBudgets(budgets, () => readCapped(body(9, 10).stream, target, undefined));
    expect(first).toHaveLength(90);
    expect(budgets.request.inUse).toBe(0);
    expect(budgets.global.inUse).toBe(0);
    // Two answers read at once for one request: together they exceed its 150 bytes.
    const both = withBufferBudgets(budgets, () =>
      Promise.allSettled([
        readCapped(body(9, 10).stream, target, undefined),
        readCapped(body(9, 10).stream, target, undefined),
      ]),
    );
    const reasons = (await both).flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as Error).message] : [],
    );
    // The one that crossed the line fails; the other may too if it asks before the bytes come back.
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    for (const r of reasons)
      expect(r).toBe('prometheus of env kr-vm: answers of this request exceed 150 buffered bytes');
    expect(budgets.request.inUse).toBe(0);
  });

  it('refuses when the gateway-wide budget is spent by other requests', async () => {
    const global = new ByteBudget(100);
    expect(global.take(95)).toBe(true); // held by another request
    const budgets = { request: new ByteBudget(1000), global };
    const err = await failure(
      withBufferBudgets(budgets, () => readCapped(body(2, 10).stream, target, undefined)),
    );
    expect(err.message).toBe(
      'prometheus of env kr-vm: the gateway already buffers 100 bytes of backend answers',
    );
    expect(global.inUse).toBe(95);
    expect(budgets.request.inUse).toBe(0);
  });
});

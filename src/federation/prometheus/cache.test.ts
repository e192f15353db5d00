import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../backends/prometheus/index.js';
import { ResultCache } from './cache.js';

const NOW = 10_000_000;
const answer = (v: number, warnings: string[] = []): QueryResult => ({
  data: { type: 'vector', series: [{ labels: {}, points: [{ t: 0, v }] }] },
  warnings,
});
const live = new AbortController().signal;

describe('ResultCache', () => {
  it('keeps settled complete answers; never the open end, warnings or failures', async () => {
    const cache = new ResultCache({ maxPoints: 1000, settleMs: 60_000, now: () => NOW });
    let loads = 0;
    const load = (v: number, warnings?: string[]) => () => (loads++, Promise.resolve(answer(v, warnings)));
    await cache.get('settled', NOW - 60_000, live, load(1));
    expect(await cache.get('settled', NOW - 60_000, live, load(2))).toEqual(answer(1));
    await cache.get('open', NOW - 59_999, live, load(3));
    expect(await cache.get('open', NOW - 59_999, live, load(4))).toEqual(answer(4));
    await cache.get('now', undefined, live, load(5));
    expect(await cache.get('now', undefined, live, load(6))).toEqual(answer(6));
    await cache.get('partial', 0, live, load(7, ['replica 1 failed']));
    expect(await cache.get('partial', 0, live, load(8))).toEqual(answer(8));
    await expect(cache.get('failed', 0, live, () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cache.get('failed', 0, live, load(9))).toEqual(answer(9));
    expect(loads).toBe(8);
  });

  it('identical queries in flight share one call; a joiner whose leader went away loads itself', async () => {
    const cache = new ResultCache({ maxPoints: 0, settleMs: 0 });
    let loads = 0;
    let release: (r: QueryResult) => void = () => undefined;
    const slow = () => (loads++, new Promise<QueryResult>((resolve) => (release = resolve)));
    const [a, b] = [cache.get('k', 0, live, slow), cache.get('k', 0, live, slow)];
    release(answer(1));
    expect(await Promise.all([a, b])).toEqual([answer(1), answer(1)]);
    expect(loads).toBe(1);
    const gone = new AbortController();
    const leader = cache.get('k', 0, gone.signal, () => Promise.reject(new Error('aborted')));
    gone.abort();
    const joiner = cache.get('k', 0, live, () => Promise.resolve(answer(2)));
    await expect(leader).rejects.toThrow('aborted');
    expect(await joiner).toEqual(answer(2));
  });
});

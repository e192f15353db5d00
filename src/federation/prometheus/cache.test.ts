import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../backends/prometheus/index.js';
import { ResultCache } from './cache.js';
import { answerBody } from './codec.js';
import type { Lookup, SharedTier } from './shared-tier.js';

const NOW = 10_000_000;
const answer = (v: number, warnings: string[] = []): QueryResult => ({
  data: { type: 'vector', series: [{ labels: {}, points: [{ t: 0, v }] }] },
  warnings,
});
const live = new AbortController().signal;

const get = (
  cache: ResultCache,
  key: string,
  lastMs: number | undefined,
  load: () => Promise<QueryResult>,
  signal = live,
) => cache.get({ key, lastMs, load, decode: (text) => JSON.parse(text) as QueryResult }, signal);

/** The shared tier's contract over a Map (the Redis one is tested on a real redis-server). */
class MapTier implements SharedTier {
  readonly map = new Map<string, string>();
  down = false;
  get(key: string): Promise<Lookup> {
    if (this.down) return Promise.resolve('error');
    const text = this.map.get(key);
    return Promise.resolve(text === undefined ? 'miss' : { text });
  }
  set(key: string, value: string): void {
    if (!this.down) this.map.set(key, value);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('ResultCache', () => {
  it('keeps settled complete answers; never the open end, warnings or failures', async () => {
    const cache = new ResultCache({ maxPoints: 1000, settleMs: 60_000, now: () => NOW });
    let loads = 0;
    const load = (v: number, warnings?: string[]) => () => (loads++, Promise.resolve(answer(v, warnings)));
    await get(cache, 'settled', NOW - 60_000, load(1));
    expect(await get(cache, 'settled', NOW - 60_000, load(2))).toEqual(answer(1));
    await get(cache, 'open', NOW - 59_999, load(3));
    expect(await get(cache, 'open', NOW - 59_999, load(4))).toEqual(answer(4));
    await get(cache, 'now', undefined, load(5));
    expect(await get(cache, 'now', undefined, load(6))).toEqual(answer(6));
    await get(cache, 'partial', 0, load(7, ['replica 1 failed']));
    expect(await get(cache, 'partial', 0, load(8))).toEqual(answer(8));
    await expect(get(cache, 'failed', 0, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await get(cache, 'failed', 0, load(9))).toEqual(answer(9));
    expect(loads).toBe(8);
  });

  it('identical queries in flight share one call; a joiner whose leader went away loads itself', async () => {
    const cache = new ResultCache({ maxPoints: 0, settleMs: 0 });
    let loads = 0;
    let release: (r: QueryResult) => void = () => undefined;
    const slow = () => (loads++, new Promise<QueryResult>((resolve) => (release = resolve)));
    const [a, b] = [get(cache, 'k', 0, slow), get(cache, 'k', 0, slow)];
    release(answer(1));
    expect(await Promise.all([a, b])).toEqual([answer(1), answer(1)]);
    expect(loads).toBe(1);
    const gone = new AbortController();
    const leader = get(cache, 'k', 0, () => Promise.reject(new Error('aborted')), gone.signal);
    gone.abort();
    const joiner = get(cache, 'k', 0, () => Promise.resolve(answer(2)));
    await expect(leader).rejects.toThrow('aborted');
    expect(await joiner).toEqual(answer(2));
  });

  it('a second cache over the same shared tier answers from it; partial answers are not shared', async () => {
    const tier = new MapTier();
    const opts = { maxPoints: 1000, settleMs: 60_000, now: () => NOW, shared: tier };
    const [first, second] = [new ResultCache(opts), new ResultCache(opts)];
    await get(first, 'settled', 0, () => Promise.resolve(answer(1)));
    await get(first, 'partial', 0, () => Promise.resolve(answer(2, ['replica 1 failed'])));
    await get(first, 'open', NOW, () => Promise.resolve(answer(3)));
    expect(tier.map.get('settled')).toBe(answerBody(answer(1)));
    expect([...tier.map.keys()]).toEqual(['settled']);
    const failing = () => Promise.reject(new Error('the backend was asked'));
    expect(await get(second, 'settled', 0, failing)).toEqual(JSON.parse(answerBody(answer(1))));
  });

  it('a shared tier that is down or holds garbage reads as a miss', async () => {
    const tier = new MapTier();
    const cache = new ResultCache({ maxPoints: 0, settleMs: 0, now: () => NOW, shared: tier });
    tier.map.set('garbage', '{not json');
    expect(await get(cache, 'garbage', 0, () => Promise.resolve(answer(1)))).toEqual(answer(1));
    tier.down = true;
    expect(await get(cache, 'down', 0, () => Promise.resolve(answer(2)))).toEqual(answer(2));
  });
});

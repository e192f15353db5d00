import { describe, expect, it } from 'vitest';
import { joinTimes, SampleCache } from './sample-cache.js';

const times = (from: number, to: number, step = 10): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += step) out.push(t);
  return out;
};

describe('SampleCache', () => {
  const cache = (maxPoints = 1000) => new SampleCache({ maxPoints, settleMs: 100, now: () => 1000 });

  it('keeps the settled part of a span, and a later span reads only what came after it', () => {
    const c = cache();
    c.keep('k', { start: 0, end: 1000 }, new Map([['a', times(0, 1000)]]));
    // Settled up to 900: a span from 500 gets 500..900 from memory and reads after 900.
    const known = c.known('k', { start: 500, end: 1200 });
    expect(known.after).toBe(900);
    expect(known.times.get('a')).toEqual(times(500, 900));
    const joined = joinTimes(
      known.times,
      new Map([
        ['a', times(880, 1200)],
        ['b', [1100]],
      ]),
      known.after,
    );
    expect(joined.get('a')).toEqual(times(500, 1200));
    expect(joined.get('b')).toEqual([1100]);
  });

  it('answers a span inside what it holds without reading, and misses one starting outside it', () => {
    const c = cache();
    c.keep(
      'k',
      { start: 0, end: 800 },
      new Map([
        ['a', times(0, 800)],
        ['gone', [5]],
      ]),
    );
    const inside = c.known('k', { start: 100, end: 300 });
    expect(inside.after).toBe(300);
    expect(inside.times.get('a')).toEqual(times(100, 300));
    // A series with no sample in the span is absent, not an empty (silent) series.
    expect(inside.times.has('gone')).toBe(false);
    expect(c.known('k', { start: 850, end: 900 })).toEqual({ times: new Map(), after: 849 });
    expect(c.known('other', { start: 100, end: 300 }).after).toBe(99);
  });

  it('joins a later span to what it holds from earlier, so an earlier start still finds it', () => {
    const c = cache();
    c.keep('k', { start: 0, end: 400 }, new Map([['a', times(0, 400)]]));
    c.keep(
      'k',
      { start: 300, end: 800 },
      new Map([
        ['a', times(300, 800)],
        ['b', [700]],
      ]),
    );
    const known = c.known('k', { start: 0, end: 900 });
    expect(known.after).toBe(800);
    expect(known.times.get('a')).toEqual(times(0, 800));
    expect(known.times.get('b')).toEqual([700]);
    // A span not reaching what is held replaces it.
    c.keep('k', { start: 850, end: 880 }, new Map([['a', [850, 860]]]));
    expect(c.known('k', { start: 0, end: 900 }).after).toBe(-1);
  });

  it('keeps nothing unsettled, and nothing at all when off', () => {
    const c = cache();
    c.keep('k', { start: 950, end: 1000 }, new Map([['a', [950, 960]]]));
    expect(c.known('k', { start: 950, end: 1000 }).after).toBe(949);
    const off = cache(0);
    off.keep('k', { start: 0, end: 500 }, new Map([['a', [1]]]));
    expect(off.known('k', { start: 0, end: 500 }).after).toBe(-1);
  });
});

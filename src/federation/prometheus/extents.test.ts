import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RangeQuery, RawQueryResult } from '../../backends/prometheus/index.js';
import { RangeExtents } from './extents.js';
import { readSeries } from './test-series.js';

const STEP = 15_000;

/** A backend whose series exist over stretches of time, each point a function of series and time. */
function backend(series: readonly { id: number; from: number; to: number }[]) {
  const asked: RangeQuery[] = [];
  const load = (q: RangeQuery): Promise<RawQueryResult> => {
    asked.push(q);
    const texts = series.flatMap(({ id, from, to }) => {
      const samples: string[] = [];
      for (let t = q.start; t <= q.end; t += q.step)
        if (t >= from && t <= to) samples.push(`[${t / 1000},"${(id * 7 + t / STEP) % 11}"]`);
      return samples.length ? [`{"metric":{"id":"${id}"},"values":[${samples.join(',')}]}`] : [];
    });
    return Promise.resolve({ raw: true, resultType: 'matrix', result: `[${texts.join(',')}]` });
  };
  return { load, asked };
}

const parsed = (a: { result: string } | undefined) =>
  readSeries(a ? (JSON.parse(a.result) as unknown[]).map((s) => JSON.stringify(s)) : []).sort((x, y) =>
    JSON.stringify(x.labels).localeCompare(JSON.stringify(y.labels)),
  );

describe('RangeExtents (a live dashboard refreshing)', () => {
  it('answers every refresh as the whole query would, loading only after the kept points', async () => {
    const T0 = 1_800_000_000_000;
    const settle = 5 * 60_000;
    const series = fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 0, max: 5 }),
        from: fc.integer({ min: 0, max: 400 }),
        len: fc.integer({ min: 0, max: 400 }),
      }),
      { maxLength: 5, selector: (s) => s.id },
    );
    // Each refresh moves now and the window by whole steps (Grafana aligns them); the window may shrink or grow.
    const moves = fc.array(
      fc.record({
        now: fc.integer({ min: 0, max: 12 }),
        start: fc.integer({ min: -2, max: 12 }),
        end: fc.integer({ min: -2, max: 12 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(series, moves, async (ss, steps) => {
        const b = backend(
          ss.map((s) => ({ id: s.id, from: T0 + s.from * STEP, to: T0 + (s.from + s.len) * STEP })),
        );
        let now = T0 + 240 * STEP;
        const extents = new RangeExtents({ maxPoints: 1e6, settleMs: settle, now: () => now });
        let q: RangeQuery = { query: 'x', start: T0 + 60 * STEP, end: now, step: STEP };
        for (const m of [{ now: 0, start: 0, end: 0 }, ...steps]) {
          now += m.now * STEP;
          const start = q.start + m.start * STEP;
          const end = Math.max(start, Math.min(now, q.end + m.end * STEP));
          q = { ...q, start, end };
          const asked = b.asked.length;
          const got = await extents.query('k', q, b.load);
          const whole = await b.load(q);
          b.asked.pop();
          expect(parsed(got as RawQueryResult)).toEqual(parsed(whole));
          // What was loaded starts after the kept points, and never before the query.
          for (const a of b.asked.slice(asked)) {
            expect(a.start).toBeGreaterThanOrEqual(q.start);
            expect(a.end).toBe(q.end);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loads only the unsettled rest on a refresh, and nothing when a repeat adds nothing', async () => {
    const T0 = 1_800_000_000_000;
    const b = backend([{ id: 1, from: T0, to: T0 + 1000 * STEP }]);
    let now = T0 + 400 * STEP;
    const extents = new RangeExtents({ maxPoints: 1e6, settleMs: 20 * STEP, now: () => now });
    const q = { query: 'x', start: T0, end: now, step: STEP };
    await extents.query('k', q, b.load);
    now += 4 * STEP;
    await extents.query('k', { ...q, start: T0 + 4 * STEP, end: now }, b.load);
    // The first call kept up to now - settle; the second loads from the step after it.
    expect(b.asked.map((a) => (a.start - T0) / STEP)).toEqual([0, 381]);
  });
});

describe('RangeExtents: late data', () => {
  it('reuses kept points for at most settle after they were loaded, then loads the whole window', async () => {
    const T0 = 1_800_000_000_000;
    const b = backend([{ id: 1, from: T0, to: T0 + 1000 * STEP }]);
    let now = T0 + 400 * STEP;
    const extents = new RangeExtents({ maxPoints: 1e6, settleMs: 20 * STEP, now: () => now });
    for (let i = 0; i < 7; i++) {
      await extents.query('k', { query: 'x', start: T0 + i * 4 * STEP, end: now, step: STEP }, b.load);
      now += 4 * STEP;
    }
    // Loaded whole at refresh 0, and again at refresh 6: 24 steps after the first load, more than
    // settle (20 steps); refresh 5 (20 steps after) still only loads the rest.
    expect(b.asked.map((a) => (a.start - T0) / STEP)).toEqual([0, 381, 385, 389, 393, 397, 24]);
  });
});

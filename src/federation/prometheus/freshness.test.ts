import { describe, expect, it } from 'vitest';
import { completeness, probeRange } from './freshness.js';

const S = 15_000;
const times = (from: number, to: number, offset = 0): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += S) out.push(t + offset);
  return out;
};
const W = 5 * 60_000;
const range = { start: 0, end: 3_600_000 };

describe('completeness of HA replicas', () => {
  it('aligned replicas: a window missing one sample another replica holds is incomplete', () => {
    const full = times(0, 3_600_000);
    const gapped = full.filter((t) => t < 1_200_000 || t > 1_800_000);
    const [a, b] = completeness([gapped, full], range, W);
    // One scrape into the gap: the replica lacks exactly the sample at 1_200_000.
    expect(a?.(1_200_000 + 7_000)).toBe(false);
    expect(a?.(1_200_000 - 8_000)).toBe(true);
    // Until the window has left the gap entirely (1_800_000 is the last missing sample).
    expect(a?.(1_800_000 + W)).toBe(false);
    expect(a?.(1_800_000 + W + 1)).toBe(true);
    expect(b?.(1_500_000)).toBe(true);
  });

  it('replicas scraping at their own offsets: only a silence longer than 1.5 intervals counts', () => {
    const a = times(0, 3_600_000).filter((t) => t < 1_200_000 || t > 1_800_000);
    const b = times(0, 3_600_000, 7_000);
    const [ca, cb] = completeness([a, b], range, W);
    expect(ca?.(1_000_000)).toBe(true);
    expect(ca?.(1_300_000)).toBe(false);
    expect(cb?.(1_300_000)).toBe(true);
  });

  it('a replica whose probe failed is unknown, never complete', () => {
    expect(completeness([undefined, times(0, 60_000)], range, W)[0]).toBeUndefined();
  });

  it('the probe range reaches back one window and stays under 11,000 points', () => {
    expect(probeRange(1_000_000, 2_000_000, 60_000, W)).toEqual({ start: 700_000, end: 2_000_000, step: S });
    const week = probeRange(0, 7 * 86_400_000, 3_600_000, W);
    expect((week.end - week.start) / week.step).toBeLessThanOrEqual(11_000);
  });
});

/** The samples every Prometheus of the bench holds; known values so the answers can be checked. */
import type { PromSample } from '../../test/harness/index.js';

export const STEP_MS = 15_000;
export const WIDE_SERIES = 5_000;
const WIDE_STEP_MS = 60_000;

export interface Window {
  start: number;
  end: number;
}

/** A half-open [from, to) stretch in which one HA replica has no samples. */
export type Gap = Window;

const inGap = (t: number, gaps: readonly Gap[]): boolean => gaps.some((g) => t >= g.start && t < g.end);

/** 6 gauges `bench_gauge{instance=i1..i6}` every 15 s; `seed` makes each env's values its own. */
export function gauges(seed: number, w: Window, gaps: readonly Gap[] = []): PromSample[] {
  const out: PromSample[] = [];
  for (let i = 1; i <= 6; i++) {
    for (let t = w.start; t <= w.end; t += STEP_MS) {
      if (!inGap(t, gaps))
        out.push({ name: 'bench_gauge', labels: { instance: `i${i}` }, t, v: (seed * i * t) % 997 });
    }
  }
  return out;
}

/** 6 counters `bench_requests_total` growing by a varying amount each scrape: rate() differs minute to minute. */
export function counters(w: Window, gaps: readonly Gap[] = []): PromSample[] {
  const out: PromSample[] = [];
  for (let i = 1; i <= 6; i++) {
    let v = 0;
    for (let t = w.start; t <= w.end; t += STEP_MS) {
      v += i + ((t / STEP_MS) % 7);
      if (!inGap(t, gaps)) out.push({ name: 'bench_requests_total', labels: { instance: `i${i}` }, t, v });
    }
  }
  return out;
}

/** 5,000 gauges `bench_wide{instance=w0..}` every minute: the large matrix. */
export function wide(w: Window): PromSample[] {
  const out: PromSample[] = [];
  for (let i = 0; i < WIDE_SERIES; i++) {
    for (let t = w.start; t <= w.end; t += WIDE_STEP_MS)
      out.push({
        name: 'bench_wide',
        labels: { instance: `w${i}` },
        t,
        v: (i * 31 + t / WIDE_STEP_MS) % 1009,
      });
  }
  return out;
}

/** Compares a gateway's matrix with the one a single Prometheus holding all the data returns. */
import type { PromSeries } from './client.js';

export interface Diff {
  points: number;
  missing: number;
  extra: number;
  differ: number;
  /** timestamps (s) where the gateway is wrong */
  bad: number[];
}

const key = (metric: Record<string, string>, drop: readonly string[]): string =>
  JSON.stringify(
    Object.entries(metric)
      .filter(([k]) => !drop.includes(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

function points(series: readonly PromSeries[], drop: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) {
    const k = key(s.metric, drop);
    for (const [t, v] of s.values ?? (s.value ? [s.value] : [])) out.set(`${k}@${t}`, Number(v));
  }
  return out;
}

const same = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** `drop`: labels the comparison ignores (the HA replica label, the env label a gateway adds). */
export function diff(want: readonly PromSeries[], got: readonly PromSeries[], drop: readonly string[]): Diff {
  const [w, g] = [points(want, drop), points(got, drop)];
  const bad = new Set<number>();
  const at = (k: string): number => Number(k.slice(k.lastIndexOf('@') + 1));
  let [missing, extra, differ] = [0, 0, 0];
  for (const [k, v] of w) {
    const gv = g.get(k);
    if (gv === undefined) missing++;
    else if (!same(v, gv)) differ++;
    else continue;
    bad.add(at(k));
  }
  for (const k of g.keys()) {
    if (w.has(k)) continue;
    extra++;
    bad.add(at(k));
  }
  return { points: w.size, missing, extra, differ, bad: [...bad].sort((a, b) => a - b) };
}

/** "+15m..+19.75m, +35m" relative to the window start: where in the hour the wrong points sit. */
function spans(ts: readonly number[], startS: number, stepS: number): string {
  const out: string[] = [];
  const m = (t: number): string => `+${(t - startS) / 60}m`;
  for (let i = 0; i < ts.length; i++) {
    const first = ts[i] as number;
    while (i + 1 < ts.length && (ts[i + 1] as number) - (ts[i] as number) <= stepS) i++;
    const last = ts[i] as number;
    out.push(first === last ? m(first) : `${m(first)}..${m(last)}`);
  }
  return out.join(', ');
}

export function describe(d: Diff, startS: number, stepS: number): string {
  if (d.missing + d.extra + d.differ === 0) return `exact (${d.points} points)`;
  const parts = [
    d.differ ? `${d.differ} differ` : '',
    d.missing ? `${d.missing} missing` : '',
    d.extra ? `${d.extra} extra` : '',
  ].filter(Boolean);
  return `${parts.join(', ')} of ${d.points} points, at ${d.bad.length} timestamps: ${spans(d.bad, startS, stepS)}`;
}

import { at } from './at.js';

/** The finite values only: NaN and ±Infinity carry no usable measurement. */
export function finiteValues(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

function sortedFinite(values: readonly number[]): number[] {
  return finiteValues(values).sort((a, b) => a - b);
}

/** numpy's _lerp: switches endpoint for t >= 0.5 so that t = 1 returns b exactly. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Quantile of already sorted values with numpy's default 'linear' method. */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0 || !(q >= 0 && q <= 1)) return Number.NaN;
  const index = (sorted.length - 1) * q;
  const below = Math.floor(index);
  const above = Math.min(below + 1, sorted.length - 1);
  return lerp(at(sorted, below), at(sorted, above), index - below);
}

/** Quantile (0 <= q <= 1) of the finite values, numpy's default linear interpolation; NaN when none. */
export function quantile(values: readonly number[], q: number): number {
  return sortedQuantile(sortedFinite(values), q);
}

/** Median of already sorted values; the two middle values are averaged like numpy.median. */
export function sortedMedian(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? at(sorted, mid) : (at(sorted, mid - 1) + at(sorted, mid)) / 2;
}

/** Median of the finite values; NaN when none. */
export function median(values: readonly number[]): number {
  return sortedMedian(sortedFinite(values));
}

/** Arithmetic mean of the finite values; NaN when none. */
export function mean(values: readonly number[]): number {
  const finite = finiteValues(values);
  if (finite.length === 0) return Number.NaN;
  return finite.reduce((sum, v) => sum + v, 0) / finite.length;
}

/** Smallest finite value; NaN when none. */
export function min(values: readonly number[]): number {
  const finite = finiteValues(values);
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => Math.min(a, b));
}

/** Largest finite value; NaN when none. */
export function max(values: readonly number[]): number {
  const finite = finiteValues(values);
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => Math.max(a, b));
}

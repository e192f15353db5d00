import { at } from './at.js';

/** Returns the k-th smallest (1-based) of all differences y_j - x_i. */
export type DifferenceSelector = (k: number) => number;

/** Up to this many pairs the differences are materialised and sorted; beyond it they are selected implicitly
 * (a few O(n1 + n2) passes: cheaper from a few thousand pairs on, e.g. span durations of 200 x 200). */
export const MATERIALIZE_LIMIT = 10_000;

function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function materializedSelector(xs: Float64Array, ys: Float64Array): DifferenceSelector {
  const diffs = new Float64Array(xs.length * ys.length);
  let n = 0;
  for (const y of ys) for (const x of xs) diffs[n++] = y - x;
  diffs.sort();
  return (k) => at(diffs, k - 1);
}

/** Pairs with y - x <= d, in O(n1 + n2): for rising y the first qualifying x index only moves right. */
function countAtMost(xs: Float64Array, ys: Float64Array, d: number): number {
  let i = 0;
  let count = 0;
  for (const y of ys) {
    while (i < xs.length && y - at(xs, i) > d) i++;
    count += xs.length - i;
  }
  return count;
}

/** The differences lo < y - x <= hi, sorted; for each y they are a contiguous run of x, found by two pointers. */
function differencesBetween(xs: Float64Array, ys: Float64Array, lo: number, hi: number): number[] {
  const found: number[] = [];
  let start = 0;
  let end = 0;
  for (const y of ys) {
    while (start < xs.length && y - at(xs, start) > hi) start++;
    while (end < xs.length && y - at(xs, end) > lo) end++;
    for (let i = start; i < end; i++) found.push(y - at(xs, i));
  }
  return found.sort((a, b) => a - b);
}

/**
 * Exact order statistics without materialising n1·n2 pairs: bisect on the value until at most
 * n1 + n2 differences remain between the brackets, then sort just those. Each step costs O(n1 + n2).
 */
function implicitSelector(xs: Float64Array, ys: Float64Array): DifferenceSelector {
  const cap = xs.length + ys.length;
  const minDiff = at(ys, 0) - at(xs, xs.length - 1);
  const maxDiff = at(ys, ys.length - 1) - at(xs, 0);
  return (k) => {
    let lo = minDiff;
    let countLo = countAtMost(xs, ys, lo);
    if (countLo >= k) return lo;
    let hi = maxDiff;
    let countHi = xs.length * ys.length;
    while (countHi - countLo > cap) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) return hi; // adjacent doubles: every difference in (lo, hi] equals hi
      const countMid = countAtMost(xs, ys, mid);
      if (countMid >= k) [hi, countHi] = [mid, countMid];
      else [lo, countLo] = [mid, countMid];
    }
    return at(differencesBetween(xs, ys, lo, hi), k - countLo - 1);
  };
}

/** Order statistics of the pairwise differences y_j - x_i (inputs must be finite and non-empty). */
export function pairwiseDifferenceSelector(
  x: readonly number[],
  y: readonly number[],
  materializeLimit = MATERIALIZE_LIMIT,
): DifferenceSelector {
  const xs = sortedCopy(x);
  const ys = sortedCopy(y);
  return xs.length * ys.length <= materializeLimit ? materializedSelector(xs, ys) : implicitSelector(xs, ys);
}

import { at } from './at.js';

export interface RankResult {
  /** 1-based ranks in input order; tied values share the average of their ranks. */
  ranks: number[];
  /** Sizes of the groups of tied values (only groups larger than one). */
  tieSizes: number[];
}

/** Average ranks with tie groups, as SciPy's rankdata(method='average'). */
export function averageRanks(values: readonly number[]): RankResult {
  const order = values.map((_, i) => i).sort((a, b) => at(values, a) - at(values, b));
  const valueAt = (k: number): number => at(values, at(order, k));
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && valueAt(end + 1) === valueAt(start)) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[at(order, k)] = rank;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

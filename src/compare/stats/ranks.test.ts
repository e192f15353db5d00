import { describe, expect, it } from 'vitest';
import { averageRanks } from './ranks.js';

describe('averageRanks', () => {
  it('averages tied ranks and reports tie groups', () => {
    expect(averageRanks([10, 20, 10, 30, 20, 20])).toEqual({
      ranks: [1.5, 4, 1.5, 6, 4, 4],
      tieSizes: [2, 3],
    });
  });

  it('ranks distinct values 1..n', () => {
    expect(averageRanks([3, 1, 2])).toEqual({ ranks: [3, 1, 2], tieSizes: [] });
    expect(averageRanks([])).toEqual({ ranks: [], tieSizes: [] });
  });
});

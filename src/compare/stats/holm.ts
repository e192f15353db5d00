/**
 * Holm-Bonferroni adjusted p-values, in the input order: step-down p(i)·(m - i + 1), kept monotone and
 * capped at 1. Rejecting where adjusted < alpha controls the family-wise error rate at alpha.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    out[i] = running;
  });
  return out;
}

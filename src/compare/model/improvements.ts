import { SIGNAL_LABEL, signedMs } from './labels.js';
import type { OperationComparison, SignalComparison } from './types.js';

function signalLine(s: SignalComparison): string {
  if (s.name === 'error_ratio' || s.name === 'availability') {
    const [b, c] = [s.baselineMedian ?? 0, s.candidateMedian ?? 0];
    return `${SIGNAL_LABEL[s.name]} ${(b * 100).toFixed(2)}% -> ${(c * 100).toFixed(2)}%`;
  }
  return `${SIGNAL_LABEL[s.name]} ${signedMs(s.shift ?? 0)}`;
}

/** What got better beyond its tolerance: signals first, then span operations. Never a failure. */
export function improvementsOf(
  signals: readonly SignalComparison[],
  operations: readonly OperationComparison[],
): string[] {
  const fromSignals = signals.filter((s) => s.improved).map(signalLine);
  const fromOps = operations
    .filter((op) => op.judgement.improved)
    .map((op) => `operation \`${op.operation}\` ${signedMs(op.judgement.shiftMs ?? 0)}`);
  return [...fromSignals, ...fromOps];
}

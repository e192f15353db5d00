import type { ComparedSignal } from './types.js';

/** How a signal reads in verdict reasons and culprit lines. */
export const SIGNAL_LABEL: Record<ComparedSignal, string> = {
  request_rate: 'request rate',
  error_ratio: 'error ratio',
  availability: 'availability',
  latency_p50: 'p50 latency',
  latency_p90: 'p90 latency',
  latency_p99: 'p99 latency',
  trace_operations: 'trace operations',
  error_logs: 'error logs',
};

export const isLatency = (s: ComparedSignal): s is 'latency_p50' | 'latency_p90' | 'latency_p99' =>
  s === 'latency_p50' || s === 'latency_p90' || s === 'latency_p99';

export const isErrorSignal = (s: ComparedSignal): s is 'error_ratio' | 'availability' =>
  s === 'error_ratio' || s === 'availability';

/** "+5.1 ms", "-0.3 ms": a signed millisecond delta. */
export function signedMs(ms: number): string {
  const text = `${Math.abs(ms) >= 100 ? Math.round(Math.abs(ms)) : Math.abs(ms).toFixed(1)} ms`;
  return ms < 0 ? `-${text}` : `+${text}`;
}

/** "0.10%" */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(2)}%`;

/** "+4%" of a baseline; empty when the baseline is 0. */
export function relativeText(delta: number, base: number): string {
  if (base === 0) return '';
  const pct = (delta / Math.abs(base)) * 100;
  const rounded = Math.abs(pct) >= 10 ? Math.round(pct).toString() : pct.toFixed(1);
  return ` (${pct >= 0 ? '+' : ''}${rounded}%)`;
}

/** Formats a sample value as Prometheus does (Go's 'f', -1 for ordinary magnitudes). */
export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Unix seconds with millisecond precision, as Prometheus prints timestamps. */
export const formatTimestamp = (ms: number): number => ms / 1000;

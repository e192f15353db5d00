import type { CompareData, MissingData, Side, SideEvidence } from './types.js';

function requestsOf(data: CompareData, envs: readonly string[]): number | null {
  const counted = data.metrics.filter((m) => envs.includes(m.env) && m.counts !== null);
  return counted.length === 0 ? null : counted.reduce((n, m) => n + (m.counts?.total ?? 0), 0);
}

function tracesOf(data: CompareData, envs: readonly string[]): number | null {
  const answered = (data.operations ?? []).filter((o) => envs.includes(o.env));
  return answered.length === 0 ? null : answered.reduce((n, o) => n + o.sampleSize, 0);
}

function errorLinesOf(data: CompareData, side: Side): number | null {
  const samples = (data.logs?.samples ?? []).filter((s) => s.role === side);
  return samples.length === 0 ? null : samples.reduce((n, s) => n + s.total, 0);
}

/** What each side had in the window: requests (Prometheus), traces (Jaeger), error lines (logs). */
export function sideEvidence(data: CompareData): SideEvidence[] {
  return (['baseline', 'candidate'] as const).map((side) => {
    const envs = [...data[side]];
    const requests = requestsOf(data, envs);
    const traces = tracesOf(data, envs);
    // Error lines alone prove nothing about traffic: a side is judged on requests or spans.
    const empty = (requests ?? 0) === 0 && (traces ?? 0) === 0;
    return { side, envs, requests, traces, errorLines: errorLinesOf(data, side), empty };
  });
}

function backendText(
  backend: MissingData['backend'],
  value: number | null,
  unit: string,
  missing: readonly MissingData[],
): string {
  const failed = missing.find((m) => m.backend === backend);
  if (failed) return `${backend} ${failed.code}`;
  return value === null ? `${backend}: nothing for the service` : `${backend}: ${value} ${unit}`;
}

/** "candidate kr-k8s had no traffic in the window (prometheus: 0 requests; jaeger: 0 traces; ...)". */
export function emptyReason(e: SideEvidence, missing: readonly MissingData[]): string {
  const mineMissing = missing.filter((m) => e.envs.includes(m.env));
  const parts = [
    backendText('prometheus', e.requests, 'requests', mineMissing),
    backendText('jaeger', e.traces, 'traces', mineMissing),
    backendText('elasticsearch', e.errorLines, 'error lines', mineMissing),
  ];
  // No series in Prometheus and nothing at all elsewhere: the service never ran on this side.
  const absent = e.requests === null && (e.traces ?? 0) === 0 && (e.errorLines ?? 0) === 0;
  const what = absent ? 'is absent from every backend' : 'had no traffic in the window';
  return `${e.side} ${e.envs.join(', ')} ${what} (${parts.join('; ')})`;
}

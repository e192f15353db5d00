import { SIGNAL_INFO, type SignalName } from '../../signals/index.js';
import {
  allowedShift,
  judgeCounts,
  judgeSeries,
  MATERIAL_RATIO,
  type SignalVerdict,
  type Tolerance,
} from '../verdict/index.js';
import { isErrorSignal, SIGNAL_LABEL } from './labels.js';
import { envsOf, median, sideCounts, sideSeries, spaced } from './sides.js';
import type { CompareData, EnvMetrics, EnvSignalValue, MissingData, SignalComparison } from './types.js';

/** Error signals decide the whole: a significant error increase beyond tolerance fails the comparison. */
const CRITICAL: ReadonlySet<SignalName> = new Set(['error_ratio', 'availability']);

/** The signals that are judged: every requested one but request_rate (volume is not per request). */
export const judgedSignals = (signals: readonly SignalName[]): SignalName[] =>
  signals.filter((s) => s !== 'request_rate');

function judgedPoints(env: EnvMetrics, signal: SignalName, spacingMs: number): number[] {
  return spaced(
    (env.series[signal] ?? []).filter((p) => Number.isFinite(p.v)),
    spacingMs,
  ).map((p) => p.v);
}

function perEnvSeries(data: CompareData, signal: SignalName): EnvSignalValue[] {
  return data.metrics.map((env) => {
    const values = judgedPoints(env, signal, data.judgeSpacingMs);
    return { env: env.env, side: env.side, value: median(values), n: values.length };
  });
}

function perEnvCounts(data: CompareData, signal: SignalName): EnvSignalValue[] {
  return data.metrics.map((env) => {
    const c = env.counts;
    const ratio = c && c.total > 0 ? c.errors / c.total : null;
    const value = ratio === null ? null : signal === 'availability' ? 1 - ratio : ratio;
    return { env: env.env, side: env.side, value, n: c?.total ?? 0 };
  });
}

function judgeOne(data: CompareData, signal: SignalName, tolerance: Tolerance | undefined): SignalVerdict {
  const base = {
    signal: SIGNAL_LABEL[signal],
    critical: CRITICAL.has(signal),
    ...(tolerance ? { tolerance } : {}),
  };
  const [b, c] = [envsOf(data.metrics, 'baseline'), envsOf(data.metrics, 'candidate')];
  // Availability is judged on the same counts as the error ratio: its drop is the error ratio's rise.
  if (isErrorSignal(signal))
    return judgeCounts({ ...base, baseline: sideCounts(b), candidate: sideCounts(c) });
  const points = (envs: EnvMetrics[]): number[] =>
    spaced(sideSeries(envs, signal), data.judgeSpacingMs).map((p) => p.v);
  return judgeSeries({
    ...base,
    direction: SIGNAL_INFO[signal].direction,
    baseline: points(b),
    candidate: points(c),
  });
}

/**
 * Better beyond the tolerance, with the whole confidence interval on the good side of 0. Every judged
 * signal's shift is "positive = worse" (availability is judged on the error ratio's counts).
 */
function improvedOf(signal: SignalName, v: SignalVerdict, tolerance: Tolerance | undefined): boolean {
  if (v.verdict === 'no_data' || v.shift === null || v.shiftUpper === null || v.baselineMedian === null)
    return false;
  if (v.shiftUpper >= 0) return false;
  const beyond = -v.shift > allowedShift(tolerance, v.baselineMedian);
  const halved = isErrorSignal(signal) && v.relativeEffect !== null && v.relativeEffect <= 1 / MATERIAL_RATIO;
  return beyond || halved;
}

function missingNote(missing: readonly MissingData[]): string {
  if (missing.length === 0) return '';
  return ` [without ${missing.map((m) => `${m.env} (${m.code})`).join(', ')}]`;
}

/** Per-signal statistics and verdict, from per-step series (latency) or window counts (errors). */
export function judgeSignals(data: CompareData): SignalComparison[] {
  const missing = data.missing.filter((m) => m.backend === 'prometheus');
  return judgedSignals(data.signals).map((signal) => {
    const tolerance = data.tolerances[signal];
    const verdict = judgeOne(data, signal, tolerance);
    return {
      ...verdict,
      reason: `${verdict.reason}${missingNote(missing)}`,
      name: signal,
      improved: improvedOf(signal, verdict, tolerance),
      tolerance: tolerance ?? null,
      perEnv: isErrorSignal(signal) ? perEnvCounts(data, signal) : perEnvSeries(data, signal),
      missingEnvs: missing.map((m) => m.env),
    };
  });
}

import { badInput } from '../../errors/index.js';
import { SIGNAL_INFO, type SignalName } from '../../signals/index.js';
import type { Tolerance } from '../verdict/index.js';

/**
 * Default acceptable change per signal, in the bad direction. Latency: +5% or +2 ms, whichever is larger
 * (the seeds saw ~5 ms from calls leaving the cluster: that must fail on a fast service). Error ratio and
 * availability: +0.5 percentage points. request_rate is never judged (a traffic split is not a regression).
 */
export const DEFAULT_TOLERANCES: Readonly<Partial<Record<SignalName, Tolerance>>> = {
  error_ratio: { absolute: 0.005 },
  availability: { absolute: 0.005 },
  latency_p50: { relative: 0.05, absolute: 2 },
  latency_p90: { relative: 0.05, absolute: 2 },
  latency_p99: { relative: 0.05, absolute: 2 },
};

/** A tolerance as a request gives it. */
export interface ToleranceSpec {
  signal: SignalName;
  absolute?: number | undefined;
  relative?: number | undefined;
}

const MAX_RELATIVE = 10;
const MAX_LATENCY_MS = 60_000;

function maxAbsolute(signal: SignalName): number {
  return SIGNAL_INFO[signal].unit === 'ratio' ? 1 : MAX_LATENCY_MS;
}

function checkOne(spec: ToleranceSpec, field: string): Tolerance {
  if (spec.signal === 'request_rate') {
    throw badInput(`${field}.signal`, 'request_rate is not judged (traffic volume is not a regression)');
  }
  if (spec.absolute === undefined && spec.relative === undefined) {
    throw badInput(field, 'give absolute, relative or both');
  }
  const { absolute, relative } = spec;
  const maxAbs = maxAbsolute(spec.signal);
  if (absolute !== undefined && !(absolute >= 0 && absolute <= maxAbs)) {
    throw badInput(`${field}.absolute`, `must be from 0 to ${maxAbs} (${SIGNAL_INFO[spec.signal].unit})`);
  }
  if (relative !== undefined && !(relative >= 0 && relative <= MAX_RELATIVE)) {
    throw badInput(`${field}.relative`, `must be from 0 to ${MAX_RELATIVE} (a fraction: 0.05 = 5%)`);
  }
  return { ...(absolute === undefined ? {} : { absolute }), ...(relative === undefined ? {} : { relative }) };
}

/** Defaults overridden by the request's tolerances; each checked, the field at fault named. */
export function resolveTolerances(
  specs: readonly ToleranceSpec[],
  field = 'tolerances',
): Partial<Record<SignalName, Tolerance>> {
  const out: Partial<Record<SignalName, Tolerance>> = { ...DEFAULT_TOLERANCES };
  const seen = new Set<SignalName>();
  specs.forEach((spec, i) => {
    if (seen.has(spec.signal)) throw badInput(`${field}.${i}.signal`, `${spec.signal} is given twice`);
    seen.add(spec.signal);
    out[spec.signal] = checkOne(spec, `${field}.${i}`);
  });
  return out;
}

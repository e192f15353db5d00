import type { SideKey, SideProfile, Stall } from './model.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Counters (and an idle side's last traffic) start this long before the hour. */
export const LEAD_IN_MIN = 15;
export const STEP_MS = 15_000;

export const ENV_OF: Record<SideKey, string> = { baseline: 'kr-vm', candidate: 'kr-k8s' };
export const SIDES: readonly SideKey[] = ['baseline', 'candidate'];

export const minuteOf = (t: number, t0: number): number => (t - t0) / MINUTE_MS;

/** The latency factor at a minute of the hour: a stall's factor inside it, 1 elsewhere. */
export function stallFactor(stalls: readonly Stall[], minute: number): number {
  return stalls.find((s) => minute >= s.fromMin && minute < s.toMin)?.factor ?? 1;
}

/** Requests of a side inside the hour, from its smooth traffic curve (per-second resolution). */
export function windowRequests(p: SideProfile): number {
  let sum = 0;
  for (let sec = 0; sec < 3600; sec++) sum += p.rps(sec / 60);
  return sum;
}

/** A seed per scenario and side, so both envs draw different noise. */
export const sideSeed = (seed: number, key: SideKey): number =>
  (seed ^ (key === 'baseline' ? 0x5bd1e995 : 0x27d4eb2f)) >>> 0;

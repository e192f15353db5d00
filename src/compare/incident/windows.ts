import { badInput } from '../../errors/index.js';
import { alignRange, type TimeRange } from '../../time/index.js';

export const MAX_INCIDENT_WINDOW_MS = 24 * 3_600_000;
/** `at` may be this far ahead of the gateway's clock (clock skew) before it counts as the future. */
const FUTURE_SKEW_MS = 60_000;
/** The after-window is judged once this much of it has passed; before that the before-window is. */
const MIN_AFTER_MS = 5 * 60_000;
/** Below this the after-window says nothing. */
const MIN_WINDOW_MS = 60_000;

export interface Window {
  start: number;
  end: number;
}

export interface IncidentWindows {
  before: Window;
  after: Window | null;
  /** The window the verdict judges, aligned to its step. */
  verdict: TimeRange;
}

export function checkAt(at: number, now: number): number {
  if (!Number.isFinite(at)) throw badInput('at', 'is not a time');
  if (at > now + FUTURE_SKEW_MS) throw badInput('at', `${new Date(at).toISOString()} is in the future`);
  return Math.min(at, now);
}

export function checkWindow(windowMs: number): number {
  if (!(windowMs >= MIN_WINDOW_MS && windowMs <= MAX_INCIDENT_WINDOW_MS)) {
    throw badInput('window', 'must be from 1m to 24h');
  }
  return windowMs;
}

/** ~240 judged steps, never below a 15 s scrape interval. */
const stepFor = (ms: number): number => Math.max(15_000, Math.ceil(ms / 240 / 15_000) * 15_000);

export function incidentWindows(at: number, windowMs: number, now: number): IncidentWindows {
  const before = { start: at - windowMs, end: at };
  const afterEnd = Math.min(at + windowMs, now);
  const after = afterEnd - at >= MIN_WINDOW_MS ? { start: at, end: afterEnd } : null;
  const judged = after && after.end - after.start >= MIN_AFTER_MS ? after : before;
  const step = stepFor(judged.end - judged.start);
  return { before, after, verdict: alignRange({ ...judged, step }) };
}

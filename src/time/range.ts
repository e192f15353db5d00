import { badInput } from '../errors/index.js';

export interface TimeRange {
  /** epoch ms, inclusive */
  start: number;
  /** epoch ms, inclusive */
  end: number;
  /** ms between points */
  step: number;
}

export const MAX_POINTS_PER_SERIES = 11_000;

/** Checks a range the way Prometheus does, naming the field at fault. */
export function validateRange(
  range: TimeRange,
  field = 'range',
  maxPoints = MAX_POINTS_PER_SERIES,
): TimeRange {
  if (range.end < range.start) throw badInput(`${field}.end`, 'end is before start');
  if (!(range.step > 0)) throw badInput(`${field}.step`, 'step must be greater than 0');
  const points = Math.floor((range.end - range.start) / range.step) + 1;
  if (points > maxPoints) {
    throw badInput(
      `${field}.step`,
      `${points} points per series exceeds the limit of ${maxPoints}; use a larger step`,
    );
  }
  return range;
}

/** Aligns start/end down to a multiple of step so repeated dashboards hit the same points (and caches). */
export function alignRange(range: TimeRange): TimeRange {
  const align = (t: number): number => Math.floor(t / range.step) * range.step;
  return { start: align(range.start), end: align(range.end), step: range.step };
}

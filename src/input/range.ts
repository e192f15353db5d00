import { z } from 'zod';
import { alignRange, parseDuration, parseTime, validateRange, type TimeRange } from '../time/index.js';
import { ParallaxError } from '../errors/index.js';

/** A step for a range given without one. */
export type AutoStep = (start: number, end: number) => number;

/** ~250 points per series when no step is given; never below 15 s (a typical scrape interval). */
export const autoStep: AutoStep = (start, end) =>
  Math.max(15_000, Math.ceil((end - start) / 250 / 1000) * 1000);

/** Parses a TimeRangeInput with field names in every error, and aligns it to the step. */
export function toTimeRange(
  input: { start: string; end: string; step?: string | null | undefined },
  field = 'range',
  maxPoints?: number,
  auto: AutoStep = autoStep,
): TimeRange {
  const now = Date.now();
  const start = parseTime(input.start, `${field}.start`, now);
  const end = parseTime(input.end, `${field}.end`, now);
  const step = input.step ? parseDuration(input.step, `${field}.step`) : auto(start, end);
  validateRange({ start, end, step }, field, maxPoints);
  return alignRange({ start, end, step });
}

/** zod: TimeRangeInput -> a checked, step-aligned TimeRange; errors name range.start / .end / .step. */
export const steppedRange = (auto: AutoStep = autoStep) =>
  z
    .object({ start: z.string().max(64), end: z.string().max(64), step: z.string().max(32).nullish() })
    .transform((v, ctx) => {
      try {
        return toTimeRange(v, 'range', undefined, auto);
      } catch (err) {
        if (!(err instanceof ParallaxError)) throw err;
        ctx.addIssue({
          code: 'custom',
          message: err.message.replace(/^[^:]+: /, ''),
          path: err.field ? err.field.split('.').slice(1) : [],
        });
        return z.NEVER;
      }
    });

/** The range of metrics and comparisons (auto step: ~250 points). */
export const timeRange = steppedRange();

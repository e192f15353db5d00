import { z } from 'zod';
import { parseDuration, parseTime } from '../time/index.js';
import { fromDomain } from './domain.js';

/** RFC3339, Unix seconds or `now` / `now-1h` -> epoch ms. */
export const instant = z.string().max(64).transform(fromDomain(parseTime));

/** A window without a step (searches): start and end as instants, end not before start. */
export const timeWindow = z
  .object({ start: instant, end: instant, step: z.string().max(32).nullish() })
  .transform((w, ctx) => {
    if (w.end < w.start) {
      ctx.addIssue({ code: 'custom', message: 'end is before start', path: ['end'] });
      return z.NEVER;
    }
    return { start: w.start, end: w.end };
  });

/** A duration: `30s`, `5m`, `1h` or seconds -> ms. */
export const duration = z.string().max(32).transform(fromDomain(parseDuration));

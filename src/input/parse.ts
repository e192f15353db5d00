import type { z } from 'zod';
import { ParallaxError } from '../errors/index.js';

/** Validates resolver arguments; the first issue becomes BAD_INPUT naming the argument path. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(args)' : '(args)';
  throw new ParallaxError('BAD_INPUT', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

import { z } from 'zod';
import { ParallaxError } from '../errors/index.js';

/** Runs a domain parser inside zod so its BAD_INPUT lands on the argument's own path. */
export function fromDomain<T>(parse: (raw: string, field: string) => T) {
  return (raw: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(raw, '');
    } catch (err) {
      if (!(err instanceof ParallaxError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message.replace(/^: /, '') });
      return z.NEVER;
    }
  };
}

import { ERROR_CODES, type BackendKind, type ErrorCode } from './codes.js';

export interface ErrorContext {
  /** The input field at fault, e.g. `range.start` or `query`. */
  field?: string;
  env?: string;
  backend?: BackendKind;
  cause?: unknown;
}

/** The one error type of Parallax: a closed code, a human message, and where it happened. */
export class ParallaxError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly env: string | undefined;
  readonly backend: BackendKind | undefined;

  constructor(code: ErrorCode, message: string, ctx: ErrorContext = {}) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = 'ParallaxError';
    this.code = code;
    this.field = ctx.field;
    this.env = ctx.env;
    this.backend = ctx.backend;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  /** The same error, attributed to an env and backend (federation adds these). */
  withEnv(env: string, backend: BackendKind): ParallaxError {
    if (this.env === env && this.backend === backend) return this;
    return new ParallaxError(this.code, this.message, { ...this.context(), env, backend });
  }

  /** Extensions for GraphQL and the JSON error body of REST surfaces. */
  toJSON(): { code: ErrorCode; message: string; field?: string; env?: string; backend?: BackendKind } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.env === undefined ? {} : { env: this.env }),
      ...(this.backend === undefined ? {} : { backend: this.backend }),
    };
  }

  private context(): ErrorContext {
    return {
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.cause === undefined ? {} : { cause: this.cause }),
    };
  }
}

export const badInput = (field: string, message: string): ParallaxError =>
  new ParallaxError('BAD_INPUT', `${field}: ${message}`, { field });

/** Anything thrown that is not a ParallaxError becomes INTERNAL, with no stack trace leaking out. */
export function toParallaxError(err: unknown): ParallaxError {
  if (err instanceof ParallaxError) return err;
  return new ParallaxError('INTERNAL', 'internal error', { cause: err });
}

import { ParallaxError } from '../../errors/index.js';
import type { HttpTarget } from './target.js';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** The first `code` along an error's cause chain (undici and Node nest them). */
export function causeCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a transport failure to a typed error naming the env and backend. */
export function transportError(err: unknown, target: HttpTarget, timedOut: boolean): ParallaxError {
  if (err instanceof ParallaxError) return err.withEnv(target.env, target.backend);
  const ctx = { env: target.env, backend: target.backend, cause: err };
  const where = `${target.backend} of env ${target.env}`;
  if (timedOut)
    return new ParallaxError('BACKEND_TIMEOUT', `${where} did not answer within ${target.timeoutMs} ms`, ctx);
  const code = causeCode(err);
  const name = (err as Error).name;
  if (code === 'UND_ERR_ABORTED' || name === 'AbortError' || name === 'TimeoutError') {
    return new ParallaxError('DEADLINE_EXCEEDED', `${where}: request deadline exceeded`, ctx);
  }
  if (code && UNREACHABLE_CODES.has(code))
    return new ParallaxError('BACKEND_UNREACHABLE', `${where} is unreachable (${code})`, ctx);
  return new ParallaxError('BACKEND_UNREACHABLE', `${where} failed: ${code ?? (err as Error).message}`, ctx);
}

export function invalidResponse(target: HttpTarget, detail: string): ParallaxError {
  return new ParallaxError(
    'BACKEND_INVALID_RESPONSE',
    `${target.backend} of env ${target.env}: invalid response (${detail})`,
    {
      env: target.env,
      backend: target.backend,
    },
  );
}

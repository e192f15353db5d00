import { errors } from '@elastic/elasticsearch';
import { ParallaxError } from '../../errors/index.js';
import { causeCode } from '../http/index.js';
import { errorBodySchema } from './response.js';

export interface ErrorScope {
  env: string;
  timeoutMs: number;
  signal: AbortSignal;
}

const BACKEND = 'elasticsearch' as const;

/** `type: reason` of an Elasticsearch error body, the root cause preferred (it names the real problem). */
export function esReason(body: unknown): string {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 300) : 'no details';
  const error = parsed.data.error;
  if (typeof error === 'string') return error.slice(0, 300);
  const root = error.root_cause?.[0] ?? error;
  return [root.type, root.reason].filter(Boolean).join(': ').slice(0, 300);
}

function responseError(err: errors.ResponseError, where: string, ctx: object): ParallaxError {
  const status = err.statusCode ?? err.meta.statusCode ?? 0;
  const detail = `HTTP ${status}, ${esReason(err.body)}`;
  if (status === 401 || status === 403)
    return new ParallaxError('BACKEND_ERROR', `${where} refused our credentials (${detail})`, ctx);
  if (status === 429) return new ParallaxError('BACKEND_ERROR', `${where} is overloaded (${detail})`, ctx);
  if (status >= 400 && status < 500)
    return new ParallaxError('BACKEND_BAD_DATA', `${where} rejected the query (${detail})`, ctx);
  return new ParallaxError('BACKEND_ERROR', `${where} failed (${detail})`, ctx);
}

/** Maps what the client throws to a typed error naming the env and backend. */
export function toEsError(err: unknown, scope: ErrorScope): ParallaxError {
  if (err instanceof ParallaxError) return err.withEnv(scope.env, BACKEND);
  const ctx = { env: scope.env, backend: BACKEND, cause: err };
  const where = `elasticsearch of env ${scope.env}`;
  if (err instanceof errors.ResponseError) return responseError(err, where, ctx);
  if (err instanceof errors.TimeoutError) {
    return new ParallaxError('BACKEND_TIMEOUT', `${where} did not answer within ${scope.timeoutMs} ms`, ctx);
  }
  if (err instanceof errors.RequestAbortedError) {
    if (!scope.signal.aborted && /bigger than/i.test(err.message)) {
      return new ParallaxError(
        'BACKEND_RESPONSE_TOO_LARGE',
        `${where}: response exceeds the size limit`,
        ctx,
      );
    }
    return new ParallaxError('DEADLINE_EXCEEDED', `${where}: request deadline exceeded`, ctx);
  }
  if (err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError) {
    return new ParallaxError(
      'BACKEND_UNREACHABLE',
      `${where} is unreachable (${causeCode(err) ?? err.message})`,
      ctx,
    );
  }
  if (err instanceof errors.DeserializationError || err instanceof errors.ProductNotSupportedError) {
    return new ParallaxError('BACKEND_INVALID_RESPONSE', `${where}: invalid response (${err.message})`, ctx);
  }
  if (err instanceof errors.ConfigurationError)
    return new ParallaxError('CONFIG_INVALID', `${where}: ${err.message}`, ctx);
  return new ParallaxError('BACKEND_ERROR', `${where} failed`, ctx);
}

/** ES 8 answers this to a 9.x client's `compatible-with=9` headers. */
export function isCompatVersionError(err: unknown): boolean {
  if (!(err instanceof errors.ResponseError)) return false;
  const text = JSON.stringify(err.body ?? '');
  return /must be either version 8 or 7/.test(text) || /media_type_header_exception/.test(text);
}

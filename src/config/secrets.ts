import { readFileSync } from 'node:fs';
import { ParallaxError } from '../errors/index.js';
import type { AuthInput, SecretInput } from './auth.js';
import type { Config } from './schema.js';

export function resolveSecret(secret: SecretInput, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof secret === 'string') return secret;
  if ('env' in secret) {
    const value = env[secret.env];
    if (value === undefined)
      throw new ParallaxError('CONFIG_INVALID', `secret: env var ${secret.env} is not set`);
    return value;
  }
  try {
    return readFileSync(secret.file, 'utf8').trim();
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `secret: cannot read file ${secret.file}`);
  }
}

/** The Authorization header for a backend; the value is never logged. */
export function authHeader(auth: AuthInput | undefined): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${resolveSecret(auth.bearer)}` };
  if ('apiKey' in auth) return { authorization: `ApiKey ${resolveSecret(auth.apiKey)}` };
  const token = Buffer.from(`${auth.basic.username}:${resolveSecret(auth.basic.password)}`).toString(
    'base64',
  );
  return { authorization: `Basic ${token}` };
}

function resolveAuth(auth: AuthInput, env: NodeJS.ProcessEnv, path: string): AuthInput {
  const r = (secret: SecretInput, field: string): string => {
    try {
      return resolveSecret(secret, env);
    } catch (err) {
      throw new ParallaxError('CONFIG_INVALID', `${path}.${field}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  };
  if ('bearer' in auth) return { bearer: r(auth.bearer, 'bearer') };
  if ('apiKey' in auth) return { apiKey: r(auth.apiKey, 'apiKey') };
  return { basic: { username: auth.basic.username, password: r(auth.basic.password, 'basic.password') } };
}

function checkReadable(file: string, path: string): void {
  try {
    readFileSync(file);
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `${path}: cannot read ${file}`);
  }
}

type Backend = { auth?: AuthInput | undefined; caFile?: string | undefined };

function resolveBackend<T extends Backend>(
  b: T | undefined,
  env: NodeJS.ProcessEnv,
  path: string,
): T | undefined {
  if (!b) return b;
  if (b.caFile !== undefined) checkReadable(b.caFile, `${path}.caFile`);
  return b.auth ? { ...b, auth: resolveAuth(b.auth, env, `${path}.auth`) } : b;
}

/** Every secret of a validated config read now (files, env vars), so a reload with a missing one fails. */
export function resolveConfigSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): Config {
  const envs = config.envs.map((e, i) => {
    const prometheus = resolveBackend(e.prometheus, env, `envs[${i}].prometheus`);
    const traces = resolveBackend(e.traces, env, `envs[${i}].traces`);
    const logs = resolveBackend(e.logs, env, `envs[${i}].logs`);
    return {
      ...e,
      ...(prometheus ? { prometheus } : {}),
      ...(traces ? { traces } : {}),
      ...(logs ? { logs } : {}),
    };
  });
  const access = config.access && {
    ...config.access,
    tokens: config.access.tokens.map((t, i) => {
      try {
        return { ...t, sha256: resolveSecret(t.sha256, env) };
      } catch (err) {
        throw new ParallaxError('CONFIG_INVALID', `access.tokens[${i}].sha256: ${(err as Error).message}`);
      }
    }),
  };
  return {
    ...config,
    envs,
    federation: resolveCacheSecret(config.federation, env),
    ...(access ? { access } : {}),
  };
}

function resolveCacheSecret(f: Config['federation'], env: NodeJS.ProcessEnv): Config['federation'] {
  const redis = f.cache.redis;
  if (redis?.password === undefined) return f;
  try {
    const password = resolveSecret(redis.password, env);
    return { ...f, cache: { ...f.cache, redis: { ...redis, password } } };
  } catch (err) {
    throw new ParallaxError('CONFIG_INVALID', `federation.cache.redis.password: ${(err as Error).message}`);
  }
}

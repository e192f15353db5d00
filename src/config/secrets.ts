import { readFileSync } from 'node:fs';
import { ParallaxError } from '../errors/index.js';
import type { AuthInput, SecretInput } from './auth.js';

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

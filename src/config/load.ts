import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ParallaxError } from '../errors/index.js';
import { configSchema, type Config } from './schema.js';

const VAR_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${VAR} and ${VAR:-default} so secrets stay in the environment, never in the file. */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv): string {
  const missing: string[] = [];
  const out = text.replace(VAR_RE, (_m, name: string, fallback: string | undefined) => {
    const value = env[name] ?? fallback;
    if (value === undefined) missing.push(name);
    return value ?? '';
  });
  if (missing.length > 0) {
    throw new ParallaxError(
      'CONFIG_INVALID',
      `config: environment variable(s) not set: ${missing.join(', ')}`,
    );
  }
  return out;
}

/** `envs[1].prometheus.url: expected an http(s) URL` — one line per issue. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, key) =>
          typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
        '',
      );
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('\n');
}

export function parseConfig(text: string, env: NodeJS.ProcessEnv = process.env): Config {
  let raw: unknown;
  try {
    raw = parseYaml(substituteEnv(text, env));
  } catch (err) {
    if (err instanceof ParallaxError) throw err;
    throw new ParallaxError('CONFIG_INVALID', `config: not valid YAML: ${(err as Error).message}`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ParallaxError('CONFIG_INVALID', formatIssues(result.error.issues));
  return result.data;
}

export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ParallaxError(
      'CONFIG_INVALID',
      `config: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return parseConfig(text, env);
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDocument, visit, type Scalar } from 'yaml';
import type { z } from 'zod';
import { ParallaxError } from '../errors/index.js';
import { configSchema, type Config } from './schema.js';
import { resolveConfigSecrets } from './secrets.js';

const VAR_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${VAR} and ${VAR:-default} in one string; unset names are collected in `missing`. */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, missing: string[] = []): string {
  return text.replace(VAR_RE, (_m, name: string, fallback: string | undefined) => {
    const value = env[name] ?? fallback;
    if (value === undefined) missing.push(name);
    return value ?? '';
  });
}

/** An unquoted `port: ${PORT}` stays a number; anything quoted or longer stays a string. */
function plainValue(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/**
 * Parses the YAML first, then substitutes ${VAR} into scalar VALUES: each ${...} becomes an inert
 * placeholder word before parsing (valid in any YAML context, e.g. `{ bearer: ${T} }`), and the
 * placeholder is replaced inside the parsed scalar. A secret holding `#`, `: ` or quotes cannot change
 * the file's structure, and never shows in a YAML error.
 */
function parseYamlWithEnv(text: string, env: NodeJS.ProcessEnv): unknown {
  const nonce = randomBytes(6).toString('hex');
  const refs: string[] = [];
  const masked = text.replace(VAR_RE, (m) => `__parallax_${nonce}_${refs.push(m) - 1}__`);
  const doc = parseDocument(masked, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) throw new ParallaxError('CONFIG_INVALID', `config: not valid YAML: ${first.message}`);
  const missing: string[] = [];
  const placeholder = new RegExp(`__parallax_${nonce}_(\\d+)__`, 'g');
  const fill = (value: string): string =>
    value.replace(placeholder, (_m, i: string) => substituteEnv(refs[Number(i)] ?? '', env, missing));
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string' || !node.value.includes(`__parallax_${nonce}_`)) return;
      const whole = node.type === 'PLAIN' && new RegExp(`^__parallax_${nonce}_\\d+__$`).test(node.value);
      const out = fill(node.value);
      node.value = whole ? plainValue(out) : out;
    },
  });
  if (missing.length > 0)
    throw new ParallaxError(
      'CONFIG_INVALID',
      `config: environment variable(s) not set: ${[...new Set(missing)].join(', ')}`,
    );
  return doc.toJS();
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
    raw = parseYamlWithEnv(text, env);
  } catch (err) {
    if (err instanceof ParallaxError) throw err;
    throw new ParallaxError('CONFIG_INVALID', `config: not valid YAML: ${(err as Error).message}`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ParallaxError('CONFIG_INVALID', formatIssues(result.error.issues));
  // Secret files and env secrets are read now, at load and at every reload: a missing one fails it.
  return resolveConfigSecrets(result.data, env);
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

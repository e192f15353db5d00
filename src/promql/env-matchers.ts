import type { SyntaxNode } from '@lezer/common';
import { RE2JS } from 're2js';
import { ParallaxError } from '../errors/index.js';
import { nodeText, parsePromQL, unquote, type ParsedQuery } from './parse.js';

export interface EnvMatcher {
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface EnvScoped {
  /** The query with every matcher on the env label removed (backends have no such label). */
  query: string;
  matchers: EnvMatcher[];
}

/** Finds matchers on the env label, so the query goes only to the envs they select. */
export function extractEnvMatchers(q: ParsedQuery, envLabel: string): EnvScoped {
  const cuts: Array<[number, number]> = [];
  const matchers: EnvMatcher[] = [];
  q.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'UnquotedLabelMatcher' && ref.name !== 'QuotedLabelMatcher') return;
      const node = ref.node;
      const name = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
      if (!name || labelNameOf(q, name) !== envLabel) return;
      const op = node.getChild('MatchOp');
      const value = node.getChild('StringLiteral');
      if (!op || !value) return;
      matchers.push({ op: nodeText(q, op) as EnvMatcher['op'], value: unquote(nodeText(q, value)) });
      cuts.push(cutWithComma(q.text, node));
    },
  });
  return { query: applyCuts(q.text, cuts), matchers };
}

function labelNameOf(q: ParsedQuery, node: SyntaxNode): string {
  const text = nodeText(q, node);
  return node.name === 'QuotedLabelName' ? unquote(text) : text;
}

function cutWithComma(text: string, node: SyntaxNode): [number, number] {
  let end = node.to;
  while (text[end] === ' ') end++;
  if (text[end] === ',') return [node.from, end + 1];
  let start = node.from;
  while (start > 0 && text[start - 1] === ' ') start--;
  if (text[start - 1] === ',') return [start - 1, node.to];
  return [node.from, node.to];
}

function applyCuts(text: string, cuts: Array<[number, number]>): string {
  let out = text;
  for (const [from, to] of [...cuts].sort((a, b) => b[0] - a[0])) out = out.slice(0, from) + out.slice(to);
  return out;
}

/** The envs every matcher accepts; regexes are anchored as in Prometheus. */
export function selectEnvs(
  envs: readonly string[],
  matchers: readonly EnvMatcher[],
  field = 'query',
): string[] {
  const tests = matchers.map((m) => toTest(m, field));
  return envs.filter((env) => tests.every((t) => t(env)));
}

/** Longer env regexes are refused: env names are short, and a regex is compiled per request. */
export const MAX_ENV_REGEX_LENGTH = 1024;

function toTest(m: EnvMatcher, field: string): (env: string) => boolean {
  if (m.op === '=') return (env) => env === m.value;
  if (m.op === '!=') return (env) => env !== m.value;
  const re = compileEnvRegex(m.value, field);
  // RE2 semantics, as Prometheus: linear time (no backtracking), and matches() is anchored at both ends.
  return m.op === '=~' ? (env) => re.matches(env) : (env) => !re.matches(env);
}

function compileEnvRegex(value: string, field: string): RE2JS {
  if (value.length > MAX_ENV_REGEX_LENGTH)
    throw new ParallaxError(
      'BAD_QUERY',
      `${field}: env matcher regex longer than ${MAX_ENV_REGEX_LENGTH} characters`,
      { field },
    );
  try {
    return RE2JS.compile(value);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'invalid';
    throw new ParallaxError('BAD_QUERY', `${field}: invalid regex in env matcher: ${why}`, { field });
  }
}

export const reparse = (scoped: EnvScoped, field: string): ParsedQuery => parsePromQL(scoped.query, field);

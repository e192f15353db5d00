import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { ParallaxError } from '../errors/index.js';

export interface ParsedQuery {
  text: string;
  tree: Tree;
}

/** Parses PromQL with Prometheus' own grammar; a syntax error is BAD_QUERY naming the field and column. */
export function parsePromQL(text: string, field = 'query'): ParsedQuery {
  if (text.trim() === '') throw new ParallaxError('BAD_QUERY', `${field}: the query is empty`, { field });
  const tree = parser.parse(text);
  let errorAt = -1;
  tree.iterate({
    enter: (node) => {
      if (errorAt < 0 && node.type.isError) errorAt = node.from;
      return errorAt < 0;
    },
  });
  if (errorAt >= 0) {
    const near = text.slice(Math.max(0, errorAt - 10), errorAt + 10);
    throw new ParallaxError(
      'BAD_QUERY',
      `${field}: PromQL syntax error at column ${errorAt + 1} near "${near}"`,
      { field },
    );
  }
  return { text, tree };
}

export const nodeText = (q: ParsedQuery, node: SyntaxNode): string => q.text.slice(node.from, node.to);

/** Reads a PromQL string literal ("..", '..' or `..`) into its value. */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  if (quote === "'") return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  return JSON.parse(literal) as string;
}

/** The expression below PromQL/ParenExpr wrappers. */
export function unwrap(node: SyntaxNode | null): SyntaxNode | null {
  let cur = node;
  while (cur && (cur.name === 'PromQL' || cur.name === 'ParenExpr')) {
    const inner: SyntaxNode | null = cur.firstChild;
    if (!inner) return cur;
    cur = inner;
  }
  return cur;
}

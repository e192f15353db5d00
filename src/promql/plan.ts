import type { SyntaxNode } from '@lezer/common';
import { nodeText, unwrap, type ParsedQuery } from './parse.js';

export const PUSHDOWN_OPS = ['sum', 'min', 'max', 'count', 'group', 'avg', 'topk', 'bottomk'] as const;
export type PushdownOp = (typeof PUSHDOWN_OPS)[number];

/** How a federated query is answered so it equals one Prometheus holding every env's data. */
export type QueryPlan =
  /** Nothing crosses envs: run per env, tag each series with its env. */
  | { kind: 'per-env'; query: string; warning?: string }
  /** A top-level aggregation across envs: pushed down per env, merged in the gateway. */
  | { kind: 'aggregate'; op: PushdownOp; queries: string[]; k?: number }
  /** histogram_quantile over `sum by (le)` across envs: buckets summed over envs, quantile in the gateway. */
  | { kind: 'histogram_quantile'; phi: number; query: string }
  /** Arithmetic between federated operands (e.g. `sum(errors) / sum(requests)`), matched in the gateway. */
  | { kind: 'binary'; op: ArithmeticOp; left: Operand; right: Operand; matching?: VectorMatching };

/** `on(...)`/`ignoring(...)` with an optional `group_left(...)`/`group_right(...)`. */
export interface VectorMatching {
  on: boolean;
  labels: string[];
  group?: 'left' | 'right';
  include: string[];
}

export const ARITHMETIC_OPS = { Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^' } as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[keyof typeof ARITHMETIC_OPS];
export type Operand = QueryPlan | { kind: 'number'; value: number };

const CROSSING_FUNCTIONS = new Set(['absent', 'absent_over_time', 'scalar', 'vector']);

export function planQuery(q: ParsedQuery, envLabel: string): QueryPlan {
  const top = unwrap(q.tree.topNode);
  if (!top || !crossesEnvs(q, top, envLabel)) return { kind: 'per-env', query: q.text };
  return planNode(q, top, envLabel) ?? perEnvWithWarning(q);
}

/** A plan for one expression that gives the global answer, or undefined when the gateway cannot. */
function planNode(q: ParsedQuery, node: SyntaxNode, envLabel: string): QueryPlan | undefined {
  if (!crossesEnvs(q, node, envLabel)) return { kind: 'per-env', query: nodeText(q, node) };
  return (
    planAggregate(q, node, envLabel) ?? planHistogram(q, node, envLabel) ?? planBinary(q, node, envLabel)
  );
}

/** Only plain arithmetic: matching modifiers, comparisons and set operators stay per env (with a warning). */
function planBinary(q: ParsedQuery, node: SyntaxNode, envLabel: string): QueryPlan | undefined {
  if (node.name !== 'BinaryExpr') return undefined;
  const parts = childrenOf(node);
  const [leftNode, opNode, rightNode] = [parts[0], parts[1], parts[parts.length - 1]];
  const modifier = parts.length === 4 ? parts[2] : undefined;
  if (parts.length > 4 || !leftNode || !opNode || !rightNode) return undefined;
  if (modifier && modifier.name !== 'MatchingModifierClause') return undefined;
  const op = ARITHMETIC_OPS[opNode.name as keyof typeof ARITHMETIC_OPS] as ArithmeticOp | undefined;
  if (!op) return undefined;
  const left = operand(q, leftNode, envLabel);
  const right = operand(q, rightNode, envLabel);
  if (!left || !right) return undefined;
  return { kind: 'binary', op, left, right, ...(modifier ? { matching: vectorMatching(q, modifier) } : {}) };
}

function vectorMatching(q: ParsedQuery, clause: SyntaxNode): VectorMatching {
  const parts = childrenOf(clause);
  const labelsAt = (i: number): string[] =>
    parts[i]?.name === 'GroupingLabels'
      ? (parts[i]?.getChildren('LabelName') ?? []).map((n) => nodeText(q, n))
      : [];
  const groupAt = parts.findIndex((p) => p.name === 'GroupLeft' || p.name === 'GroupRight');
  const group = groupAt < 0 ? undefined : parts[groupAt]?.name === 'GroupLeft' ? 'left' : 'right';
  return {
    on: parts[0]?.name === 'On',
    labels: labelsAt(1),
    ...(group ? { group } : {}),
    include: groupAt < 0 ? [] : labelsAt(groupAt + 1),
  };
}

function operand(q: ParsedQuery, raw: SyntaxNode, envLabel: string): Operand | undefined {
  const node = unwrap(raw);
  if (!node) return undefined;
  if (node.name === 'NumberDurationLiteral') {
    const value = Number(nodeText(q, node));
    return Number.isFinite(value) ? { kind: 'number', value } : undefined;
  }
  return planNode(q, node, envLabel);
}

function perEnvWithWarning(q: ParsedQuery): QueryPlan {
  return {
    kind: 'per-env',
    query: q.text,
    warning:
      'this query aggregates across environments in a way the gateway cannot merge exactly; it was evaluated per env (each series carries its env label)',
  };
}

function planAggregate(q: ParsedQuery, node: SyntaxNode, envLabel: string): QueryPlan | undefined {
  if (node.name !== 'AggregateExpr') return undefined;
  const op = aggregateOp(q, node);
  if (!op) return undefined;
  const body = node.getChild('FunctionCallBody');
  if (!body || innerCrosses(q, body, envLabel)) return undefined;
  const text = nodeText(q, node);
  const opNode = node.getChild('AggregateOp') as SyntaxNode;
  const rest = q.text.slice(opNode.to, node.to);
  if (op === 'avg') return { kind: 'aggregate', op, queries: [`sum${rest}`, `count${rest}`] };
  if (op === 'topk' || op === 'bottomk') {
    const k = Number(nodeText(q, body.firstChild ?? body).trim());
    if (!Number.isInteger(k) || k < 0) return undefined;
    return { kind: 'aggregate', op, queries: [text], k };
  }
  return { kind: 'aggregate', op, queries: [text] };
}

function planHistogram(q: ParsedQuery, node: SyntaxNode, envLabel: string): QueryPlan | undefined {
  if (node.name !== 'FunctionCall' || functionName(q, node) !== 'histogram_quantile') return undefined;
  const args = childrenOf(node.getChild('FunctionCallBody'));
  const [phiNode, inner] = [args[0], unwrap(args[1] ?? null)];
  if (!phiNode || !inner || phiNode.name !== 'NumberDurationLiteral') return undefined;
  if (inner.name !== 'AggregateExpr' || aggregateOp(q, inner) !== 'sum') return undefined;
  const grouping = groupingOf(q, inner);
  if (grouping.mode !== 'by' || !grouping.labels.includes('le')) return undefined;
  const body = inner.getChild('FunctionCallBody');
  if (!body || innerCrosses(q, body, envLabel)) return undefined;
  return { kind: 'histogram_quantile', phi: Number(nodeText(q, phiNode)), query: nodeText(q, inner) };
}

/** True when evaluating per env would differ from one Prometheus holding every env. */
function crossesEnvs(q: ParsedQuery, node: SyntaxNode, envLabel: string): boolean {
  if (node.name === 'AggregateExpr' && !keepsEnv(q, node, envLabel)) return true;
  if (node.name === 'FunctionCall' && CROSSING_FUNCTIONS.has(functionName(q, node))) return true;
  return childrenOf(node).some((child) => crossesEnvs(q, child, envLabel));
}

const innerCrosses = (q: ParsedQuery, body: SyntaxNode, envLabel: string): boolean =>
  childrenOf(body).some((child) => crossesEnvs(q, child, envLabel));

function keepsEnv(q: ParsedQuery, node: SyntaxNode, envLabel: string): boolean {
  const g = groupingOf(q, node);
  if (g.mode === 'none') return false;
  return g.mode === 'by' ? g.labels.includes(envLabel) : !g.labels.includes(envLabel);
}

function groupingOf(q: ParsedQuery, node: SyntaxNode): { mode: 'none' | 'by' | 'without'; labels: string[] } {
  const mod = node.getChild('AggregateModifier');
  if (!mod) return { mode: 'none', labels: [] };
  const labels = (mod.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map((n) => nodeText(q, n));
  return { mode: mod.getChild('Without') ? 'without' : 'by', labels };
}

function aggregateOp(q: ParsedQuery, node: SyntaxNode): PushdownOp | undefined {
  const opNode = node.getChild('AggregateOp');
  const op = opNode ? nodeText(q, opNode).toLowerCase() : '';
  return (PUSHDOWN_OPS as readonly string[]).includes(op) ? (op as PushdownOp) : undefined;
}

function functionName(q: ParsedQuery, node: SyntaxNode): string {
  const id = node.getChild('FunctionIdentifier');
  return id ? nodeText(q, id) : '';
}

function childrenOf(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) out.push(c);
  return out;
}

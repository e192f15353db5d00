import type { Cluster } from './cluster.js';
import { WILDCARD } from './mask.js';

/** Inner nodes route by token; the nodes at the last prefix level hold clusters. */
export interface TreeNode {
  readonly children: Map<string, TreeNode>;
  readonly clusters: Cluster[];
}

export function newNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}

const DIGIT = /\d/;

/** Tokens with digits are likely values that masking missed: route them to the wildcard child. */
function routeKey(token: string): string {
  return token === WILDCARD || DIGIT.test(token) ? WILDCARD : token;
}

function child(node: TreeNode, key: string): TreeNode {
  const created = newNode();
  node.children.set(key, created);
  return created;
}

function hasRoom(node: TreeNode, maxChildren: number): boolean {
  // One slot stays reserved for the wildcard child.
  const reserved = node.children.has(WILDCARD) ? 0 : 1;
  return node.children.size + reserved < maxChildren;
}

function childForAdd(node: TreeNode, token: string, maxChildren: number): TreeNode {
  const key = routeKey(token);
  const existing = node.children.get(key);
  if (existing) return existing;
  if (key !== WILDCARD && hasRoom(node, maxChildren)) return child(node, key);
  return node.children.get(WILDCARD) ?? child(node, WILDCARD);
}

/** Walks (and grows) the path of a line; returns the leaf that holds its clusters. */
export function leafForAdd(
  lengthNode: TreeNode,
  tokens: readonly string[],
  prefix: number,
  maxChildren: number,
): TreeNode {
  let node = lengthNode;
  const depth = Math.min(prefix, tokens.length);
  for (let i = 0; i < depth; i++) node = childForAdd(node, tokens[i] ?? WILDCARD, maxChildren);
  return node;
}

/** Leaves a line may belong to: its exact path and every wildcard detour, never growing the tree. */
export function leavesForMatch(lengthNode: TreeNode, tokens: readonly string[], prefix: number): TreeNode[] {
  const leaves: TreeNode[] = [];
  collectLeaves(lengthNode, tokens, 0, Math.min(prefix, tokens.length), leaves);
  return leaves;
}

function collectLeaves(
  node: TreeNode,
  tokens: readonly string[],
  level: number,
  depth: number,
  out: TreeNode[],
): void {
  if (level === depth) {
    out.push(node);
    return;
  }
  const key = routeKey(tokens[level] ?? WILDCARD);
  const exact = node.children.get(key);
  if (exact) collectLeaves(exact, tokens, level + 1, depth, out);
  const wildcard = key === WILDCARD ? undefined : node.children.get(WILDCARD);
  if (wildcard) collectLeaves(wildcard, tokens, level + 1, depth, out);
}

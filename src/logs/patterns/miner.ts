import { BestMatch, mergeInto, newCluster, type Cluster } from './cluster.js';
import { templateHash } from './hash.js';
import { WILDCARD, maskLine } from './mask.js';
import { resolveMinerOptions, type ResolvedMinerOptions } from './options.js';
import { leafForAdd, leavesForMatch, newNode, type TreeNode } from './tree.js';
import type { MinerOptions, Pattern, PatternMatch } from './types.js';

/** Drain-style online template miner: length -> first tokens -> leaf clusters. */
export class PatternMiner {
  private readonly opts: ResolvedMinerOptions;
  private readonly prefix: number;
  private readonly byLength = new Map<number, TreeNode>();
  /** Every cluster of a token count, for match() when the tree path misses. */
  private readonly sameLength = new Map<number, Cluster[]>();
  private readonly overflow = new Map<number, Cluster>();
  /** Creation order: keeps patterns() deterministic for equal counts. */
  private readonly clusters: Cluster[] = [];
  private readonly byId = new Map<string, Cluster>();

  constructor(options: MinerOptions = {}) {
    this.opts = resolveMinerOptions(options);
    this.prefix = this.opts.maxDepth - 2;
  }

  add(message: string): PatternMatch {
    return this.addTokens(maskLine(message));
  }

  /** add() for tokens already produced by maskLine(), so callers can mask once. */
  addTokens(tokens: readonly string[]): PatternMatch {
    const leaf = leafForAdd(this.lengthNode(tokens.length), tokens, this.prefix, this.opts.maxChildren);
    const best = new BestMatch(tokens, false);
    best.considerAll(leaf.clusters);
    const cluster = best.reaches(this.opts.similarityThreshold) ? best.cluster : undefined;
    if (cluster) {
      mergeInto(cluster, tokens);
      return toMatch(cluster);
    }
    return toMatch(this.createCluster(leaf, tokens));
  }

  match(message: string): PatternMatch | undefined {
    return this.matchTokens(maskLine(message));
  }

  /** Classifies without learning: the tree path first, then every cluster of the same length. */
  matchTokens(tokens: readonly string[]): PatternMatch | undefined {
    const threshold = this.opts.matchThreshold;
    const lengthNode = this.byLength.get(tokens.length);
    if (!lengthNode) return undefined;
    const viaTree = new BestMatch(tokens, true);
    for (const leaf of leavesForMatch(lengthNode, tokens, this.prefix)) viaTree.considerAll(leaf.clusters);
    if (viaTree.cluster && viaTree.reaches(threshold)) return toMatch(viaTree.cluster);
    // The prefix tree keeps a cluster under the tokens it was created with, even once they became `<*>`.
    const scan = new BestMatch(tokens, true);
    scan.considerAll(this.sameLength.get(tokens.length) ?? []);
    return scan.cluster && scan.reaches(threshold) ? toMatch(scan.cluster) : undefined;
  }

  /** Patterns by count, descending; ties keep creation order. */
  patterns(): Pattern[] {
    return this.clusters.map(toPattern).sort((a, b) => b.count - a.count);
  }

  pattern(id: string): Pattern | undefined {
    const cluster = this.byId.get(id);
    return cluster && toPattern(cluster);
  }

  get size(): number {
    return this.clusters.length;
  }

  private lengthNode(length: number): TreeNode {
    let node = this.byLength.get(length);
    if (!node) {
      node = newNode();
      this.byLength.set(length, node);
    }
    return node;
  }

  private createCluster(leaf: TreeNode, tokens: readonly string[]): Cluster {
    if (this.clusters.length - this.overflow.size >= this.opts.maxClusters) return this.overflowFor(tokens);
    const cluster = this.register(tokens);
    leaf.clusters.push(cluster);
    cluster.count++;
    return cluster;
  }

  /** Beyond maxClusters, unmatched lines share one all-`<*>` cluster per length: bounded, and visible. */
  private overflowFor(tokens: readonly string[]): Cluster {
    let cluster = this.overflow.get(tokens.length);
    if (!cluster) {
      cluster = this.register(tokens.map(() => WILDCARD));
      this.overflow.set(tokens.length, cluster);
    }
    cluster.count++;
    return cluster;
  }

  private register(tokens: readonly string[]): Cluster {
    const cluster = newCluster(this.uniqueId(tokens.join(' ')), tokens);
    this.clusters.push(cluster);
    this.byId.set(cluster.id, cluster);
    let group = this.sameLength.get(tokens.length);
    if (!group) {
      group = [];
      this.sameLength.set(tokens.length, group);
    }
    group.push(cluster);
    return cluster;
  }

  /** Hash of the first template; a suffix in creation order keeps ids unique yet deterministic. */
  private uniqueId(template: string): string {
    const base = templateHash(template);
    let id = base;
    for (let n = 2; this.byId.has(id); n++) id = `${base}-${n}`;
    return id;
  }
}

function toMatch(cluster: Cluster): PatternMatch {
  return { patternId: cluster.id, template: cluster.template };
}

function toPattern(cluster: Cluster): Pattern {
  return { id: cluster.id, template: cluster.template, count: cluster.count };
}

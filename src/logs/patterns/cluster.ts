import { WILDCARD } from './mask.js';

export interface Cluster {
  readonly id: string;
  tokens: string[];
  template: string;
  count: number;
}

export function newCluster(id: string, tokens: readonly string[]): Cluster {
  return { id, tokens: [...tokens], template: tokens.join(' '), count: 0 };
}

/** Replaces the template tokens that differ from the line by `<*>`; keeps the id. */
export function mergeInto(cluster: Cluster, tokens: readonly string[]): void {
  const template = cluster.tokens;
  let changed = false;
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== tokens[i] && template[i] !== WILDCARD) {
      template[i] = WILDCARD;
      changed = true;
    }
  }
  if (changed) cluster.template = template.join(' ');
  cluster.count++;
}

/**
 * Picks the most similar cluster among those offered.
 * Similarity = equal tokens / length; a template `<*>` against a literal counts as equal only
 * when `countParams` is set. Learning leaves it off (Drain: avoids templates that swallow
 * everything); classifying turns it on (a learnt variable position must accept any value).
 */
export class BestMatch {
  cluster: Cluster | undefined;
  similarity = -1;
  private tieBreak = -1;

  constructor(
    private readonly tokens: readonly string[],
    private readonly countParams: boolean,
  ) {}

  considerAll(clusters: readonly Cluster[]): void {
    for (const cluster of clusters) this.consider(cluster);
  }

  consider(cluster: Cluster): void {
    const { equal, params } = compare(cluster.tokens, this.tokens);
    const length = this.tokens.length;
    const score = this.countParams ? equal + params : equal;
    const similarity = length === 0 ? 1 : score / length;
    // Learning prefers the more general template (Drain3), classifying the more specific one.
    const tieBreak = this.countParams ? equal : params;
    if (similarity > this.similarity || (similarity === this.similarity && tieBreak > this.tieBreak)) {
      this.cluster = cluster;
      this.similarity = similarity;
      this.tieBreak = tieBreak;
    }
  }

  reaches(threshold: number): boolean {
    return this.cluster !== undefined && this.similarity >= threshold;
  }
}

function compare(template: readonly string[], tokens: readonly string[]): { equal: number; params: number } {
  let equal = 0;
  let params = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if (t === tokens[i]) equal++;
    else if (t === WILDCARD) params++;
  }
  return { equal, params };
}

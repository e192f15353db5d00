/** One log line as read from an environment's log store. */
export interface LogLine {
  message: string;
  /** Epoch milliseconds. */
  time: number;
  traceId?: string;
  env: string;
}

export interface MinerOptions {
  /** Share of equal tokens (0..1) a line needs to join a cluster. Default 0.5. */
  similarityThreshold?: number;
  /**
   * Similarity a line needs to be classified into a learnt pattern (default 0.7, never below
   * similarityThreshold). Stricter than learning: a new error that only shares `failed after <*> ms` with
   * a known one must not hide inside it.
   */
  matchThreshold?: number;
  /** Tree depth including the root and the length level; prefix tokens = maxDepth - 2. Default 4. */
  maxDepth?: number;
  /** Children per inner node before unknown tokens go to the `<*>` child. Default 100. */
  maxChildren?: number;
  /** Clusters before unmatched lines go to an all-wildcard overflow cluster per length. Default 1000. */
  maxClusters?: number;
}

export interface PatternMatch {
  patternId: string;
  template: string;
}

export interface Pattern {
  /** Assigned when the cluster is created; stays put while the template generalises. */
  id: string;
  /** Tokens joined by a single space, variables as `<*>`. */
  template: string;
  count: number;
}

export interface MineOptions extends MinerOptions {
  /** Distinct trace ids kept per pattern. Default 5. */
  maxTraceIds?: number;
}

export interface MinedPattern extends Pattern {
  countByEnv: Record<string, number>;
  firstSeen: number;
  lastSeen: number;
  /** The first line (raw message) that fell into the pattern. */
  example: string;
  traceIds: string[];
}

/** A candidate pattern that a baseline template already covers. */
export interface KnownPattern extends MinedPattern {
  /** Baseline lines in the baseline template. */
  baselineCount: number;
}

export interface NewPatternsInput extends MineOptions {
  baseline: Iterable<LogLine>;
  candidate: Iterable<LogLine>;
}

export interface NewPatternsResult {
  /** Templates of candidate lines that match no baseline template. */
  newPatterns: MinedPattern[];
  /** Candidate lines grouped by the baseline template they matched. */
  known: KnownPattern[];
}

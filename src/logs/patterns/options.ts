import type { MinerOptions } from './types.js';

export type ResolvedMinerOptions = Required<MinerOptions>;

/** Fills defaults one by one so that explicit `undefined` from JS callers also falls back. */
export function resolveMinerOptions(opts: MinerOptions): ResolvedMinerOptions {
  const similarityThreshold = opts.similarityThreshold ?? 0.5;
  const resolved = {
    similarityThreshold,
    matchThreshold: Math.max(opts.matchThreshold ?? 0.7, similarityThreshold),
    maxDepth: opts.maxDepth ?? 4,
    maxChildren: opts.maxChildren ?? 100,
    maxClusters: opts.maxClusters ?? 1000,
  };
  validate(resolved);
  return resolved;
}

function validate(opts: ResolvedMinerOptions): void {
  const { similarityThreshold, matchThreshold, maxDepth, maxChildren, maxClusters } = opts;
  if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
    throw new RangeError(`similarityThreshold must be within [0, 1], got ${similarityThreshold}`);
  }
  if (!(matchThreshold >= 0 && matchThreshold <= 1)) {
    throw new RangeError(`matchThreshold must be within [0, 1], got ${matchThreshold}`);
  }
  if (!Number.isInteger(maxDepth) || maxDepth < 2) throw new RangeError(`maxDepth must be an integer >= 2`);
  if (!Number.isInteger(maxChildren) || maxChildren < 1) throw new RangeError(`maxChildren must be >= 1`);
  if (!Number.isInteger(maxClusters) || maxClusters < 1) throw new RangeError(`maxClusters must be >= 1`);
}

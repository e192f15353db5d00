import { maskLine } from './mask.js';
import { PatternMiner } from './miner.js';
import { PatternStats } from './stats.js';
import type {
  KnownPattern,
  LogLine,
  MineOptions,
  MinedPattern,
  MinerOptions,
  NewPatternsInput,
  NewPatternsResult,
  Pattern,
} from './types.js';

const DEFAULT_MAX_TRACE_IDS = 5;

/** Mines templates over lines of any number of environments, with per-pattern line statistics. */
export function minePatterns(lines: Iterable<LogLine>, opts: MineOptions = {}): MinedPattern[] {
  const miner = new PatternMiner(minerOptions(opts));
  const stats = new PatternStats(opts.maxTraceIds ?? DEFAULT_MAX_TRACE_IDS);
  for (const line of lines) stats.record(miner.add(line.message).patternId, line);
  return report(miner.patterns(), stats);
}

/**
 * Trains on the baseline, then classifies each candidate line: a line no baseline template
 * matches is mined by a second miner, so similar new lines share one new template.
 */
export function newPatterns(input: NewPatternsInput): NewPatternsResult {
  const options = minerOptions(input);
  const baseline = new PatternMiner(options);
  for (const line of input.baseline) baseline.add(line.message);

  const fresh = new PatternMiner(options);
  const maxTraceIds = input.maxTraceIds ?? DEFAULT_MAX_TRACE_IDS;
  const freshStats = new PatternStats(maxTraceIds);
  const knownStats = new PatternStats(maxTraceIds);
  for (const line of input.candidate) {
    const tokens = maskLine(line.message);
    const known = baseline.matchTokens(tokens);
    if (known) knownStats.record(known.patternId, line);
    else freshStats.record(fresh.addTokens(tokens).patternId, line);
  }
  return { newPatterns: report(fresh.patterns(), freshStats), known: knownReport(baseline, knownStats) };
}

/** Copies only the miner settings, leaving absent keys absent (exactOptionalPropertyTypes). */
function minerOptions(opts: MineOptions): MinerOptions {
  const out: MinerOptions = {};
  if (opts.similarityThreshold !== undefined) out.similarityThreshold = opts.similarityThreshold;
  if (opts.maxDepth !== undefined) out.maxDepth = opts.maxDepth;
  if (opts.maxChildren !== undefined) out.maxChildren = opts.maxChildren;
  if (opts.maxClusters !== undefined) out.maxClusters = opts.maxClusters;
  return out;
}

function report(patterns: readonly Pattern[], stats: PatternStats): MinedPattern[] {
  const out: MinedPattern[] = [];
  for (const pattern of patterns) {
    const mined = stats.mined(pattern);
    if (mined) out.push(mined);
  }
  return out;
}

/** Baseline templates hit by candidate lines, by candidate count (ties: baseline count order). */
function knownReport(baseline: PatternMiner, stats: PatternStats): KnownPattern[] {
  const out: KnownPattern[] = [];
  for (const pattern of baseline.patterns()) {
    const mined = stats.mined(pattern);
    if (mined) out.push({ ...mined, baselineCount: pattern.count });
  }
  return out.sort((a, b) => b.count - a.count);
}

export { maskLine, maskToken, WILDCARD } from './mask.js';
export { PatternMiner } from './miner.js';
export { minePatterns, newPatterns } from './mine.js';
export type {
  KnownPattern,
  LogLine,
  MineOptions,
  MinedPattern,
  MinerOptions,
  NewPatternsInput,
  NewPatternsResult,
  Pattern,
  PatternMatch,
} from './types.js';

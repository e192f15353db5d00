import { LOG_LEVELS, type LevelCounts, type LogLevel } from './types.js';

// Spellings seen in the wild (log4j, syslog, python, zap, ...) for each level.
const ALIASES: Record<LogLevel, readonly string[]> = {
  trace: ['trace', 'finest', 'finer'],
  debug: ['debug', 'fine', 'verbose'],
  info: ['info', 'information', 'informational', 'notice'],
  warn: ['warn', 'warning'],
  error: ['error', 'err', 'severe'],
  fatal: ['fatal', 'critical', 'crit', 'emerg', 'emergency', 'alert', 'panic'],
};

const BY_ALIAS = new Map<string, LogLevel>(
  LOG_LEVELS.flatMap((level) => ALIASES[level].map((alias) => [alias, level] as const)),
);

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The stored values a level filter must match (keyword fields are case-sensitive). */
export function levelVariants(level: LogLevel): string[] {
  return ALIASES[level].flatMap((alias) => [alias, alias.toUpperCase(), capitalise(alias)]);
}

/** The Parallax level of a stored value, or undefined when it maps onto none. */
export function toLogLevel(raw: string): LogLevel | undefined {
  return BY_ALIAS.get(raw.trim().toLowerCase());
}

export function emptyLevelCounts(): LevelCounts {
  return { trace: 0, debug: 0, info: 0, warn: 0, error: 0, fatal: 0, other: 0 };
}

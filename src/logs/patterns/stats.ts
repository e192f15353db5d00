import type { LogLine, MinedPattern, Pattern } from './types.js';

interface Stats {
  count: number;
  byEnv: Map<string, number>;
  firstSeen: number;
  lastSeen: number;
  example: string;
  traceIds: string[];
}

/** Per-pattern line statistics, kept beside the miner because the miner only counts. */
export class PatternStats {
  private readonly table = new Map<string, Stats>();

  constructor(private readonly maxTraceIds: number) {}

  record(patternId: string, line: LogLine): void {
    const stats = this.table.get(patternId);
    if (stats) update(stats, line, this.maxTraceIds);
    else this.table.set(patternId, initial(line, this.maxTraceIds));
  }

  /** Joins the stats with the pattern's final template; undefined if no line was recorded for it. */
  mined(pattern: Pattern): MinedPattern | undefined {
    const stats = this.table.get(pattern.id);
    if (!stats) return undefined;
    return {
      id: pattern.id,
      template: pattern.template,
      count: stats.count,
      countByEnv: Object.fromEntries(stats.byEnv),
      firstSeen: stats.firstSeen,
      lastSeen: stats.lastSeen,
      example: stats.example,
      traceIds: [...stats.traceIds],
    };
  }
}

function initial(line: LogLine, maxTraceIds: number): Stats {
  const traceIds = line.traceId && maxTraceIds > 0 ? [line.traceId] : [];
  return {
    count: 1,
    byEnv: new Map([[line.env, 1]]),
    firstSeen: line.time,
    lastSeen: line.time,
    example: line.message,
    traceIds,
  };
}

function update(stats: Stats, line: LogLine, maxTraceIds: number): void {
  stats.count++;
  stats.byEnv.set(line.env, (stats.byEnv.get(line.env) ?? 0) + 1);
  if (line.time < stats.firstSeen) stats.firstSeen = line.time;
  if (line.time > stats.lastSeen) stats.lastSeen = line.time;
  const { traceId } = line;
  if (traceId && stats.traceIds.length < maxTraceIds && !stats.traceIds.includes(traceId)) {
    stats.traceIds.push(traceId);
  }
}

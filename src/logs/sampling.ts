import type { LogFilter } from './model.js';
import type { Federated, Federation, PerEnv, Selection } from '../federation/index.js';
import type { LogLine } from './patterns/index.js';
import type { EnvSample, ErrorPatternCount, ErrorPatternCounts, NewLogPatterns } from './types.js';

export interface EnvLines {
  sample: EnvSample;
  lines: LogLine[];
}

/** The newest `cap` lines of each env, in one fan-out (one deadline for all envs). */
export async function sampleEnvs(
  federation: Federation,
  envs: Selection,
  filter: LogFilter,
  cap: number,
  signal: AbortSignal | undefined,
): Promise<Federated<PerEnv<EnvLines>>> {
  return federation.logs(
    envs,
    async (store, env, s): Promise<EnvLines> => {
      const sample = await store.sample(filter, cap, s);
      const lines = sample.lines.map((line) => ({ ...line, env }));
      return {
        sample: { env, sampleSize: lines.length, total: sample.total, capped: sample.total > lines.length },
        lines,
      };
    },
    { signal },
  );
}

/** New and known candidate patterns as one list of counts, most frequent first. */
export function toErrorPatternCounts(result: NewLogPatterns): ErrorPatternCounts {
  const samples = [
    ...result.baseline.map((s) => ({ ...s, role: 'baseline' as const })),
    ...result.candidate.map((s) => ({ ...s, role: 'candidate' as const })),
  ];
  const fresh: ErrorPatternCount[] = result.newPatterns.map((p) => ({
    ...countOf(p),
    isNew: true,
    baselineCount: 0,
  }));
  const known: ErrorPatternCount[] = result.known.map((p) => ({
    ...countOf(p),
    isNew: false,
    baselineCount: p.baselineCount,
  }));
  return { samples, patterns: [...fresh, ...known].sort((a, b) => b.count - a.count) };
}

function countOf(
  p: NewLogPatterns['newPatterns'][number],
): Omit<ErrorPatternCount, 'isNew' | 'baselineCount'> {
  return {
    id: p.id,
    template: p.template,
    count: p.count,
    countByEnv: p.countByEnv,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    example: p.example,
    traceIds: p.traceIds,
  };
}

import { createDataFrame, FieldType, type DataFrame, type FieldDTO } from '@grafana/data';

export interface SideStats {
  count: number;
  errorCount: number;
  errorRatio: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}
export interface Pattern {
  template: string;
  isNew: boolean;
  count: number;
  baselineCount: number;
  perRequest: number | null;
  baselinePerRequest: number | null;
  firstSeen: string;
  lastSeen: string;
  example: string;
  traceIds: string[];
}
export interface Comparison {
  verdict?: {
    verdict: string;
    score: number | null;
    reason: string;
    missing?: Array<{ env: string; side: string; backend: string; code: string }>;
  };
  signals?: Array<{
    signal: string;
    verdict: string;
    reason: string;
    critical: boolean;
    baseline: number | null;
    candidate: number | null;
    shift: number | null;
    relativeEffect: number | null;
    pValue: number | null;
  }>;
  culprits?: Array<{
    rank: number;
    signal: string;
    verdict: string;
    env: string | null;
    score: number;
    summary: string;
  }>;
  operations?: Array<{
    operation: string;
    spanKind: string;
    deltaP50Ms: number | null;
    deltaP90Ms: number | null;
    deltaP99Ms: number | null;
    deltaErrorRatio: number | null;
    baseline: SideStats | null;
    candidate: SideStats | null;
  }>;
  logPatterns?: { newPatterns: Pattern[]; grown: Pattern[] } | null;
  migration?: Array<{
    env: string;
    side: string;
    windowSeconds: number;
    requests: number | null;
    avgThroughput: number | null;
    peakThroughput: number | null;
    successes: number | null;
    errors: number | null;
    failureRate: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
  }>;
}

type Column<T> = [name: string, type: FieldType, get: (row: T) => unknown, unit?: string];

/** A table frame: one column per entry, one row per item. */
export function table<T>(refId: string, name: string, rows: T[], columns: Array<Column<T>>): DataFrame {
  const fields: FieldDTO[] = columns.map(([field, type, get, unit]) => ({
    name: field,
    type,
    values: rows.map(get),
    ...(unit ? { config: { unit } } : {}),
  }));
  return createDataFrame({ refId, name, meta: { preferredVisualisationType: 'table' }, fields });
}

const S = FieldType.string;
const N = FieldType.number;
const T = FieldType.time;
const B = FieldType.boolean;

/** Verdict (stat), per-signal verdicts and culprits (tables). */
export function compareFrames(refId: string, c: Comparison): DataFrame[] {
  const v = c.verdict;
  const verdict = table(refId, 'verdict', v ? [v] : [], [
    ['verdict', S, (r) => r.verdict],
    ['score', N, (r) => r.score, 'none'],
    ['reason', S, (r) => r.reason],
    ['missing', S, (r) => (r.missing ?? []).map((m) => `${m.env} ${m.backend} ${m.code}`).join(', ')],
  ]);
  const signals = table(refId, 'signals', c.signals ?? [], [
    ['signal', S, (r) => r.signal],
    ['verdict', S, (r) => r.verdict],
    ['reason', S, (r) => r.reason],
    ['critical', B, (r) => r.critical],
    ['baseline', N, (r) => r.baseline],
    ['candidate', N, (r) => r.candidate],
    ['shift', N, (r) => r.shift],
    ['relative effect', N, (r) => r.relativeEffect],
    ['p-value', N, (r) => r.pValue],
  ]);
  const culprits = table(refId, 'culprits', c.culprits ?? [], [
    ['rank', N, (r) => r.rank],
    ['signal', S, (r) => r.signal],
    ['verdict', S, (r) => r.verdict],
    ['env', S, (r) => r.env],
    ['score', N, (r) => r.score],
    ['summary', S, (r) => r.summary],
  ]);
  return [verdict, signals, culprits];
}

export function operationsFrame(refId: string, c: Comparison): DataFrame {
  const side =
    (pick: 'baseline' | 'candidate', k: keyof SideStats) =>
    (r: NonNullable<Comparison['operations']>[number]) =>
      r[pick]?.[k] ?? null;
  return table(refId, 'operations', c.operations ?? [], [
    ['operation', S, (r) => r.operation],
    ['kind', S, (r) => r.spanKind],
    ['baseline count', N, side('baseline', 'count')],
    ['candidate count', N, side('candidate', 'count')],
    ['baseline p50', N, side('baseline', 'p50Ms'), 'ms'],
    ['candidate p50', N, side('candidate', 'p50Ms'), 'ms'],
    ['Δ p50', N, (r) => r.deltaP50Ms, 'ms'],
    ['baseline p99', N, side('baseline', 'p99Ms'), 'ms'],
    ['candidate p99', N, side('candidate', 'p99Ms'), 'ms'],
    ['Δ p99', N, (r) => r.deltaP99Ms, 'ms'],
    ['baseline errors', N, side('baseline', 'errorRatio'), 'percentunit'],
    ['candidate errors', N, side('candidate', 'errorRatio'), 'percentunit'],
    ['Δ errors', N, (r) => r.deltaErrorRatio, 'percentunit'],
  ]);
}

export function logPatternsFrame(refId: string, c: Comparison): DataFrame {
  const rows = [...(c.logPatterns?.newPatterns ?? []), ...(c.logPatterns?.grown ?? [])];
  return table(refId, 'log patterns', rows, [
    ['pattern', S, (r) => r.template],
    ['change', S, (r) => (r.isNew ? 'new' : 'grown')],
    ['count', N, (r) => r.count],
    ['baseline count', N, (r) => r.baselineCount],
    ['per request', N, (r) => r.perRequest],
    ['first seen', T, (r) => Date.parse(r.firstSeen)],
    ['last seen', T, (r) => Date.parse(r.lastSeen)],
    ['example', S, (r) => r.example],
    ['trace ids', S, (r) => r.traceIds.join(' ')],
  ]);
}

export function migrationFrame(refId: string, c: Comparison): DataFrame {
  return table(refId, 'migration', c.migration ?? [], [
    ['env', S, (r) => r.env],
    ['side', S, (r) => r.side.toLowerCase()],
    ['requests', N, (r) => r.requests, 'short'],
    ['avg TPS', N, (r) => r.avgThroughput, 'reqps'],
    ['peak TPS', N, (r) => r.peakThroughput, 'reqps'],
    ['successes', N, (r) => r.successes, 'short'],
    ['errors', N, (r) => r.errors, 'short'],
    ['fail rate', N, (r) => r.failureRate, 'percentunit'],
    ['p50', N, (r) => r.p50Ms, 'ms'],
    ['p99', N, (r) => r.p99Ms, 'ms'],
  ]);
}

export interface WindowVerdict {
  start: number;
  end: number;
  verdict: string;
  score: number | null;
  reason: string;
}

/** Verdict per window, shaped for annotations (time, timeEnd, title, text, tags) and for a table. */
export function verdictFrame(refId: string, service: string, rows: WindowVerdict[]): DataFrame {
  return table(refId, 'verdicts', rows, [
    ['time', T, (r) => r.start],
    ['timeEnd', T, (r) => r.end],
    ['title', S, (r) => `${service}: ${r.verdict}`],
    ['text', S, (r) => r.reason],
    ['verdict', S, (r) => r.verdict],
    ['score', N, (r) => r.score, 'none'],
    ['tags', FieldType.other, (r) => ['parallax', service, r.verdict.toLowerCase()]],
  ]);
}

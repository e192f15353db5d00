import type { SignalName } from '../../signals/index.js';
import { overall } from '../verdict/index.js';
import { rankCulprits } from './culprits.js';
import { improvementsOf } from './improvements.js';
import { judgeSignals } from './judge.js';
import { judgeLogs, logPatternDiff } from './logs.js';
import { migrationTable } from './migration.js';
import { compareOperations, traceSamples } from './operations.js';
import { emptyReason, sideEvidence } from './presence.js';
import { envsOf, sideCounts } from './sides.js';
import { judgeTraceOperations } from './trace-signal.js';
import { trafficShares } from './traffic.js';
import type {
  CompareData,
  CompareSeries,
  Comparison,
  OperationComparison,
  OverallVerdict,
  Side,
  SignalComparison,
} from './types.js';

function seriesOf(data: CompareData): CompareSeries[] {
  const signals = [...new Set<SignalName>(['request_rate', ...data.signals])];
  return data.metrics.flatMap((m) =>
    signals.map((signal) => ({ env: m.env, side: m.side, signal, points: m.series[signal] ?? [] })),
  );
}

function logsAnswered(data: CompareData): { baseline: boolean; candidate: boolean } {
  const samples = data.logs?.samples ?? [];
  return {
    baseline: samples.some((s) => s.role === 'baseline'),
    candidate: samples.some((s) => s.role === 'candidate'),
  };
}

/** Signals that rest on requests or spans: without one of them judged, a logs pass proves nothing. */
const REQUEST_EVIDENCE = (s: SignalComparison): boolean => s.name !== 'error_logs' && s.verdict !== 'no_data';

function overallOf(
  signals: readonly SignalComparison[],
  operations: readonly OperationComparison[],
  data: CompareData,
): OverallVerdict {
  const missing = [...data.missing];
  const evidence = sideEvidence(data);
  const improvements = improvementsOf(signals, operations);
  const note =
    missing.length === 0
      ? ''
      : `; rests on partial data: ${missing.map((m) => `${m.env} ${m.backend} ${m.code}`).join(', ')}`;
  const empty = evidence.filter((e) => e.empty);
  if (empty.length > 0) {
    const reason = `no data: ${empty.map((e) => emptyReason(e, missing)).join('; ')}`;
    return { verdict: 'no_data', score: null, reason, missing, improvements: [], evidence };
  }
  const result = overall(
    signals.map((s) => ({ signal: s.signal, verdict: s.verdict, weight: s.weight, critical: s.critical })),
  );
  if (result.verdict === 'pass' && !signals.some(REQUEST_EVIDENCE)) {
    const reason = `no data: no metric signal or trace operation could be judged (${result.reason})${note}`;
    return { verdict: 'no_data', score: null, reason, missing, improvements, evidence };
  }
  return { ...result, reason: `${result.reason}${note}`, missing, improvements, evidence };
}

/**
 * The comparison of a service's baseline envs with its candidate envs: per-signal verdicts judged per
 * request, per-operation span judgements, error-log pattern tests, traffic shares, the migration table,
 * culprits and the overall verdict. Pure: the service gathers the data.
 */
export function buildComparison(data: CompareData): Comparison {
  const sideOf = (env: string): Side => (data.candidate.includes(env) ? 'candidate' : 'baseline');
  const requests = {
    baseline: sideCounts(envsOf(data.metrics, 'baseline')),
    candidate: sideCounts(envsOf(data.metrics, 'candidate')),
  };
  const logs = data.logs ? logPatternDiff(data.logs, requests) : null;
  const tolerances = { latency: data.tolerances.latency_p50, errors: data.tolerances.error_ratio };
  const operations = data.operations ? compareOperations(data.operations, sideOf, tolerances) : [];
  const signals = [
    ...judgeSignals(data),
    judgeTraceOperations(data.operations ? operations : null),
    judgeLogs(logs, logsAnswered(data), requests),
  ];
  const verdict = overallOf(signals, operations, data);
  return {
    service: data.service,
    baseline: [...data.baseline],
    candidate: [...data.candidate],
    range: data.range,
    verdict,
    signals,
    series: seriesOf(data),
    traffic: trafficShares(data.metrics),
    operations,
    traceSamples: data.operations ? traceSamples(data.operations, sideOf) : [],
    logPatterns: logs,
    migration: migrationTable(data.metrics, data.range),
    culprits:
      verdict.verdict === 'no_data'
        ? []
        : rankCulprits({ signals, operations, logs, includeMarginal: verdict.verdict !== 'pass' }),
  };
}

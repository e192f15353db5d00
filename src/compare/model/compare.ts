import type { SignalName } from '../../signals/index.js';
import { overall } from '../verdict/index.js';
import { rankCulprits } from './culprits.js';
import { judgeSignals } from './judge.js';
import { judgeLogs, logPatternDiff } from './logs.js';
import { migrationTable } from './migration.js';
import { compareOperations, traceSamples } from './operations.js';
import { envsOf, sideCounts } from './sides.js';
import { trafficShares } from './traffic.js';
import type { CompareData, CompareSeries, Comparison, Side, SignalComparison } from './types.js';

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

function overallOf(signals: readonly SignalComparison[], data: CompareData) {
  const result = overall(
    signals.map((s) => ({ signal: s.signal, verdict: s.verdict, weight: s.weight, critical: s.critical })),
  );
  const missing = [...data.missing];
  const note =
    missing.length === 0
      ? ''
      : `; rests on partial data: ${missing.map((m) => `${m.env} ${m.backend} ${m.code}`).join(', ')}`;
  return { ...result, reason: `${result.reason}${note}`, missing };
}

/**
 * The comparison of a service's baseline envs with its candidate envs: per-signal verdicts judged per
 * request, traffic shares, per-operation and log-pattern diffs, the migration table, culprits and the
 * overall verdict. Pure: the service gathers the data.
 */
export function buildComparison(data: CompareData): Comparison {
  const sideOf = (env: string): Side => (data.candidate.includes(env) ? 'candidate' : 'baseline');
  const requests = {
    baseline: sideCounts(envsOf(data.metrics, 'baseline')),
    candidate: sideCounts(envsOf(data.metrics, 'candidate')),
  };
  const logs = data.logs ? logPatternDiff(data.logs, requests) : null;
  const signals = [...judgeSignals(data), judgeLogs(logs, logsAnswered(data), requests)];
  const operations = data.operations ? compareOperations(data.operations, sideOf) : [];
  const verdict = overallOf(signals, data);
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
    culprits: rankCulprits({ signals, operations, logs, includeMarginal: verdict.verdict !== 'pass' }),
  };
}

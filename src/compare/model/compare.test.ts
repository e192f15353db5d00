import { describe, expect, it } from 'vitest';
import type { Point } from '../../series/index.js';
import type { ErrorPatternCounts } from '../../logs/index.js';
import type { ServiceOperationStats } from '../../traces/index.js';
import { buildComparison } from './compare.js';
import { DEFAULT_TOLERANCES } from './tolerances.js';
import type { CompareData, EnvMetrics, Side } from './types.js';

const STEP = 60_000;
const START = 1_700_000_000_000;
const N = 61;

/** A deterministic wobble so Mann-Whitney sees distinct values. */
const wobble = (i: number, seed: number): number => Math.sin(i * 12.9898 + seed * 78.233) * 0.5;

function series(fn: (i: number) => number): Point[] {
  return Array.from({ length: N }, (_, i) => ({ t: START + i * STEP, v: fn(i) }));
}

interface EnvSpec {
  env: string;
  side: Side;
  rps: number;
  latencyMs: number;
  errorRatio: number;
  seed: number;
}

function envMetrics(s: EnvSpec): EnvMetrics {
  const total = Math.round(s.rps * 3600);
  return {
    env: s.env,
    side: s.side,
    series: {
      request_rate: series(() => s.rps),
      error_ratio: series(() => s.errorRatio),
      latency_p50: series((i) => s.latencyMs + wobble(i, s.seed)),
      latency_p99: series((i) => 3 * s.latencyMs + wobble(i, s.seed + 1)),
    },
    counts: { total, errors: Math.round(total * s.errorRatio) },
    latency: { p50Ms: s.latencyMs, p99Ms: 3 * s.latencyMs },
  };
}

function data(vm: Partial<EnvSpec>, k8s: Partial<EnvSpec>, over: Partial<CompareData> = {}): CompareData {
  const base = { rps: 50, latencyMs: 30, errorRatio: 0.005 };
  return {
    service: 'svc',
    baseline: ['kr-vm'],
    candidate: ['kr-k8s'],
    range: { start: START, end: START + (N - 1) * STEP, step: STEP },
    signals: ['request_rate', 'error_ratio', 'latency_p50', 'latency_p99'],
    tolerances: DEFAULT_TOLERANCES,
    judgeSpacingMs: 5 * STEP,
    metrics: [
      envMetrics({ env: 'kr-vm', side: 'baseline', seed: 1, ...base, ...vm }),
      envMetrics({ env: 'kr-k8s', side: 'candidate', seed: 2, ...base, ...k8s }),
    ],
    operations: null,
    logs: null,
    missing: [],
    ...over,
  };
}

/** 200 span durations spread evenly (deterministically shuffled) from 0.8x to 1.2x of a median. */
function durations(p50: number, seed: number): number[] {
  return Array.from({ length: 200 }, (_, i) => p50 * (0.8 + 0.4 * ((i * 0.618_034 + seed * 0.1) % 1))).sort(
    (a, b) => a - b,
  );
}

type Kind = 'server' | 'client' | 'producer';

function op(operation: string, spanKind: Kind, p50: number, errorCount: number, seed = 0) {
  return {
    operation,
    spanKind,
    count: 200,
    errorCount,
    errorRatio: errorCount / 200,
    p50Ms: p50,
    p90Ms: p50 * 1.5,
    p99Ms: p50 * 2,
    durationsMs: durations(p50, seed),
  };
}

function ops(env: string, redisP50: number, rootP50: number, redisErrors = 0): ServiceOperationStats {
  return {
    env,
    service: 'svc',
    sampleSize: 200,
    capped: false,
    operations: [
      op('GET /pay', 'server', rootP50, redisErrors),
      op('redis GET', 'client', redisP50, redisErrors),
      op('SELECT orders', 'client', 10, 0),
    ],
  };
}

const verdictOf = (c: ReturnType<typeof buildComparison>, name: string) =>
  c.signals.find((s) => s.name === name)?.verdict;

describe('buildComparison: per request, never by volume', () => {
  it('passes a 10/90 traffic split with identical per-request behaviour, and reports the shares', () => {
    const c = buildComparison(data({ rps: 90 }, { rps: 10 }));
    expect(c.verdict.verdict).toBe('pass');
    expect(c.culprits).toEqual([]);
    expect(c.traffic.map((t) => [t.env, t.share])).toEqual([
      ['kr-vm', 0.9],
      ['kr-k8s', 0.1],
    ]);
    expect(c.traffic[1]?.points.every((p) => Math.abs(p.v - 0.1) < 1e-12)).toBe(true);
    expect(c.signals.map((s) => s.name)).not.toContain('request_rate');
  });

  it('judges the error ratio on counts: 0.1% -> 1% fails whatever the volumes', () => {
    const c = buildComparison(data({ rps: 90, errorRatio: 0.001 }, { rps: 10, errorRatio: 0.01 }));
    expect(verdictOf(c, 'error_ratio')).toBe('fail');
    expect(c.verdict.verdict).toBe('fail');
    expect(c.culprits[0]).toMatchObject({ signal: 'error_ratio', env: 'kr-k8s' });
    expect(c.culprits[0]?.summary).toBe('error ratio 0.10% -> 1.00% (+0.90 pp) in kr-k8s');
  });

  it('weights a side of several envs by their request rate at each step', () => {
    const d = data({}, {});
    d.baseline = ['kr-vm', 'jp-vm'];
    d.metrics = [
      ...d.metrics,
      envMetrics({ env: 'jp-vm', side: 'baseline', rps: 5, latencyMs: 300, errorRatio: 0.005, seed: 3 }),
    ];
    const c = buildComparison(d);
    const p50 = c.signals.find((s) => s.name === 'latency_p50');
    // (50 * 30 + 5 * 300) / 55 ≈ 54.5: the slow small env moves the side a little, not to its own median.
    expect(p50?.baselineMedian).toBeGreaterThan(50);
    expect(p50?.baselineMedian).toBeLessThan(60);
    expect(p50?.nBaseline).toBe(13);
  });

  it('judges latency on points a rate window apart', () => {
    const c = buildComparison(data({}, { latencyMs: 35 }));
    const p50 = c.signals.find((s) => s.name === 'latency_p50');
    expect(p50).toMatchObject({ verdict: 'fail', nBaseline: 13, nCandidate: 13 });
    expect(p50?.shift).toBeCloseTo(5, 0);
  });
});

describe('culprits', () => {
  it('names the env, the signal and the child operation that moved, not the endpoint calling it', () => {
    const c = buildComparison(
      data({}, { latencyMs: 35 }, { operations: [ops('kr-vm', 2, 20), ops('kr-k8s', 7, 25)] }),
    );
    expect(c.culprits.map((x) => x.signal)).toEqual(['trace_operations', 'latency_p99', 'latency_p50']);
    const [spans, p99] = c.culprits;
    expect(spans).toMatchObject({ rank: 1, env: 'kr-k8s', verdict: 'fail' });
    expect(spans?.operation).toMatchObject({ operation: 'redis GET', spanKind: 'client', measure: 'shift' });
    expect(spans?.operation?.delta).toBeCloseTo(5, 0);
    expect(p99?.operation).toMatchObject({
      operation: 'redis GET',
      spanKind: 'client',
      measure: 'p99',
      delta: 10,
    });
    expect(p99?.summary).toMatch(
      /^p99 latency \+\d+\.\d ms \(\+\d+%\) in kr-k8s, mostly operation `redis GET` \(\+\d+\.\d ms\)$/,
    );
  });

  it('fails on an async span operation that slowed while request latency did not move', () => {
    const withPublish = (env: string, ms: number): ServiceOperationStats => {
      const base = ops(env, 2, 20);
      return {
        ...base,
        operations: [...base.operations, op('kafka publish order-events', 'producer', ms, 0, 3)],
      };
    };
    const c = buildComparison(
      data({}, {}, { operations: [withPublish('kr-vm', 4), withPublish('kr-k8s', 14)] }),
    );
    expect(verdictOf(c, 'latency_p50')).toBe('pass');
    expect(verdictOf(c, 'trace_operations')).toBe('fail');
    expect(c.verdict.verdict).toBe('fail');
    expect(c.culprits[0]?.operation?.operation).toBe('kafka publish order-events');
    expect(c.culprits[0]?.summary).toMatch(
      /^span operation `kafka publish order-events` \(producer\) duration \+10\.\d ms/,
    );
  });

  it('passes identical spans and lists a faster operation as an improvement, never as a failure', () => {
    const same = buildComparison(data({}, {}, { operations: [ops('kr-vm', 2, 20), ops('kr-k8s', 2, 20)] }));
    expect(verdictOf(same, 'trace_operations')).toBe('pass');
    const faster = buildComparison(
      data({}, {}, { operations: [ops('kr-vm', 12, 30), ops('kr-k8s', 2, 20)] }),
    );
    expect(faster.verdict.verdict).toBe('pass');
    expect(faster.verdict.improvements).toEqual([
      'operation `GET /pay` -10.0 ms',
      'operation `redis GET` -10.0 ms',
    ]);
  });

  it('names the server operation when no child explains the move', () => {
    const c = buildComparison(
      data({}, { latencyMs: 35 }, { operations: [ops('kr-vm', 2, 20), ops('kr-k8s', 2.1, 25)] }),
    );
    expect(c.culprits[0]?.operation?.operation).toBe('GET /pay');
  });

  it('names every failing signal: the error ratio with its operation, the new log pattern on its own', () => {
    const logs: ErrorPatternCounts = {
      samples: [
        { env: 'kr-vm', role: 'baseline', sampleSize: 100, total: 100, capped: false },
        { env: 'kr-k8s', role: 'candidate', sampleSize: 250, total: 500, capped: true },
      ],
      patterns: [
        {
          id: 'p1',
          template: 'redis timeout after <*> ms',
          isNew: true,
          count: 66,
          countByEnv: { 'kr-k8s': 66 },
          baselineCount: 0,
          firstSeen: START,
          lastSeen: START + 1000,
          example: 'redis timeout after 250 ms',
          traceIds: [],
        },
      ],
    };
    const c = buildComparison(
      data(
        { errorRatio: 0.001 },
        { errorRatio: 0.01, latencyMs: 35 },
        { logs, operations: [ops('kr-vm', 2, 20), ops('kr-k8s', 7, 25, 10)] },
      ),
    );
    const signals = c.culprits.map((x) => x.signal);
    expect(signals.slice(0, 3).sort()).toEqual(['error_logs', 'error_ratio', 'trace_operations']);
    const errors = c.culprits.find((x) => x.signal === 'error_ratio');
    expect(errors?.summary).toBe(
      'error ratio 0.10% -> 1.00% (+0.90 pp) in kr-k8s, mostly operation `redis GET` (errors 0.00% -> 5.00%)',
    );
    // Capped at half the lines: 66 sampled lines stand for 132.
    const logsCulprit = c.culprits.find((x) => x.signal === 'error_logs');
    expect(logsCulprit?.summary).toBe(
      'new log pattern `redis timeout after <*> ms` x132, 0.07% of requests in kr-k8s',
    );
    expect(c.logPatterns?.newPatterns[0]?.count).toBe(132);
    expect(verdictOf(c, 'error_logs')).toBe('fail');
  });

  it('flags a known error pattern whose lines per request grew', () => {
    const logs: ErrorPatternCounts = {
      samples: [
        { env: 'kr-vm', role: 'baseline', sampleSize: 900, total: 900, capped: false },
        { env: 'kr-k8s', role: 'candidate', sampleSize: 300, total: 300, capped: false },
      ],
      patterns: [
        {
          id: 'p2',
          template: 'payment declined for order <*>',
          isNew: false,
          count: 300,
          countByEnv: { 'kr-k8s': 300 },
          baselineCount: 900,
          firstSeen: START,
          lastSeen: START,
          example: 'payment declined for order 1',
          traceIds: [],
        },
      ],
    };
    // 9x fewer requests in the candidate but a third of the lines: 3x more per request, beyond x2.
    const grown = buildComparison(data({ rps: 90 }, { rps: 10 }, { logs }));
    expect(grown.logPatterns?.grown.map((p) => p.template)).toEqual(['payment declined for order <*>']);
    expect(grown.logPatterns?.grown[0]?.rateRatio).toBeCloseTo(3, 12);
    expect(verdictOf(grown, 'error_logs')).toBe('fail');
    expect(grown.verdict.verdict).toBe('fail');
    // The same lines with traffic in the same proportion: nothing grew.
    const same = buildComparison(data({ rps: 75 }, { rps: 25 }, { logs }));
    expect(same.logPatterns?.grown).toEqual([]);
    expect(verdictOf(same, 'error_logs')).toBe('pass');
  });
});

describe('migration table and missing data', () => {
  it('gives avg and peak throughput, successes, errors, failure rate and quantiles per env', () => {
    const c = buildComparison(data({ rps: 90, errorRatio: 0.097 }, { rps: 10, errorRatio: 0 }));
    expect(c.migration).toEqual([
      {
        env: 'kr-vm',
        side: 'baseline',
        windowSeconds: 3600,
        requests: 324_000,
        avgThroughput: 90,
        peakThroughput: 90,
        successes: 292_572,
        errors: 31_428,
        failureRate: 0.097,
        p50Ms: 30,
        p99Ms: 90,
      },
      {
        env: 'kr-k8s',
        side: 'candidate',
        windowSeconds: 3600,
        requests: 36_000,
        avgThroughput: 10,
        peakThroughput: 10,
        successes: 36_000,
        errors: 0,
        failureRate: 0,
        p50Ms: 30,
        p99Ms: 90,
      },
    ]);
  });

  it('says when a verdict rests on missing data, and is no_data when a side is gone', () => {
    const d = data({}, {});
    const c = buildComparison({
      ...d,
      metrics: d.metrics.filter((m) => m.side === 'baseline'),
      missing: [{ env: 'kr-k8s', side: 'candidate', backend: 'prometheus', code: 'BACKEND_UNREACHABLE' }],
    });
    expect(c.verdict.verdict).toBe('no_data');
    expect(c.verdict.reason).toBe(
      'no data: candidate kr-k8s is absent from every backend (prometheus BACKEND_UNREACHABLE; jaeger: nothing for the service; elasticsearch: nothing for the service)',
    );
    expect(c.signals[0]?.reason).toContain('[without kr-k8s (BACKEND_UNREACHABLE)]');
    expect(c.signals[0]?.missingEnvs).toEqual(['kr-k8s']);
  });
});

describe('no data is never a pass', () => {
  it('is no_data when the candidate takes zero requests in the window (a rollback)', () => {
    const d = data({}, {});
    const zero = d.metrics.map((m) =>
      m.side === 'candidate' ? { ...m, counts: { total: 0, errors: 0 } } : m,
    );
    const c = buildComparison({ ...d, metrics: zero });
    expect(c.verdict.verdict).toBe('no_data');
    expect(c.verdict.score).toBeNull();
    expect(c.verdict.reason).toMatch(
      /^no data: candidate kr-k8s had no traffic in the window \(prometheus: 0 requests;/,
    );
    expect(c.culprits).toEqual([]);
  });

  it('is no_data when only error logs could be judged', () => {
    const logs: ErrorPatternCounts = {
      samples: [
        { env: 'kr-vm', role: 'baseline', sampleSize: 10, total: 10, capped: false },
        { env: 'kr-k8s', role: 'candidate', sampleSize: 10, total: 10, capped: false },
      ],
      patterns: [],
    };
    const d = data({}, {}, { logs, signals: ['request_rate'] });
    const c = buildComparison(d);
    expect(verdictOf(c, 'error_logs')).toBe('pass');
    expect(c.verdict.verdict).toBe('no_data');
    expect(c.verdict.reason).toMatch(/^no data: no metric signal or trace operation could be judged/);
  });

  it('tells an absent candidate (no series, no spans, no error lines) from one with zero traffic', () => {
    const d = data({}, {});
    const absent = buildComparison({
      ...d,
      metrics: d.metrics.map((m) => (m.side === 'candidate' ? { ...m, counts: null } : m)),
      operations: [{ env: 'kr-k8s', service: 'svc', sampleSize: 0, capped: false, operations: [] }],
    });
    expect(absent.verdict.reason).toBe(
      'no data: candidate kr-k8s is absent from every backend (prometheus: nothing for the service; jaeger: 0 traces; elasticsearch: nothing for the service)',
    );
  });
});

import type { LogPattern, Scenario, ScenarioClass, SideProfile, Stall, TruthCulprit } from './model.js';

/** Requests per second of a scenario over both envs, unless it says otherwise. */
const TOTAL_RPS = 20;

/** Lines every env writes per request (the same in both: log volume follows traffic). */
export const BASE_LOGS: readonly LogPattern[] = [
  { template: 'order {n} served in {n} ms', level: 'info', perRequest: 0.01 },
  { template: 'slow query on table orders took {n} ms', level: 'warn', perRequest: 0.004 },
  { template: 'payment declined for order {n}: card expired', level: 'error', perRequest: 0.003 },
  {
    template: 'upstream connect error or disconnect/reset before headers, retried {n} times',
    level: 'error',
    perRequest: 0.0005,
  },
];

/** The line each failed (5xx) request writes; its rate is the env's error ratio. */
export const FAILED_REQUEST_LOG = 'request failed with status 500 after {n} ms';

export const PATTERNS = {
  dns: 'dns lookup of inventory.kr.internal failed: no such host, attempt {n}',
  tls: 'tls handshake to payments-gateway failed after {n} ms',
  timeout: 'timeout calling inventory-service after {n} ms',
  redisTimeout: 'redis timeout after {n} ms',
  breaker: 'circuit breaker open for pricing-service, rejected call {n}',
  pool: 'connection pool exhausted for orders-db, waited {n} ms',
} as const;

const error = (template: string, perRequest: number): LogPattern => ({
  template,
  level: 'error',
  perRequest,
});

type Over = Partial<SideProfile>;

interface Shape {
  /** Candidate share of the traffic, constant or per minute of the hour. */
  candidateShare?: number | ((minute: number) => number);
  totalRps?: number;
  both?: Over;
  baseline?: Over;
  candidate?: Over;
}

function side(rps: (minute: number) => number, over: Over): SideProfile {
  return {
    presence: 'present',
    rps,
    errorRatio: 0.002,
    latencyMs: 30,
    spread: 0.35,
    stalls: [],
    extraMs: {},
    logs: [...BASE_LOGS],
    ...over,
  };
}

function sides(shape: Shape): Pick<Scenario, 'baseline' | 'candidate'> {
  const total = shape.totalRps ?? TOTAL_RPS;
  const share = shape.candidateShare ?? 0.5;
  const at = typeof share === 'number' ? () => share : share;
  return {
    baseline: side((m) => total * (1 - at(m)), { ...shape.both, ...shape.baseline }),
    candidate: side((m) => total * at(m), { ...shape.both, ...shape.candidate }),
  };
}

interface Entry extends Shape {
  name: string;
  /** Overrides the name's hash: picks a draw whose realised data match the label (see the truth test). */
  seed?: number;
  class: ScenarioClass;
  expected: Scenario['expected'];
  acceptable?: Scenario['acceptable'];
  culprit?: TruthCulprit;
  why: string;
}

const seedOf = (text: string): number =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619), 2_166_136_261) >>> 0;

function scenario(e: Entry): Scenario {
  return {
    name: e.name,
    service: `${e.name}-svc`,
    class: e.class,
    seed: e.seed ?? seedOf(e.name),
    ...sides(e),
    expected: e.expected,
    ...(e.acceptable ? { acceptable: e.acceptable } : {}),
    ...(e.culprit ? { culprit: e.culprit } : {}),
    why: e.why,
  };
}

/** Rolled back (or drained) 10 min before the hour: traffic, spans and logs stop there. */
const idle = (rps: number): Over => ({ presence: 'idle', rps: (m) => (m < -10 ? rps : 0) });
const stalls = (...list: [number, number, number][]): Stall[] =>
  list.map(([fromMin, toMin, factor]) => ({ fromMin, toMin, factor }));

const ENTRIES: Entry[] = [
  // Controls: the same service in both envs; only the random draws (and traffic jitter) differ.
  {
    name: 'control-steady',
    class: 'control',
    expected: 'PASS',
    why: 'identical behaviour at 50/50; only sampling noise differs',
  },
  {
    name: 'control-busy',
    class: 'control',
    totalRps: 60,
    both: { latencyMs: 45 },
    expected: 'PASS',
    why: 'identical behaviour at 30 req/s per env',
  },
  {
    name: 'control-noisy',
    class: 'control',
    both: { spread: 0.6 },
    expected: 'PASS',
    why: 'identical behaviour with a wide latency spread (sigma 0.6)',
  },
  {
    name: 'control-quiet',
    class: 'control',
    totalRps: 4,
    expected: 'PASS',
    why: 'identical behaviour at 2 req/s per env',
  },
  {
    name: 'control-slow-service',
    class: 'control',
    both: { latencyMs: 180, errorRatio: 0.01 },
    expected: 'PASS',
    why: 'identical behaviour of a slow service (p50 180 ms) with 1% errors in both envs',
  },
  // Pure traffic splits (named baseline-candidate %): per-request behaviour identical, only the share differs.
  {
    name: 'split-90-10',
    class: 'split',
    candidateShare: 0.1,
    expected: 'PASS',
    why: 'candidate takes 10% of the traffic, same per-request behaviour',
  },
  {
    name: 'split-10-90',
    class: 'split',
    candidateShare: 0.9,
    expected: 'PASS',
    why: 'candidate takes 90% of the traffic, same per-request behaviour',
  },
  {
    name: 'split-50-50',
    class: 'split',
    totalRps: 40,
    expected: 'PASS',
    why: 'traffic shared 50/50 at 40 req/s, same per-request behaviour',
  },
  {
    name: 'split-growth',
    class: 'split',
    candidateShare: (m) => 0.1 + (0.5 * Math.min(60, Math.max(0, m))) / 60,
    expected: 'PASS',
    why: 'candidate share grows from 10% to 60% over the hour, same per-request behaviour',
  },
  {
    name: 'split-80-20-errors',
    class: 'split',
    candidateShare: 0.2,
    both: { errorRatio: 0.01 },
    expected: 'PASS',
    why: 'candidate takes 20%; 1% errors in both envs, so error counts differ only by traffic',
  },
  // Improvements: the candidate is better; never a failure.
  {
    name: 'improve-latency',
    class: 'improvement',
    baseline: { latencyMs: 40, extraMs: { 'SELECT orders': 10 } },
    expected: 'PASS',
    why: 'candidate 10 ms faster (p50 40 -> 30 ms, `SELECT orders` -10 ms)',
  },
  {
    name: 'improve-errors',
    class: 'improvement',
    baseline: { errorRatio: 0.01 },
    candidate: { errorRatio: 0.001 },
    expected: 'PASS',
    why: 'error ratio 1% -> 0.1%',
  },
  {
    name: 'improve-pattern-gone',
    class: 'improvement',
    baseline: { logs: [...BASE_LOGS, error(PATTERNS.pool, 0.003)] },
    expected: 'PASS',
    why: 'an error pattern of the baseline (0.3% of requests) is gone in the candidate',
  },
  {
    name: 'improve-tail',
    class: 'improvement',
    candidate: { spread: 0.2 },
    expected: 'PASS',
    why: 'same median, tighter tail in the candidate (p99 lower)',
  },
  // Dependency latency: calls leaving the cluster are 5 ms slower.
  ...([0.5, 0.1, 0.9] as const).map((share): Entry => ({
    name: `dep-redis-${Math.round((1 - share) * 100)}-${Math.round(share * 100)}`,
    class: 'dependency-latency',
    candidateShare: share,
    candidate: { latencyMs: 35, extraMs: { 'redis GET': 5 } },
    expected: 'FAIL',
    culprit: { signal: 'LATENCY_P50', operation: 'redis GET' },
    why: `\`redis GET\` +5 ms in the candidate (request p50 30 -> 35 ms) at a ${Math.round(share * 100)}% candidate share`,
  })),
  // Error ratio 0.1% -> 1%.
  ...([0.5, 0.1, 0.9] as const).map((share): Entry => ({
    name: `err-ratio-${Math.round((1 - share) * 100)}-${Math.round(share * 100)}`,
    class: 'error-ratio',
    candidateShare: share,
    baseline: { errorRatio: 0.001 },
    candidate: { errorRatio: 0.01 },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_RATIO' },
    why: `error ratio 0.1% -> 1% at a ${Math.round(share * 100)}% candidate share`,
  })),
  // New ERROR patterns at a fraction of a percent of the candidate's requests.
  {
    name: 'newlog-dns',
    class: 'new-log-pattern',
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.dns, 0.002)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'dns lookup of inventory.kr.internal failed' },
    why: 'new DNS failure in 0.2% of candidate requests, none in the baseline',
  },
  {
    name: 'newlog-tls',
    class: 'new-log-pattern',
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.tls, 0.003)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'tls handshake to payments-gateway failed' },
    why: 'new TLS handshake failure in 0.3% of candidate requests, none in the baseline',
  },
  {
    name: 'newlog-timeout-10',
    class: 'new-log-pattern',
    candidateShare: 0.1,
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.timeout, 0.005)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'timeout calling inventory-service' },
    why: 'new dependency timeout in 0.5% of candidate requests while it takes 10% of traffic',
  },
  {
    name: 'newlog-dns-10',
    class: 'new-log-pattern',
    candidateShare: 0.1,
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.dns, 0.003)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'dns lookup of inventory.kr.internal failed' },
    why: 'new DNS failure in 0.3% of candidate requests while it takes 10% of traffic',
  },
  // An existing pattern grows per request while raw counts stay about equal (candidate at 10%).
  {
    name: 'grown-x10-10',
    class: 'grown-log-pattern',
    candidateShare: 0.1,
    baseline: { logs: [...BASE_LOGS, error(PATTERNS.redisTimeout, 0.002)] },
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.redisTimeout, 0.02)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'redis timeout after' },
    why: '`redis timeout` 0.2% -> 2% of requests (x10) at a 10% candidate share: raw counts about equal',
  },
  {
    name: 'grown-x9-10',
    class: 'grown-log-pattern',
    candidateShare: 0.1,
    baseline: { logs: [...BASE_LOGS, error(PATTERNS.breaker, 0.003)] },
    candidate: { logs: [...BASE_LOGS, error(PATTERNS.breaker, 0.027)] },
    expected: 'FAIL',
    culprit: { signal: 'ERROR_LOGS', pattern: 'circuit breaker open for pricing-service' },
    why: '`circuit breaker open` 0.3% -> 2.7% of requests (x9) at a 10% candidate share: raw counts equal',
  },
  // Async work after the response: invisible in request latency, plain in the spans.
  {
    name: 'async-kafka',
    class: 'async-span',
    candidate: { extraMs: { 'kafka publish order-events': 10 } },
    expected: 'FAIL',
    culprit: { signal: 'TRACE_OPERATIONS', operation: 'kafka publish order-events' },
    why: 'PRODUCER span `kafka publish order-events` (after the response) +10 ms; request latency unchanged',
  },
  {
    name: 'async-cache',
    class: 'async-span',
    candidate: { extraMs: { 'cache write': 10 } },
    expected: 'FAIL',
    culprit: { signal: 'TRACE_OPERATIONS', operation: 'cache write' },
    why: 'INTERNAL span `cache write` (after the response) +10 ms; request latency unchanged',
  },
  {
    name: 'async-kafka-10',
    class: 'async-span',
    candidateShare: 0.1,
    candidate: { extraMs: { 'kafka publish order-events': 10 } },
    expected: 'FAIL',
    culprit: { signal: 'TRACE_OPERATIONS', operation: 'kafka publish order-events' },
    why: '`kafka publish order-events` +10 ms at a 10% candidate share (fewer candidate traces)',
  },
  // A slow synchronous call: the request latency moves with it.
  {
    name: 'slow-select',
    class: 'slow-client-span',
    candidate: { latencyMs: 55, extraMs: { 'SELECT orders': 25 } },
    expected: 'FAIL',
    culprit: { signal: 'LATENCY_P50', operation: 'SELECT orders' },
    why: 'CLIENT span `SELECT orders` +25 ms, request p50 30 -> 55 ms',
  },
  // Kayenta #780: normal most of the hour, much slower for ~30% of it.
  {
    name: 'stall-block',
    class: 'stall',
    candidate: { stalls: stalls([30, 48, 6]) },
    expected: 'FAIL',
    culprit: { signal: 'LATENCY_P99' },
    why: 'candidate stalls (every request x6 slower) for 18 of 60 minutes, normal otherwise',
  },
  {
    name: 'stall-bursts',
    class: 'stall',
    candidate: { stalls: stalls([8, 14, 5], [26, 32, 5], [44, 50, 5]) },
    expected: 'FAIL',
    culprit: { signal: 'LATENCY_P99' },
    why: 'candidate stalls (x5) in three 6-minute bursts, 30% of the hour',
  },
  {
    name: 'stall-block-90',
    class: 'stall',
    candidateShare: 0.9,
    candidate: { stalls: stalls([40, 58, 8]) },
    expected: 'FAIL',
    culprit: { signal: 'LATENCY_P99' },
    why: 'candidate (90% of traffic) stalls x8 for the last 18 minutes of the hour',
  },
  // No data: never a pass.
  {
    name: 'nodata-absent',
    class: 'no-data',
    candidate: { presence: 'absent', rps: () => 0 },
    expected: 'NO_DATA',
    why: 'the service is not deployed in the candidate: no series, spans or logs there',
  },
  {
    name: 'nodata-rollback',
    class: 'no-data',
    candidate: idle(10),
    expected: 'NO_DATA',
    why: 'candidate rolled back 10 min before the hour: counters flat, no spans, no logs in the window',
  },
  {
    name: 'nodata-baseline-drained',
    class: 'no-data',
    baseline: idle(10),
    expected: 'NO_DATA',
    why: 'baseline drained 10 min before the hour: its counters are flat, no spans, no logs in the window',
  },
  // Borderline: too thin to tell.
  {
    name: 'border-errors-1rps',
    class: 'borderline',
    // A draw with 7 vs 14 errors (Fisher p 0.19); the truth test checks that the data stay that thin.
    seed: 30,
    totalRps: 2,
    baseline: { errorRatio: 0.002 },
    candidate: { errorRatio: 0.004 },
    expected: 'MARGINAL',
    why: 'error ratio doubled (0.2% -> 0.4%) at 1 req/s per env: a handful of errors, not significant',
  },
  {
    name: 'border-latency-few',
    class: 'borderline',
    totalRps: 0.06,
    both: { traces: 30 },
    // The +3 ms is the handler's own time (spread over the request, sd ~10 ms), not a tight child span.
    candidate: { latencyMs: 33 },
    expected: 'MARGINAL',
    acceptable: ['PASS'],
    why:
      'request p50 +3 ms (+10%, beyond the 5%/2 ms tolerance) at 0.03 req/s per env (~108 requests an hour) ' +
      'and 30 traces each: a 10% median shift is ln(1.1)/0.35 = 0.27 sd of log latency, so even per request ' +
      'z = 0.27 * sqrt(108/2) = 2.0, at the edge of significance (30 spans: z = 1.0). Expected MARGINAL ' +
      '(beyond tolerance, evidence too thin); PASS acceptable. At 0.2 req/s (720 requests) z = 5: a FAIL.',
  },
];

export const SCENARIOS: readonly Scenario[] = ENTRIES.map(scenario);

export function scenarioNamed(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

import { prng } from '../../harness/random.js';
import type { OtlpSpanInput } from '../../harness/jaeger.js';
import type { OperationName, Scenario, SideKey, SideProfile } from './model.js';
import { HOUR_MS, MINUTE_MS, sideSeed, stallFactor, windowRequests } from './time.js';

/** Traces of a scenario over both envs (split by traffic share), and the least a side with traffic gets. */
const TRACES_PER_SCENARIO = 400;
const MIN_TRACES = 30;
/** An idle side keeps a few traces from before its rollback, so the service is known to its Jaeger. */
const IDLE_TRACES = 10;

export const ROUTES = [
  { name: 'GET /api/orders/{id}', share: 0.8 },
  { name: 'POST /api/orders', share: 0.2 },
] as const;

type Rand = () => number;

const hex = (rand: Rand, digits: number): string =>
  Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
const ns = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;

function lognormal(rand: Rand, median: number, spread: number): number {
  const u = Math.max(1e-9, rand());
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return median * Math.exp(spread * z);
}

/** How many traces each side stores in the hour. */
export function traceCounts(s: Scenario): Record<SideKey, number> {
  const requests = { baseline: windowRequests(s.baseline), candidate: windowRequests(s.candidate) };
  const total = requests.baseline + requests.candidate;
  const count = (key: SideKey): number => {
    const p = s[key];
    if (p.presence !== 'present' || requests[key] === 0) return 0;
    return p.traces ?? Math.max(MIN_TRACES, Math.round((TRACES_PER_SCENARIO * requests[key]) / total));
  };
  return { baseline: count('baseline'), candidate: count('candidate') };
}

/** A minute of the hour drawn in proportion to the side's traffic (rejection sampling). */
function trafficMinute(p: SideProfile, rand: Rand): number {
  let peak = 0;
  for (let m = 0; m <= 60; m++) peak = Math.max(peak, p.rps(m));
  for (;;) {
    const m = rand() * 60;
    if (rand() * peak <= p.rps(m)) return m;
  }
}

interface Request {
  startMs: number;
  minute: number;
  p: SideProfile;
}

const extra = (p: SideProfile, op: OperationName): number => p.extraMs[op] ?? 0;

/**
 * One request: the SERVER span holds `redis GET` and `SELECT orders` (CLIENT); after it ends, the
 * PRODUCER `kafka publish order-events` and the INTERNAL `cache write` run asynchronously.
 */
function requestSpans(r: Request, rand: Rand): OtlpSpanInput[] {
  const { p } = r;
  const traceId = hex(rand, 32);
  const root = hex(rand, 16);
  const route = rand() < ROUTES[0].share ? ROUTES[0].name : ROUTES[1].name;
  const failed = rand() < p.errorRatio;
  const redisMs = lognormal(rand, 1.5, 0.3) + extra(p, 'redis GET');
  const dbMs = lognormal(rand, 8, 0.4) + extra(p, 'SELECT orders');
  const wanted = lognormal(rand, p.latencyMs * stallFactor(p.stalls, r.minute), p.spread);
  const rootMs = Math.max(wanted, redisMs + dbMs + 0.5 + rand());
  const end = r.startMs + rootMs;
  const kafkaStart = end + 0.3 + rand() * 0.7;
  const child = (name: string, kind: number, startMs: number, ms: number, error = false): OtlpSpanInput => ({
    traceId,
    spanId: hex(rand, 16),
    parentSpanId: root,
    name,
    kind,
    startNs: ns(startMs),
    durationNs: ns(ms),
    error,
  });
  return [
    {
      traceId,
      spanId: root,
      name: route,
      kind: 2,
      startNs: ns(r.startMs),
      durationNs: ns(rootMs),
      error: failed,
      ...(failed ? { statusMessage: 'HTTP 500' } : {}),
      attributes: { 'http.route': route.split(' ')[1] ?? '', 'http.status_code': failed ? 500 : 200 },
    },
    child('redis GET', 3, r.startMs + 0.3, redisMs),
    child('SELECT orders', 3, r.startMs + 0.5 + redisMs, dbMs, failed),
    child(
      'kafka publish order-events',
      4,
      kafkaStart,
      lognormal(rand, 3, 0.3) + extra(p, 'kafka publish order-events'),
    ),
    child('cache write', 1, end + 0.1, lognormal(rand, 1.5, 0.3) + extra(p, 'cache write')),
  ];
}

/** The spans of a scenario in one env; an idle side's few traces lie before the hour. */
export function sideSpans(s: Scenario, key: SideKey, t0: number): OtlpSpanInput[] {
  const p = s[key];
  const rand = prng(sideSeed(s.seed, key) ^ 0x7a3);
  const n = p.presence === 'idle' ? IDLE_TRACES : traceCounts(s)[key];
  const out: OtlpSpanInput[] = [];
  for (let i = 0; i < n; i++) {
    const minute = p.presence === 'idle' ? -15 + rand() * 5 : trafficMinute(p, rand);
    const startMs = Math.min(t0 + minute * MINUTE_MS, t0 + HOUR_MS - 2000);
    out.push(...requestSpans({ startMs, minute, p }, rand));
  }
  return out;
}

/** Traces a side stores in all (inside the hour, or before it for an idle side). */
export function storedTraces(s: Scenario, key: SideKey): number {
  if (s[key].presence === 'idle') return IDLE_TRACES;
  return traceCounts(s)[key];
}

/**
 * Log pattern miner benchmark: `npx tsx bench/patterns.bench.ts`.
 * 100k synthetic lines from 40 templates (seeded), minePatterns and newPatterns timed over 5 runs.
 * For heap figures without pending garbage: `node --expose-gc --import tsx bench/patterns.bench.ts`.
 */
import { PatternMiner, minePatterns, newPatterns } from '../src/logs/patterns/index.js';
import type { LogLine } from '../src/logs/patterns/index.js';
import { prng } from '../test/harness/random.js';

const LINES = 100_000;
const RUNS = 5;
const T0 = Date.UTC(2025, 0, 1);

type Rng = () => number;

interface Gen {
  int: (max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  hex: (length: number) => string;
  uuid: () => string;
  ip: () => string;
}

function generators(rng: Rng): Gen {
  const int = (max: number): number => Math.floor(rng() * max);
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'.charAt(int(16));
    return out;
  };
  return {
    int,
    hex,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    ip: () => `10.${int(256)}.${int(256)}.${int(256)}`,
  };
}

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const TABLES = ['orders', 'users', 'payments', 'sessions', 'carts', 'items'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const QUEUES = ['billing', 'email', 'search-index', 'thumbnails'];
const LEVELS = ['info', 'warn', 'error'];

type Template = (g: Gen) => string;

const TEMPLATES: Template[] = [
  (g) =>
    `request ${g.pick(METHODS)} /api/orders/${g.int(100000)} status=${g.pick([200, 201, 404])} took ${g.int(900)}ms`,
  (g) => `request ${g.pick(METHODS)} /api/users/${g.uuid()}/profile status=200 took ${g.int(300)}ms`,
  (g) => `connected to db ${g.ip()}:5432 in ${g.int(50)} ms`,
  (g) => `slow query on table ${g.pick(TABLES)} took ${g.int(5000)} ms rows=${g.int(10000)}`,
  (g) => `health check ok in ${g.int(10)} ms`,
  (g) => `user ${g.pick(USERS)} logged in from ${g.ip()}`,
  (g) => `user ${g.pick(USERS)}@example.com requested password reset`,
  (g) => `cache hit ratio ${(g.int(1000) / 10).toFixed(1)}% over last ${g.int(60)}s`,
  (g) => `cache miss for key product:${g.int(99999)} fetching from origin`,
  (g) => `published ${g.int(500)} messages to queue ${g.pick(QUEUES)} in ${g.int(100)}ms`,
  (g) => `consumer ${g.pick(QUEUES)} lag is ${g.int(10000)} messages partition=${g.int(12)}`,
  (g) => `job ${g.hex(12)} finished in ${g.int(120)}.${g.int(10)}s with status success`,
  (g) => `job ${g.hex(12)} failed after ${g.int(5)} attempts: connection refused`,
  (g) => `trace_id=${g.hex(32)} span_id=${g.hex(16)} level=${g.pick(LEVELS)} msg=handled`,
  (g) => `GC pause young generation ${g.int(200)}ms heap ${g.int(4096)}MB -> ${g.int(4096)}MB`,
  (g) => `uploaded file ${g.uuid()}.png size=${g.int(10000)}KB bucket=assets`,
  (g) => `payment ${g.hex(10)} authorised amount=${g.int(100000) / 100} currency=EUR`,
  (g) => `payment ${g.hex(10)} declined reason=insufficient_funds`,
  (g) => `order ${g.int(1000000)} shipped to warehouse ${g.pick(['north', 'south', 'east'])}`,
  (g) => `rate limit exceeded for client ${g.ip()} limit=${g.int(1000)}/min`,
  (g) => `TLS handshake with ${g.ip()}:443 completed in ${g.int(80)}ms protocol=TLSv1.3`,
  (g) => `retrying request to https://inventory.internal:8443/v1/items/${g.int(5000)} attempt ${g.int(5)}`,
  (g) => `scheduled task cleanup-sessions removed ${g.int(1000)} expired sessions`,
  (g) => `config reloaded version=${g.int(10)}.${g.int(20)}.${g.int(100)} checksum=${g.hex(40)}`,
  (g) => `websocket client ${g.uuid()} disconnected code=${g.pick([1000, 1001, 1006])}`,
  (g) =>
    `feature flag ${g.pick(['new-checkout', 'dark-mode', 'beta-search'])} evaluated to ${g.pick(['true', 'false'])}`,
  (g) => `email sent to ${g.pick(USERS)}@example.com template=welcome in ${g.int(900)}ms`,
  (g) =>
    `search query "${g.pick(['shoes', 'hats', 'bags'])}" returned ${g.int(500)} results in ${g.int(90)}ms`,
  (g) => `worker ${g.int(16)} started pid=${g.int(65535)}`,
  (g) => `worker ${g.int(16)} stopped after ${g.int(86400)}s uptime`,
  (g) => `memory usage ${g.int(100)}% of ${g.int(16)}GB on node ip-${g.int(255)}-${g.int(255)}`,
  (g) => `disk /var/lib/data usage at ${g.int(100)}% threshold=90%`,
  (g) => `token refresh for session ${g.hex(24)} succeeded`,
  (g) =>
    `[${new Date(T0 + g.int(86_400_000)).toISOString()}] audit ${g.pick(USERS)} changed role to ${g.pick(['admin', 'viewer'])}`,
  (g) => `kafka rebalance generation=${g.int(500)} members=${g.int(12)} took ${g.int(3000)}ms`,
  (g) => `circuit breaker for ${g.pick(['payments', 'inventory'])} opened after ${g.int(20)} failures`,
  // The last four only appear in the candidate env of the newPatterns run.
  (g) => `redis timeout after ${g.int(500)} ms key=session:${g.hex(6)}`,
  (g) => `sidecar envoy upstream reset ${g.ip()}:${g.int(65535)} reason=connection_termination`,
  (g) =>
    `pod ${g.pick(['api', 'worker'])}-${g.hex(9)}-${g.hex(5)} readiness probe failed: HTTP probe failed with statuscode: 503`,
  (g) => `otel exporter dropped ${g.int(1000)} spans queue_size=${g.int(2048)}`,
];

const CANDIDATE_ONLY = 4;

function generate(count: number, seed: number, templateCount: number, env: string): LogLine[] {
  const rng = prng(seed);
  const g = generators(rng);
  const lines: LogLine[] = [];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[g.int(templateCount)] as Template;
    lines.push({ message: template(g), time: T0 + i * 10, traceId: g.hex(32), env });
  }
  return lines;
}

interface Timing {
  p50Ms: number;
  maxMs: number;
  linesPerSec: number;
  /** Process CPU time (user + system) per run: steadier than wall time on a shared machine. */
  cpuP50Ms: number;
}

function percentile50(sorted: readonly number[]): number {
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time<T>(label: string, lineCount: number, run: () => T): { timing: Timing; result: T } {
  let result = run(); // warm-up: JIT and regex compilation
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p50Ms = percentile50(wall);
  const maxMs = wall[wall.length - 1] ?? 0;
  const cpuP50Ms = percentile50(cpu);
  const linesPerSec = Math.round(lineCount / (p50Ms / 1000));
  console.log(
    `${label}: p50 ${p50Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms, ${linesPerSec} lines/s, cpu p50 ${cpuP50Ms.toFixed(1)} ms`,
  );
  return {
    timing: { p50Ms: round(p50Ms), maxMs: round(maxMs), linesPerSec, cpuP50Ms: round(cpuP50Ms) },
    result,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * heapUsed after minus before one run, result kept alive. Without --expose-gc it includes
 * the run's not yet collected garbage; with it, only what the run retains.
 */
function heapDeltaMb(run: () => unknown): number {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = run();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return round((after - before) / 1024 / 1024);
}

/** Heap held by a trained miner (tree + clusters): the model size a long-lived miner would keep. */
function minerHeapMb(lines: readonly LogLine[]): number {
  return heapDeltaMb(() => {
    const miner = new PatternMiner();
    for (const line of lines) miner.add(line.message);
    return miner;
  });
}

function main(): void {
  const allTemplates = TEMPLATES.length;
  const lines = generate(LINES, 42, allTemplates, 'kr-k8s');
  const mine = time('minePatterns 100k', LINES, () => minePatterns(lines));
  const mineHeap = heapDeltaMb(() => minePatterns(lines));
  const modelHeap = minerHeapMb(lines);
  console.log(
    `  patterns found: ${mine.result.length}, heap delta ${mineHeap} MB, trained miner ${modelHeap} MB`,
  );

  const baseline = generate(LINES / 2, 7, allTemplates - CANDIDATE_ONLY, 'kr-vm');
  const candidate = generate(LINES / 2, 8, allTemplates, 'kr-k8s');
  const diff = time('newPatterns 50k+50k', LINES, () => newPatterns({ baseline, candidate }));
  const diffHeap = heapDeltaMb(() => newPatterns({ baseline, candidate }));
  const fresh = diff.result.newPatterns;
  console.log(
    `  new patterns: ${fresh.length}, known: ${diff.result.known.length}, heap delta ${diffHeap} MB`,
  );
  for (const p of fresh) console.log(`    ${p.count}\t${p.template}`);

  const summary = {
    bench: 'patterns',
    lines: LINES,
    runs: RUNS,
    gcExposed: gc !== undefined,
    minePatterns: {
      ...mine.timing,
      patterns: mine.result.length,
      heapDeltaMb: mineHeap,
      minerHeapMb: modelHeap,
    },
    newPatterns: {
      ...diff.timing,
      newPatterns: fresh.length,
      known: diff.result.known.length,
      heapDeltaMb: diffHeap,
    },
  };
  console.log(JSON.stringify(summary));
}

main();

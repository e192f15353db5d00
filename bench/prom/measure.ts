/** Latency (sequential), throughput (concurrency 8) and peak memory, always interleaving contenders. */
import { readFile } from 'node:fs/promises';
import { percentile, round } from '../stats.js';

/** One query against one contender; resolves once the whole body is read. */
export type Call = () => Promise<void>;

export interface Stat {
  p50: number;
  p99: number;
  /** successful answers per second */
  rps: number;
  /** queries that failed (latency and throughput phases); a failed query is not timed */
  failed: number;
}

/** Runs `c`, counting a failure instead of stopping the bench (a timeout under load is a result too). */
async function attempt(c: Call, failures: { n: number; first: string }): Promise<boolean> {
  try {
    await c();
    return true;
  } catch (err) {
    failures.n++;
    failures.first ||= String(err).slice(0, 200);
    return false;
  }
}

type Failures = Record<string, { n: number; first: string }>;

export interface RowPlan {
  contenders: Record<string, Call>;
  /** measured sequential iterations per contender (after the warm-up) */
  n: number;
  warmup: number;
  /** how long each throughput burst runs per contender and round */
  burstMs: number;
  rounds: number;
  concurrency: number;
}

/** Sequential latency: iteration i runs every contender once, in a rotating order, so noise hits all alike. */
async function latencies(plan: RowPlan, failures: Failures): Promise<Record<string, number[]>> {
  const names = Object.keys(plan.contenders);
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < plan.warmup + plan.n; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length] as string;
      const t0 = performance.now();
      const ok = await attempt(plan.contenders[name] as Call, failures[name]!);
      if (ok && i >= plan.warmup) times[name]?.push(performance.now() - t0);
    }
  }
  return times;
}

/** `concurrency` workers loop on `call` until the burst ends; in-flight calls finish and count. */
async function burst(
  call: Call,
  concurrency: number,
  ms: number,
  failures: { n: number; first: string },
): Promise<{ done: number; elapsed: number }> {
  const t0 = performance.now();
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() - t0 < ms) {
      if (await attempt(call, failures)) done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, elapsed: performance.now() - t0 };
}

/** Requests per second at a fixed concurrency, the contenders taking turns in `rounds` bursts each. */
async function throughputs(plan: RowPlan, failures: Failures): Promise<Record<string, number>> {
  const names = Object.keys(plan.contenders);
  const acc: Record<string, { done: number; elapsed: number }> = Object.fromEntries(
    names.map((k) => [k, { done: 0, elapsed: 0 }]),
  );
  for (let r = 0; r < plan.rounds; r++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(r + j) % names.length] as string;
      const b = await burst(plan.contenders[name] as Call, plan.concurrency, plan.burstMs, failures[name]!);
      const a = acc[name] as { done: number; elapsed: number };
      a.done += b.done;
      a.elapsed += b.elapsed;
    }
  }
  return Object.fromEntries(names.map((k) => [k, round((acc[k]!.done / acc[k]!.elapsed) * 1000, 1)]));
}

/**
 * One burst per contender before anything is timed: a JIT-compiled gateway (Node) reaches its steady
 * code only after thousands of calls, while the Go processes start compiled. Timing all of them warm is
 * what they are after their first seconds in service.
 */
export async function warmUp(
  contenders: Record<string, Call>,
  concurrency: number,
  ms: number,
  failures: Failures = {},
): Promise<void> {
  for (const [name, call] of Object.entries(contenders))
    await burst(call, concurrency, ms, (failures[name] ??= { n: 0, first: '' }));
}

export async function measureRow(plan: RowPlan): Promise<Record<string, Stat>> {
  const failures: Failures = Object.fromEntries(
    Object.keys(plan.contenders).map((k) => [k, { n: 0, first: '' }]),
  );
  await warmUp(plan.contenders, plan.concurrency, plan.burstMs, failures);
  const lat = await latencies(plan, failures);
  const rps = await throughputs(plan, failures);
  for (const [k, f] of Object.entries(failures))
    if (f.n) console.error(`bench: ${k}: ${f.n} failed, first: ${f.first}`);
  return Object.fromEntries(
    Object.keys(plan.contenders).map((k) => [
      k,
      {
        p50: round(percentile(lat[k] ?? [], 50), 3),
        p99: round(percentile(lat[k] ?? [], 99), 3),
        rps: rps[k] ?? NaN,
        failed: failures[k]?.n ?? 0,
      },
    ]),
  );
}

/** kB figure of one /proc/<pid>/status field (VmRSS, VmHWM). */
async function statusKb(pid: number, field: string): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  if (!m?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(m[1]);
}

export interface Memory {
  idleMb: number;
  /** VmHWM before the load: start-up (tsx compiling the source) can peak higher than the load. */
  startupPeakMb: number;
  peakMb: number;
  failed: number;
  /** why the first failed query failed */
  firstError: string;
  ms: number;
}

/** Peak RSS of a fresh process while `concurrent` copies of `call` run at once (`waves` times). */
export async function peakRss(pid: number, call: Call, concurrent: number, waves: number): Promise<Memory> {
  const idle = await statusKb(pid, 'VmRSS');
  const startupPeak = await statusKb(pid, 'VmHWM');
  let sampled = idle;
  const timer = setInterval(() => {
    statusKb(pid, 'VmRSS').then(
      (kb) => void (sampled = Math.max(sampled, kb)),
      () => undefined,
    );
  }, 20);
  let failed = 0;
  let firstError = '';
  const t0 = performance.now();
  try {
    for (let w = 0; w < waves; w++) {
      const results = await Promise.allSettled(Array.from({ length: concurrent }, () => call()));
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      failed += errors.length;
      firstError ||= errors[0]?.slice(0, 200) ?? '';
    }
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t0;
  // VmHWM is the kernel's own high-water mark, so a peak between two samples is not missed.
  const hwm = await statusKb(pid, 'VmHWM');
  return {
    idleMb: round(idle / 1024, 1),
    startupPeakMb: round(startupPeak / 1024, 1),
    peakMb: round(Math.max(hwm, sampled) / 1024, 1),
    failed,
    firstError,
    ms: round(ms, 0),
  };
}

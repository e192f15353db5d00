/**
 * A sweep of `compare` over every service of the labelled scenario set (38 services; 1 h at a 15 s step,
 * metrics + traces + logs, kr-vm vs kr-k8s) at concurrency 4, through the gateway's GraphQL on the real
 * backends of the compare world (2 Prometheus, 2 Jaeger, Elasticsearch 8 and 9):
 * `npx tsx bench/compare-sweep.bench.ts` or `npm run bench -- compare-sweep`.
 * One warm-up sweep, then BENCH_SWEEPS measured sweeps, each on a fresh gateway (no answer cached from
 * the sweep before). Goal (issue 10): a sweep under 5 s on a 2-core machine. Prints a table and one JSON line.
 */
import os from 'node:os';
import type { Hono } from 'hono';
import { T0, T1 } from '../test/compare/data.js';
import { SCENARIOS } from '../test/compare/scenarios/index.js';
import { gateway, gql, startWorld, worldConfig, type World } from '../test/compare/world.js';
import { percentile, round } from './stats.js';

const SWEEPS = Number(process.env.BENCH_SWEEPS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const GOAL_MS = 5000;

// What a dashboard or a runbook asks of each service: verdict, signals, series, spans, logs, culprits.
const QUERY = /* GraphQL */ `
  query Sweep($service: String!, $range: TimeRangeInput!) {
    compare(service: $service, baseline: ["kr-vm"], candidate: ["kr-k8s"], range: $range) {
      verdict {
        verdict
        score
        reason
      }
      signals {
        signal
        verdict
        reason
        pValue
        shift
      }
      series {
        env
        signal
        points {
          t
          value
        }
      }
      traffic {
        env
        share
      }
      operations {
        operation
        spanKind
        deltaP50Ms
        deltaP99Ms
      }
      logPatterns {
        newPatterns {
          template
          count
        }
        grown {
          template
          count
        }
      }
      migration {
        env
        avgThroughput
        failureRate
        p50Ms
        p99Ms
      }
      culprits {
        signal
        summary
      }
    }
  }
`;

const RANGE = { start: new Date(T0).toISOString(), end: new Date(T1).toISOString(), step: '15s' };

async function compareOnce(app: Hono, service: string): Promise<number> {
  const t0 = performance.now();
  const res = await gql<{ compare: { verdict: { verdict: string } } }>(app, QUERY, { service, range: RANGE });
  const ms = performance.now() - t0;
  if (res.errors || !res.data?.compare.verdict.verdict)
    throw new Error(`${service}: unexpected answer ${JSON.stringify(res).slice(0, 500)}`);
  return ms;
}

/** Every service once, CONCURRENCY calls in flight; returns the wall time and each call's latency. */
async function sweep(app: Hono, services: readonly string[]): Promise<{ wallMs: number; calls: number[] }> {
  const queue = [...services];
  const calls: number[] = [];
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) calls.push(await compareOnce(app, s));
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { wallMs: performance.now() - t0, calls };
}

async function main(): Promise<void> {
  const started = performance.now();
  const world: World = await startWorld();
  const worldMs = performance.now() - started;
  try {
    const services = SCENARIOS.map((s) => s.service);
    const fresh = (): Hono => gateway(worldConfig(world)).app;
    await sweep(fresh(), services);
    const runs: { wallMs: number; calls: number[] }[] = [];
    for (let i = 0; i < SWEEPS; i++) runs.push(await sweep(fresh(), services));
    const calls = runs.flatMap((r) => r.calls);
    const walls = runs.map((r) => r.wallMs);
    const median = percentile(walls, 50);
    console.log(`compare world ready in ${Math.round(worldMs)} ms`);
    console.log(`| sweep | services | concurrency | wall ms | per-call p50 ms | per-call p99 ms |`);
    console.log(`| --- | --- | --- | --- | --- | --- |`);
    runs.forEach((r, i) =>
      console.log(
        `| ${i + 1} | ${services.length} | ${CONCURRENCY} | ${Math.round(r.wallMs)} | ` +
          `${round(percentile(r.calls, 50), 1)} | ${round(percentile(r.calls, 99), 1)} |`,
      ),
    );
    console.log(
      JSON.stringify({
        bench: 'compare-sweep',
        query: 'compare(metrics+traces+logs, 2 envs, 1h, step 15s) for every service',
        services: services.length,
        concurrency: CONCURRENCY,
        sweeps: SWEEPS,
        sweepWallMsMedian: Math.round(median),
        sweepWallMs: walls.map((w) => Math.round(w)),
        callP50Ms: round(percentile(calls, 50), 1),
        callP99Ms: round(percentile(calls, 99), 1),
        goalSweepMs: GOAL_MS,
        sweepVsGoal: round(median / GOAL_MS, 2),
        cpus: os.cpus().length,
        // The machine is shared: the 1-minute load next to the figures says how much of it was ours.
        loadAvg1m: round(os.loadavg()[0] ?? 0, 2),
      }),
    );
  } finally {
    await world.stop();
  }
}

await main();

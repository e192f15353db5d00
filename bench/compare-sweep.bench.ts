/**
 * A sweep of `compare` over every service of the labelled scenario set (38 services; 1 h at a 15 s step,
 * metrics + traces + logs, kr-vm vs kr-k8s) at concurrency 4, through the gateway's GraphQL on the real
 * backends of the compare world (2 Prometheus, 2 Jaeger, Elasticsearch 8 and 9):
 * `npx tsx bench/compare-sweep.bench.ts` or `npm run bench -- compare-sweep`.
 * Per variant (all backends; metrics + traces; metrics only, side by side: where the time goes), one
 * warm-up sweep, then BENCH_SWEEPS measured sweeps, each on a fresh gateway (no answer cached from the
 * sweep before). Goal (issue 10): a full sweep under 5 s on a 2-core machine. Prints a table and one JSON line.
 */
import os from 'node:os';
import type { Hono } from 'hono';
import type { Config } from '../src/config/index.js';
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

type Backend = 'traces' | 'logs';

/** The world's config with some backends left out of every env: where a sweep's time goes. */
function withBackends(config: Config, keep: readonly Backend[]): Config {
  return {
    ...config,
    envs: config.envs.map(({ traces, logs, ...env }) => ({
      ...env,
      ...(traces && keep.includes('traces') ? { traces } : {}),
      ...(logs && keep.includes('logs') ? { logs } : {}),
    })),
  };
}

const VARIANTS: { name: string; keep: Backend[] }[] = [
  { name: 'metrics + traces + logs', keep: ['traces', 'logs'] },
  { name: 'metrics + traces', keep: ['traces'] },
  { name: 'metrics only', keep: [] },
];

interface Measured {
  variant: string;
  sweepWallMs: number[];
  sweepWallMsMedian: number;
  callP50Ms: number;
  callP99Ms: number;
}

/** One warm-up sweep, then SWEEPS measured ones, each on a fresh gateway (nothing cached from before). */
async function measure(
  world: World,
  variant: (typeof VARIANTS)[number],
  services: string[],
): Promise<Measured> {
  const fresh = (): Hono => gateway(withBackends(worldConfig(world), variant.keep)).app;
  await sweep(fresh(), services);
  const runs: { wallMs: number; calls: number[] }[] = [];
  for (let i = 0; i < SWEEPS; i++) runs.push(await sweep(fresh(), services));
  const calls = runs.flatMap((r) => r.calls);
  const walls = runs.map((r) => r.wallMs);
  return {
    variant: variant.name,
    sweepWallMs: walls.map((w) => Math.round(w)),
    sweepWallMsMedian: Math.round(percentile(walls, 50)),
    callP50Ms: round(percentile(calls, 50), 1),
    callP99Ms: round(percentile(calls, 99), 1),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const world: World = await startWorld();
  const worldMs = performance.now() - started;
  try {
    const services = SCENARIOS.map((s) => s.service);
    const results: Measured[] = [];
    for (const variant of VARIANTS) results.push(await measure(world, variant, services));
    const metricsOnly = results[results.length - 1]?.sweepWallMsMedian ?? Number.NaN;
    console.log(
      `compare world ready in ${Math.round(worldMs)} ms; ${services.length} services, concurrency ${CONCURRENCY}`,
    );
    console.log(
      '| backends | sweep wall ms (median of runs) | runs | per-call p50 ms | per-call p99 ms | vs metrics only |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      console.log(
        `| ${r.variant} | ${r.sweepWallMsMedian} | ${r.sweepWallMs.join(', ')} | ${r.callP50Ms} | ${r.callP99Ms} | ` +
          `${round(r.sweepWallMsMedian / metricsOnly, 2)}x |`,
      );
    }
    const full = results[0];
    console.log(
      JSON.stringify({
        bench: 'compare-sweep',
        query: 'compare(metrics+traces+logs, 2 envs, 1h, step 15s) for every service',
        services: services.length,
        concurrency: CONCURRENCY,
        sweeps: SWEEPS,
        sweepWallMsMedian: full?.sweepWallMsMedian,
        callP50Ms: full?.callP50Ms,
        callP99Ms: full?.callP99Ms,
        goalSweepMs: GOAL_MS,
        sweepVsGoal: round((full?.sweepWallMsMedian ?? Number.NaN) / GOAL_MS, 2),
        variants: results,
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

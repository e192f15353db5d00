/**
 * The full compare query (metrics + traces + logs, 2 envs, 1 h window) through the gateway's GraphQL on
 * local backends: `npx tsx bench/compare.bench.ts`. Starts the compare scenario world (2 Prometheus,
 * 2 Jaeger, 1 Elasticsearch), warms up, then measures N sequential queries. Goal: p50 < 250 ms.
 * Prints one JSON line.
 */
import os from 'node:os';
import { T0, T1 } from '../test/compare/data.js';
import { SCENARIOS } from '../test/compare/scenarios.js';
import { gateway, gql, startWorld, worldConfig } from '../test/compare/world.js';

const N = Number(process.env.BENCH_N ?? 50);
const WARMUP = 5;

const QUERY = /* GraphQL */ `
  query Compare($service: String!, $range: TimeRangeInput!) {
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
        points {
          t
          value
        }
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
        peakThroughput
        successes
        errors
        failureRate
        p50Ms
        p99Ms
      }
      culprits {
        summary
      }
    }
  }
`;

/** Nearest rank. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const world = await startWorld();
  try {
    const { app } = gateway(worldConfig(world));
    const variables = {
      service: SCENARIOS.latency.service,
      range: { start: new Date(T0).toISOString(), end: new Date(T1).toISOString(), step: '15s' },
    };
    const once = async (): Promise<number> => {
      const t0 = performance.now();
      const res = await gql<{ compare: { verdict: { verdict: string } } }>(app, QUERY, variables);
      const ms = performance.now() - t0;
      if (res.errors || res.data?.compare.verdict.verdict !== 'FAIL') {
        throw new Error(`unexpected answer: ${JSON.stringify(res).slice(0, 500)}`);
      }
      return ms;
    };
    for (let i = 0; i < WARMUP; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < N; i++) times.push(await once());
    times.sort((a, b) => a - b);
    const round = (v: number): number => Math.round(v * 10) / 10;
    console.log(
      JSON.stringify({
        bench: 'compare',
        query: 'compare(metrics+traces+logs, 2 envs, 1h, step 15s)',
        n: N,
        p50Ms: round(percentile(times, 0.5)),
        p99Ms: round(percentile(times, 0.99)),
        goalP50Ms: 250,
        cpus: os.cpus().length,
      }),
    );
  } finally {
    await world.stop();
  }
}

await main();

/**
 * Log search through LogService vs the same search straight through the Elasticsearch client,
 * on one ES 9 holding ~20k lines. Run: npx tsx bench/logs.bench.ts
 */
import { Client } from '@elastic/elasticsearch';
import { searchRequest } from '../src/backends/elasticsearch/index.js';
import { configSchema } from '../src/config/index.js';
import { EnvRegistry } from '../src/envs/index.js';
import { Federation } from '../src/federation/index.js';
import { LogService } from '../src/logs/index.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  setField,
  startElasticsearch,
} from '../test/harness/elasticsearch.js';

const DOCS = 20_000;
const N = 200;
const WARMUP = 50;
const INDEX = 'bench-logs';
const T0 = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;
const LEVELS = ['info', 'info', 'info', 'warn', 'error'] as const;
const FIELDS = configSchema.parse({
  envs: [{ name: 'x', logs: { kind: 'elasticsearch', url: 'http://x', index: 'x' } }],
}).envs[0]?.logs?.fields;

function docs(): object[] {
  if (!FIELDS) throw new Error('no default fields');
  return Array.from({ length: DOCS }, (_, i) => {
    const doc: Record<string, unknown> = {};
    setField(doc, FIELDS.timestamp, new Date(T0 + Math.floor((i / DOCS) * HOUR)).toISOString());
    setField(doc, FIELDS.service, i % 4 === 0 ? 'payment-api' : 'checkout-api');
    setField(doc, FIELDS.level, LEVELS[i % LEVELS.length]);
    setField(
      doc,
      FIELDS.message,
      i % 7 === 0 ? `redis timeout after ${i % 900} ms` : `GET /api/cart/${i} 200 in ${i % 90} ms`,
    );
    setField(doc, FIELDS.traceId, (i * 7919).toString(16).padStart(32, '0'));
    return doc;
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

interface Stats {
  p50: number;
  p99: number;
  hits: number;
}

/** Runs both searches alternately (same GC and JIT weather for each), after a warm-up. */
async function measurePair(a: () => Promise<number>, b: () => Promise<number>): Promise<[Stats, Stats]> {
  for (let i = 0; i < WARMUP; i++) await Promise.all([a(), b()]);
  const times: [number[], number[]] = [[], []];
  const hits = [0, 0];
  for (let i = 0; i < N; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const t = performance.now();
      hits[k] = await fn();
      times[k]?.push(performance.now() - t);
    }
  }
  const stats = (k: 0 | 1): Stats => {
    const sorted = [...times[k]].sort((x, y) => x - y);
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), hits: hits[k] ?? 0 };
  };
  return [stats(0), stats(1)];
}

const show = (label: string, s: Stats): void => {
  console.log(`${label.padEnd(12)} p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  (${s.hits} hits)`);
};

async function main(): Promise<void> {
  const es = await startElasticsearch(9);
  console.log(`elasticsearch 9 ready in ${es.startSeconds} s at ${es.url}`);
  const client = new Client({ node: es.url, maxRetries: 0 });
  const config = configSchema.parse({
    envs: [{ name: 'kr-k8s', logs: { kind: 'elasticsearch', url: es.url, index: INDEX, version: 9 } }],
  });
  const logs = new LogService(
    new Federation(new EnvRegistry(config), {
      deadlineMs: 10_000,
      concurrency: 16,
      breakerThreshold: 100,
      breakerCooldownMs: 1000,
    }),
  );
  try {
    if (!FIELDS) throw new Error('no default fields');
    await createIndex(es.url, INDEX, logMapping(FIELDS));
    await bulkIndex(es.url, INDEX, docs());
    const filter = {
      service: 'checkout-api',
      start: T0,
      end: T0 + HOUR,
      levels: ['error', 'warn'] as const,
      text: 'redis timeout',
    };
    const size = 100;
    const [direct, gateway] = await measurePair(
      async () => (await client.search(searchRequest(INDEX, filter, FIELDS, { size }))).hits.hits.length,
      async () => {
        const res = await logs.search({
          service: filter.service,
          envs: ['kr-k8s'],
          range: { start: filter.start, end: filter.end },
          levels: filter.levels,
          text: filter.text,
          limit: size,
        });
        const [failure] = res.errors;
        if (failure) throw failure;
        return res.data.records.length;
      },
    );
    show('direct', direct);
    show('LogService', gateway);
    const ratio = { p50: gateway.p50 / direct.p50, p99: gateway.p99 / direct.p99 };
    console.log(`ratio p50 ${ratio.p50.toFixed(2)} p99 ${ratio.p99.toFixed(2)} (goal p50 <= 1.2)`);
    console.log(JSON.stringify({ bench: 'logs.search', docs: DOCS, n: N, size, direct, gateway, ratio }));
  } finally {
    await logs.close();
    await client.close();
    await es.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

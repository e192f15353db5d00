import { configSchema, ECS_LOG_FIELDS, type Config, type LogFields } from '../../src/config/index.js';
import { EnvRegistry } from '../../src/envs/index.js';
import { Federation } from '../../src/federation/index.js';
import { LogService } from '../../src/logs/index.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  setField,
  startElasticsearch,
  type EsServer,
} from '../harness/elasticsearch.js';

/** Fixed, minute-aligned base time: buckets and ranges are exact. */
export const T0 = Date.parse('2025-03-01T10:00:00.000Z');
export const MINUTE = 60_000;
export const WINDOW = { start: T0, end: T0 + 10 * MINUTE - 1 };

export const ECS_FIELDS: LogFields = ECS_LOG_FIELDS;

/** The old env's shipper: flat, non-ECS names and log4j-style upper-case levels. */
export const VM_FIELDS: LogFields = {
  timestamp: 'ts',
  message: 'msg',
  level: 'severity',
  service: 'app',
  environment: 'env_name',
  traceId: 'trace_id',
  spanId: 'span_id',
  statusCode: 'status',
};

export const LUCENE_TEXT = '"a" OR b:* AND (';

export interface Line {
  env: 'kr-k8s' | 'kr-vm';
  service: string;
  time: number;
  /** Normalised level (what Parallax reports). */
  level: 'info' | 'warn' | 'error';
  /** Level as stored. */
  stored: string;
  message: string;
  traceId?: string;
  statusCode?: number;
}

const hex = (n: number): string => n.toString(16).padStart(32, '0');

function k8sLines(): Line[] {
  const out: Line[] = [];
  const add = (l: Omit<Line, 'env' | 'service'> & { service?: string }): void => {
    out.push({ env: 'kr-k8s', service: 'checkout-api', ...l });
  };
  for (let i = 0; i < 10; i++) {
    add({
      time: T0 + i * MINUTE + 1000,
      level: 'info',
      stored: 'info',
      message: `GET /api/cart 200 in ${10 + i} ms`,
      statusCode: 200,
    });
  }
  for (let i = 0; i < 3; i++) {
    add({
      time: T0 + (2 * i + 1) * MINUTE + 5000,
      level: 'warn',
      stored: 'warn',
      message: `slow query on table orders took ${300 + i * 7} ms`,
    });
  }
  for (let i = 0; i < 4; i++) {
    const traceId = hex(0xa000 + i);
    add({
      time: T0 + (i + 5) * MINUTE + 7000,
      level: 'error',
      stored: 'error',
      message: `redis timeout after ${50 + i * 13} ms`,
      traceId,
      statusCode: 503,
    });
  }
  for (let i = 0; i < 2; i++) {
    add({
      time: T0 + (i * 4 + 2) * MINUTE + 9000,
      level: 'error',
      stored: 'error',
      message: `payment declined for order ${4711 + i}`,
      statusCode: 402,
    });
  }
  // Five lines in one millisecond: paging must neither skip nor repeat them.
  for (let i = 0; i < 5; i++) {
    add({
      time: T0 + 3 * MINUTE + 30_000,
      level: 'info',
      stored: 'info',
      message: `cache warmed shard ${i} of 5`,
    });
  }
  add({
    time: T0 + 8 * MINUTE + 1,
    level: 'info',
    stored: 'info',
    message: `parse failed for ${LUCENE_TEXT} in request`,
  });
  // Other service, and lines outside the window: never part of an answer.
  add({
    service: 'payment-api',
    time: T0 + 4 * MINUTE,
    level: 'error',
    stored: 'error',
    message: 'redis timeout after 99 ms',
  });
  add({ time: T0 - MINUTE, level: 'error', stored: 'error', message: 'redis timeout after 1 ms' });
  add({ time: T0 + 20 * MINUTE, level: 'info', stored: 'info', message: 'GET /api/cart 200 in 1 ms' });
  return out;
}

function vmLines(): Line[] {
  const out: Line[] = [];
  const add = (l: Omit<Line, 'env' | 'service'>): void => {
    out.push({ env: 'kr-vm', service: 'checkout-api', ...l });
  };
  for (let i = 0; i < 8; i++) {
    add({
      time: T0 + i * MINUTE + 2000,
      level: 'info',
      stored: 'INFO',
      message: `GET /api/cart 200 in ${20 + i} ms`,
      statusCode: 200,
    });
  }
  for (let i = 0; i < 2; i++) {
    add({
      time: T0 + (i * 5 + 2) * MINUTE,
      level: 'warn',
      stored: 'WARNING',
      message: `slow query on table orders took ${400 + i} ms`,
    });
  }
  for (let i = 0; i < 3; i++) {
    add({
      time: T0 + (i * 3 + 1) * MINUTE + 4000,
      level: 'error',
      stored: 'ERROR',
      message: `payment declined for order ${900 + i}`,
      traceId: hex(0xb000 + i),
      statusCode: 402,
    });
  }
  return out;
}

export const LINES: readonly Line[] = [...k8sLines(), ...vmLines()];

/**
 * The lines a query over WINDOW for checkout-api must return: newest first, ties by env name,
 * then the last written first (the store's `_doc` order, descending).
 */
export function expected(filter: (l: Line) => boolean = () => true): Line[] {
  return LINES.map((line, i) => ({ line, i }))
    .filter(
      ({ line: l }) =>
        l.service === 'checkout-api' && l.time >= WINDOW.start && l.time <= WINDOW.end && filter(l),
    )
    .sort((a, b) => b.line.time - a.line.time || a.line.env.localeCompare(b.line.env) || b.i - a.i)
    .map(({ line }) => line);
}

function toDoc(line: Line, fields: LogFields): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const set = (path: string, value: unknown): void => setField(doc, path, value);
  set(fields.timestamp, new Date(line.time).toISOString());
  set(fields.message, line.message);
  set(fields.level, line.stored);
  set(fields.service, line.service);
  set(fields.environment, line.env);
  if (line.traceId) set(fields.traceId, line.traceId);
  if (line.statusCode) set(fields.statusCode, line.statusCode);
  doc['host'] = { name: `${line.env}-node-1` };
  return doc;
}

async function load(server: EsServer, index: string, fields: LogFields, env: Line['env']): Promise<void> {
  await createIndex(server.url, index, logMapping(fields));
  await bulkIndex(
    server.url,
    index,
    LINES.filter((l) => l.env === env).map((l) => toDoc(l, fields)),
  );
}

export interface LogsWorld {
  k8s: EsServer;
  vm: EsServer;
  /** Both servers' start, in parallel (seconds). */
  startSeconds: number;
  stop: () => Promise<void>;
}

/** ES 9 for kr-k8s and ES 8 for kr-vm, started in parallel and loaded with LINES. */
export async function startWorld(): Promise<LogsWorld> {
  const started = performance.now();
  const results = await Promise.allSettled([startElasticsearch(9), startElasticsearch(8)]);
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [k8s, vm] = servers as [EsServer, EsServer];
  const startSeconds = Math.round((performance.now() - started) / 100) / 10;
  await Promise.all([load(k8s, 'logs-k8s', ECS_FIELDS, 'kr-k8s'), load(vm, 'app-logs', VM_FIELDS, 'kr-vm')]);
  return { k8s, vm, startSeconds, stop };
}

export function k8sEnv(url: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'kr-k8s',
    labels: { role: 'new' },
    logs: { kind: 'elasticsearch', url, index: 'logs-k8s', version: 9, ...extra },
  };
}

export function vmEnv(url: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'kr-vm',
    labels: { role: 'old' },
    logs: { kind: 'elasticsearch', url, index: 'app-logs', version: 8, fields: VM_FIELDS, ...extra },
  };
}

export function buildService(
  envs: Record<string, unknown>[],
  deadlineMs = 10_000,
  opts = {},
): { logs: LogService; config: Config } {
  const config = configSchema.parse({ envs: [...envs, { name: 'no-logs' }] });
  const federation = new Federation(new EnvRegistry(config), {
    deadlineMs,
    concurrency: 8,
    breakerThreshold: 100,
    breakerCooldownMs: 1000,
  });
  return { logs: new LogService(federation, opts), config };
}

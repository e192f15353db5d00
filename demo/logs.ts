import { ECS_LOG_FIELDS, type LogFields } from '../src/config/index.js';
import { bulkIndex, createIndex, logMapping, setField } from '../test/harness/elasticsearch.js';
import { prng } from '../test/harness/random.js';

export { startElasticsearch, type EsServer } from '../test/harness/elasticsearch.js';

/**
 * The index of an env's demo logs (the demo config's `logs.index`). One index per env, because
 * Parallax reads everything in an env's index as that env's lines: envs may share a server, never an index.
 */
export const demoLogIndex = (env: string): string => `parallax-logs-${env}`;

export const DEMO_LOG_FIELDS: LogFields = ECS_LOG_FIELDS;

export interface DemoLogsOptions {
  services: string[];
  /** Epoch ms. */
  start: number;
  end: number;
  /** Trace ids to put on lines, keyed `env/service`, `service` or `env` (first match wins). */
  traceIds?: Record<string, string[]>;
  /** Index per env (default demoLogIndex). */
  index?: (env: string) => string;
  /** Per env field names, for an env whose config maps other names (default ECS). */
  fields?: Record<string, LogFields>;
  /** Lines per service and env (default 1500). */
  linesPerService?: number;
}

type Level = 'info' | 'warn' | 'error';
type Template = (n: () => number) => string;

const TEMPLATES: Record<Level, Template[]> = {
  info: [
    (n) => `GET /api/v1/orders/${n()} 200 in ${n() % 90} ms`,
    (n) => `POST /api/v1/checkout 201 in ${40 + (n() % 120)} ms`,
    (n) => `cache hit for key cart:${n()}`,
    (n) => `published event order.updated for order ${n()}`,
  ],
  warn: [
    (n) => `slow query on table orders took ${300 + (n() % 700)} ms`,
    (n) => `retrying call to inventory-service (attempt ${1 + (n() % 3)})`,
  ],
  error: [
    (n) => `payment declined for order ${n()}`,
    () => 'upstream connect error or disconnect/reset before headers',
  ],
};

/** The failure only the Kubernetes env has: Redis outside the cluster answers too slowly. */
const K8S_ONLY: Template = (n) => `redis timeout after ${200 + (n() % 800)} ms`;

/** Integers in [0, 1e6) from the shared seeded PRNG: the demo looks the same on every run. */
function intPrng(seed: number): () => number {
  const next = prng(seed);
  return () => Math.floor(next() * 1_000_000);
}

const seedOf = (text: string): number =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619), 2_166_136_261);

function pickLevel(roll: number, isK8s: boolean): Level {
  const errorShare = isK8s ? 60_000 : 30_000;
  if (roll < errorShare) return 'error';
  if (roll < errorShare + 80_000) return 'warn';
  return 'info';
}

function statusFor(level: Level, message: string): number {
  if (level === 'info') return message.startsWith('POST') ? 201 : 200;
  if (level === 'warn') return 200;
  return message.startsWith('payment') ? 402 : 503;
}

interface DemoLine {
  time: number;
  level: Level;
  message: string;
  traceId?: string;
  spanId: string;
  statusCode: number;
}

function demoLines(env: string, service: string, opts: DemoLogsOptions): DemoLine[] {
  const rand = intPrng(seedOf(`${env}/${service}`));
  const isK8s = env.includes('k8s');
  const traces =
    opts.traceIds?.[`${env}/${service}`] ?? opts.traceIds?.[service] ?? opts.traceIds?.[env] ?? [];
  const count = opts.linesPerService ?? 1500;
  const span = Math.max(1, opts.end - opts.start);
  const out: DemoLine[] = [];
  for (let i = 0; i < count; i++) {
    const level = pickLevel(rand(), isK8s);
    const k8sOnly = isK8s && service === 'checkout-api' && level === 'error' && rand() % 2 === 0;
    const templates = TEMPLATES[level];
    const template = k8sOnly ? K8S_ONLY : (templates[rand() % templates.length] as Template);
    const message = template(rand);
    const traceId = level !== 'info' || i % 5 === 0 ? traces[i % Math.max(1, traces.length)] : undefined;
    out.push({
      time: opts.start + Math.floor((i / count) * span) + (rand() % 1000),
      level,
      message,
      ...(traceId ? { traceId } : {}),
      spanId: (rand() * 1_000_003).toString(16).padStart(16, '0').slice(-16),
      statusCode: statusFor(level, message),
    });
  }
  return out;
}

function toDoc(line: DemoLine, env: string, service: string, fields: LogFields): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  setField(doc, fields.timestamp, new Date(Math.min(line.time, Date.now())).toISOString());
  setField(doc, fields.message, line.message);
  setField(doc, fields.level, line.level);
  setField(doc, fields.service, service);
  setField(doc, fields.environment, env);
  setField(doc, fields.spanId, line.spanId);
  setField(doc, fields.statusCode, line.statusCode);
  if (line.traceId) setField(doc, fields.traceId, line.traceId);
  setField(doc, 'host.name', `${service}-${env}-${line.spanId.slice(-1)}`);
  return doc;
}

async function recreateIndex(url: string, index: string, fields: LogFields): Promise<void> {
  const res = await fetch(`${url}/${encodeURIComponent(index)}`, { method: 'DELETE' });
  await res.arrayBuffer();
  if (!res.ok && res.status !== 404)
    throw new Error(`elasticsearch ${url}: cannot delete index ${index} (${res.status})`);
  await createIndex(url, index, logMapping(fields));
}

/**
 * Creates the demo index in each env's Elasticsearch and loads info/warn/error lines for the
 * services; envs named `*k8s*` also log `redis timeout after <n> ms` for checkout-api.
 */
export async function loadDemoLogs(
  esUrls: Record<string, string>,
  opts: DemoLogsOptions,
): Promise<{ env: string; index: string; lines: number }[]> {
  const indexOf = opts.index ?? demoLogIndex;
  return Promise.all(
    Object.entries(esUrls).map(async ([env, url]) => {
      const fields = opts.fields?.[env] ?? DEMO_LOG_FIELDS;
      const index = indexOf(env);
      await recreateIndex(url, index, fields);
      const docs = opts.services.flatMap((service) =>
        demoLines(env, service, opts).map((line) => toDoc(line, env, service, fields)),
      );
      await bulkIndex(url, index, docs);
      return { env, index, lines: docs.length };
    }),
  );
}

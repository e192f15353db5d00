import {
  bulkIndex,
  createIndex,
  logMapping,
  setField,
  startElasticsearch,
  type EsServer,
} from '../harness/elasticsearch.js';
import { otlpPayload, postOtlp, startJaeger, waitSearchable, type JaegerServer } from '../harness/jaeger.js';
import { startPrometheus, type RunningPrometheus } from '../harness/index.js';
import { ECS_LOG_FIELDS } from '../../src/config/index.js';

export const SERVICE = 'stab-api';
export const INDEX = 'logs-stab';
/** A fixed instant (whole minute, 20 min ago) where every sample sits. */
export const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 20 * 60_000;
export const PROM_VALUE = 42;
export const LOG_LINES = 5;

export interface World {
  prom: RunningPrometheus;
  jaeger: JaegerServer;
  es: EsServer;
  stop: () => Promise<void>;
}

function logDocs(): object[] {
  return Array.from({ length: LOG_LINES }, (_, i) => {
    const doc: Record<string, unknown> = {};
    setField(doc, ECS_LOG_FIELDS.timestamp, new Date(T0 + i * 1000).toISOString());
    setField(doc, ECS_LOG_FIELDS.message, `line ${i} of ${SERVICE}`);
    setField(doc, ECS_LOG_FIELDS.level, 'info');
    setField(doc, ECS_LOG_FIELDS.service, SERVICE);
    return doc;
  });
}

/** Real Prometheus, Jaeger and Elasticsearch 9 holding a little data the tests know exactly. */
export async function startWorld(): Promise<World> {
  const [prom, jaeger, es] = await Promise.all([
    startPrometheus('stab', [{ name: 'stab_value', labels: { job: 'stab' }, t: T0, v: PROM_VALUE }]),
    startJaeger('stab'),
    startElasticsearch(9),
  ]);
  await createIndex(es.url, INDEX, logMapping(ECS_LOG_FIELDS));
  await bulkIndex(es.url, INDEX, logDocs());
  const startNs = BigInt(T0) * 1_000_000n;
  const span = {
    traceId: 'ab'.repeat(16),
    spanId: 'cd'.repeat(8),
    name: 'GET /x',
    startNs,
    durationNs: 5_000_000n,
  };
  await postOtlp(jaeger.otlpUrl, otlpPayload(SERVICE, [span]));
  await waitSearchable(jaeger.queryUrl, SERVICE, 1);
  const stop = async (): Promise<void> => {
    await Promise.all([prom.stop(), jaeger.stop(), es.stop()]);
  };
  return { prom, jaeger, es, stop };
}

/** Two envs on the same servers (two Elasticsearch clients per config); `timeout` varies per reload. */
export function worldConfig(w: World, timeout = '10s', extra = ''): string {
  const env = (name: string): string => `  - name: ${name}
    prometheus: { url: "${w.prom.url}", timeout: ${timeout} }
    traces: { kind: jaeger, url: "${w.jaeger.queryUrl}", api: v3, timeout: ${timeout} }
    logs: { kind: elasticsearch, url: "${w.es.url}", index: ${INDEX}, version: 9, timeout: ${timeout} }
`;
  return `server: { host: 127.0.0.1, port: 0, logLevel: info }
federation: { deadline: 10s }
envs:
${env('a')}${env('b')}${extra}`;
}

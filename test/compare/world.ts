import type { Hono } from 'hono';
import { createApp, type Services } from '../../src/app/index.js';
import { configSchema, ECS_LOG_FIELDS, type Config } from '../../src/config/index.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  setField,
  startElasticsearch,
  type EsServer,
} from '../harness/elasticsearch.js';
import { otlpPayload, postOtlp, startJaeger, waitSearchable, type JaegerServer } from '../harness/jaeger.js';
import { startPrometheus, type RunningPrometheus } from '../harness/prometheus.js';
import { logLines, promSamples, spansByService, TRACES_PER_ENV, type EnvKey } from './data.js';
import { ENVS } from './scenarios.js';

/** ECS field names, the demo's. */
export const LOG_FIELDS = ECS_LOG_FIELDS;

export interface World {
  prometheus: Record<EnvKey, RunningPrometheus>;
  jaeger: Record<EnvKey, JaegerServer>;
  es: EsServer;
  stop: () => Promise<void>;
}

const KEYS: EnvKey[] = ['vm', 'k8s'];
export const indexOf = (env: EnvKey): string => `logs-${ENVS[env]}`;

async function loadTraces(jaeger: JaegerServer, env: EnvKey): Promise<void> {
  for (const [service, spans] of spansByService(env))
    await postOtlp(jaeger.otlpUrl, otlpPayload(service, spans));
  for (const service of spansByService(env).keys())
    await waitSearchable(jaeger.queryUrl, service, TRACES_PER_ENV, 30_000);
}

async function loadLogs(es: EsServer, env: EnvKey): Promise<void> {
  const index = indexOf(env);
  await createIndex(es.url, index, logMapping(LOG_FIELDS));
  const docs = [...logLines(env)].flatMap(([service, lines]) =>
    lines.map((line) => {
      const doc: Record<string, unknown> = {};
      setField(doc, LOG_FIELDS.timestamp, new Date(line.time).toISOString());
      setField(doc, LOG_FIELDS.message, line.message);
      setField(doc, LOG_FIELDS.level, line.level);
      setField(doc, LOG_FIELDS.service, service);
      setField(doc, LOG_FIELDS.environment, ENVS[env]);
      return doc;
    }),
  );
  await bulkIndex(es.url, index, docs);
}

/** Two Prometheus, two Jaeger and one Elasticsearch (an index per env), loaded with every scenario. */
export async function startWorld(): Promise<World> {
  const started: { stop: () => Promise<void> }[] = [];
  const track = async <T extends { stop: () => Promise<void> }>(p: Promise<T>): Promise<T> => {
    const server = await p;
    started.push(server);
    return server;
  };
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((s) => s.stop()));
  };
  try {
    const [promVm, promK8s, jVm, jK8s, es] = await Promise.all([
      track(startPrometheus('kr-vm', promSamples('vm'))),
      track(startPrometheus('kr-k8s', promSamples('k8s'))),
      track(startJaeger('jaeger-kr-vm')),
      track(startJaeger('jaeger-kr-k8s')),
      track(startElasticsearch(9)),
    ]);
    await Promise.all([loadTraces(jVm, 'vm'), loadTraces(jK8s, 'k8s'), ...KEYS.map((k) => loadLogs(es, k))]);
    return { prometheus: { vm: promVm, k8s: promK8s }, jaeger: { vm: jVm, k8s: jK8s }, es, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function envConfig(world: World, key: EnvKey, role: string) {
  return {
    name: ENVS[key],
    labels: { role, platform: key },
    prometheus: { url: world.prometheus[key].url },
    signals: { template: key === 'vm' ? 'promclient' : 'istio' },
    traces: {
      kind: 'jaeger',
      url: world.jaeger[key].queryUrl,
      uiUrl: `https://jaeger.${ENVS[key]}.example/trace/{{traceId}}`,
    },
    logs: { kind: 'elasticsearch', url: world.es.url, index: indexOf(key), version: 9 },
  };
}

/** The gateway's config over the world; `extraEnvs` adds e.g. an env whose backends are down. */
export function worldConfig(
  world: World,
  extraEnvs: unknown[] = [],
  server: Record<string, unknown> = {},
): Config {
  return configSchema.parse({
    server: { logLevel: 'silent', ...server },
    federation: { deadline: '20s' },
    envs: [envConfig(world, 'vm', 'old'), envConfig(world, 'k8s', 'new'), ...extraEnvs],
  });
}

/** The gateway over the world, exactly as main.ts builds it. */
export function gateway(config: Config): { app: Hono; services: Services } {
  return createApp(config);
}

/** POSTs a GraphQL query to the app and returns its JSON. */
export async function gql<T = Record<string, unknown>>(
  app: Hono,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await app.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

import type { Hono } from 'hono';
import { createApp, type Services } from '../../src/app/index.js';
import { configSchema, ECS_LOG_FIELDS, type Config } from '../../src/config/index.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  setField,
  startElasticsearch,
  type EsMajor,
  type EsServer,
} from '../harness/elasticsearch.js';
import {
  otlpPayload,
  postOtlp,
  startJaeger,
  waitSearchable,
  type JaegerServer,
  type OtlpSpanInput,
} from '../harness/jaeger.js';
import { startPrometheus, type PromSample, type RunningPrometheus } from '../harness/prometheus.js';
import {
  logLines,
  promSamples,
  spansByService,
  T0,
  TRACES_PER_ENV,
  type EnvKey,
  type LogLine,
} from './data.js';
import { ENVS } from './scenarios.js';
import {
  SCENARIOS as LABELLED,
  sideLogs,
  sideSamples,
  sideSpans,
  storedTraces,
  type SideKey,
} from './scenarios/index.js';

/** ECS field names, the demo's. */
export const LOG_FIELDS = ECS_LOG_FIELDS;

/**
 * kr-vm: Spring Boot on VMs (micrometer metrics, Jaeger #1, logs in Elasticsearch 8); kr-k8s: Istio on
 * Kubernetes (Jaeger #2, logs in Elasticsearch 9). Both hold the classic scenarios (scenarios.ts) and the
 * labelled set (scenarios/).
 */
export const WORLD_ENVS = {
  vm: { side: 'baseline', template: 'micrometer', es: 8 },
  k8s: { side: 'candidate', template: 'istio', es: 9 },
} as const satisfies Record<EnvKey, { side: SideKey; template: string; es: EsMajor }>;

export interface World {
  prometheus: Record<EnvKey, RunningPrometheus>;
  jaeger: Record<EnvKey, JaegerServer>;
  es: Record<EnvKey, EsServer>;
  stop: () => Promise<void>;
}

export const indexOf = (env: EnvKey): string => `logs-${ENVS[env]}`;

function envSamples(env: EnvKey): PromSample[] {
  const side = WORLD_ENVS[env].side;
  return [
    ...promSamples(env, WORLD_ENVS[env].template),
    ...LABELLED.flatMap((s) => sideSamples(s, side, T0)),
  ];
}

/** Every service's spans in one env, with the trace count to wait for. */
function envSpans(env: EnvKey): { service: string; spans: OtlpSpanInput[]; traces: number }[] {
  const side = WORLD_ENVS[env].side;
  const classic = [...spansByService(env)].map(([service, spans]) => ({
    service,
    spans,
    traces: TRACES_PER_ENV,
  }));
  const labelled = LABELLED.map((s) => ({
    service: s.service,
    spans: sideSpans(s, side, T0),
    traces: storedTraces(s, side),
  }));
  return [...classic, ...labelled].filter((x) => x.traces > 0);
}

async function loadTraces(jaeger: JaegerServer, env: EnvKey): Promise<void> {
  const all = envSpans(env);
  for (const { service, spans } of all) await postOtlp(jaeger.otlpUrl, otlpPayload(service, spans));
  for (const { service, traces } of all) await waitSearchable(jaeger.queryUrl, service, traces, 30_000);
}

function envLines(env: EnvKey): [string, LogLine[]][] {
  const side = WORLD_ENVS[env].side;
  return [...logLines(env), ...LABELLED.map((s): [string, LogLine[]] => [s.service, sideLogs(s, side, T0)])];
}

async function loadLogs(es: EsServer, env: EnvKey): Promise<void> {
  const index = indexOf(env);
  await createIndex(es.url, index, logMapping(LOG_FIELDS));
  const docs = envLines(env).flatMap(([service, lines]) =>
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

/** Two Prometheus, two Jaeger, Elasticsearch 8 (kr-vm) and 9 (kr-k8s), all started and loaded in parallel. */
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
    // Each backend is loaded as soon as it is up: Jaeger and Prometheus fill while ES still boots.
    const loaded = async <T>(server: Promise<T>, load: (s: T) => Promise<void>): Promise<T> => {
      const s = await server;
      await load(s);
      return s;
    };
    // ES first: its JVMs take longest, and the samples below are computed before Prometheus starts.
    const [esVm, esK8s, jVm, jK8s, promVm, promK8s] = await Promise.all([
      loaded(track(startElasticsearch(WORLD_ENVS.vm.es)), (es) => loadLogs(es, 'vm')),
      loaded(track(startElasticsearch(WORLD_ENVS.k8s.es)), (es) => loadLogs(es, 'k8s')),
      loaded(track(startJaeger('jaeger-kr-vm')), (j) => loadTraces(j, 'vm')),
      loaded(track(startJaeger('jaeger-kr-k8s')), (j) => loadTraces(j, 'k8s')),
      track(startPrometheus('kr-vm', envSamples('vm'))),
      track(startPrometheus('kr-k8s', envSamples('k8s'))),
    ]);
    return {
      prometheus: { vm: promVm, k8s: promK8s },
      jaeger: { vm: jVm, k8s: jK8s },
      es: { vm: esVm, k8s: esK8s },
      stop,
    };
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
    signals: { template: WORLD_ENVS[key].template },
    traces: {
      kind: 'jaeger',
      url: world.jaeger[key].queryUrl,
      uiUrl: `https://jaeger.${ENVS[key]}.example/trace/{{traceId}}`,
    },
    logs: {
      kind: 'elasticsearch',
      url: world.es[key].url,
      index: indexOf(key),
      version: WORLD_ENVS[key].es,
    },
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

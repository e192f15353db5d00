/**
 * `npm run demo`: real Prometheus (kr-vm, and an HA pair for kr-k8s), real Jaeger and real
 * Elasticsearch (8 for the VM env, 9 for K8s) loaded with demo data, then the gateway.
 * PARALLAX_DEMO_SKIP=logs,traces skips the slower backends; PARALLAX_DEMO_PORT sets the gateway port.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { parseConfig } from '../src/config/index.js';
import { createApp } from '../src/app/index.js';
import { createLogger } from '../src/telemetry/index.js';
import { startPrometheus, type RunningPrometheus } from '../test/harness/prometheus.js';
import { startJaeger, type JaegerServer } from '../test/harness/jaeger.js';
import { loadDemoLogs, startElasticsearch, demoLogIndex, type EsServer } from './logs.js';
import { sendDemoSpans } from './traces.js';
import { DEMO_ENVS, DEMO_SERVICES, demoSamples } from './world.js';

const HOUR = 3_600_000;
const skip = new Set((process.env.PARALLAX_DEMO_SKIP ?? '').split(',').filter(Boolean));
const port = Number(process.env.PARALLAX_DEMO_PORT ?? 9480);
const stops: Array<() => Promise<void>> = [];
const say = (msg: string): void => void process.stdout.write(`demo: ${msg}\n`);

async function startMetrics(
  start: number,
  end: number,
): Promise<{ vm: RunningPrometheus; k8s: RunningPrometheus[] }> {
  say('building Prometheus blocks and starting kr-vm and the kr-k8s HA pair ...');
  const k8s = demoSamples('k8s', start, end);
  // Replica a misses 10 minutes, as after a restart: the gateway fills the gap from replica b.
  const gapStart = start + HOUR;
  const [vm, a, b] = await Promise.all([
    startPrometheus('kr-vm', demoSamples('vm', start, end)),
    startPrometheus(
      'kr-k8s-a',
      k8s.filter((s) => s.t < gapStart || s.t > gapStart + 600_000),
    ),
    startPrometheus('kr-k8s-b', k8s),
  ]);
  stops.push(vm.stop, a.stop, b.stop);
  return { vm, k8s: [a, b] };
}

async function startTraces(start: number, end: number): Promise<Record<string, JaegerServer>> {
  say('starting Jaeger per env and sending spans (catalog-api: K8s Redis/DB calls ~5 ms slower) ...');
  const [vm, k8s] = await Promise.all([startJaeger(DEMO_ENVS.vm), startJaeger(DEMO_ENVS.k8s)]);
  stops.push(vm.stop, k8s.stop);
  const servers = { [DEMO_ENVS.vm]: vm, [DEMO_ENVS.k8s]: k8s };
  const otlp = Object.fromEntries(Object.entries(servers).map(([env, s]) => [env, s.otlpUrl]));
  // Only catalog-api pays the K8s penalty on its Redis/DB calls, so the other two compare clean there.
  const traces = (
    await Promise.all(
      DEMO_SERVICES.map((service, i) =>
        sendDemoSpans(otlp, {
          services: [service],
          start,
          end,
          seed: 42 + i,
          k8sPenaltyMs: service === 'catalog-api' ? 5 : 0,
        }),
      ),
    )
  ).flat();
  traceIds = {};
  for (const t of traces) (traceIds[`${t.env}/${t.service}`] ??= []).push(t.traceId);
  return servers;
}
let traceIds: Record<string, string[]> = {};

async function startLogs(start: number, end: number): Promise<Record<string, EsServer>> {
  say('starting Elasticsearch 8 (kr-vm) and 9 (kr-k8s); this takes about a minute ...');
  const [vm, k8s] = await Promise.all([startElasticsearch(8), startElasticsearch(9)]);
  stops.push(vm.stop, k8s.stop);
  const urls = { [DEMO_ENVS.vm]: vm.url, [DEMO_ENVS.k8s]: k8s.url };
  await loadDemoLogs(urls, { services: [...DEMO_SERVICES], start, end, traceIds });
  return { [DEMO_ENVS.vm]: vm, [DEMO_ENVS.k8s]: k8s };
}

function configYaml(
  m: { vm: RunningPrometheus; k8s: RunningPrometheus[] },
  j?: Record<string, JaegerServer>,
  e?: Record<string, EsServer>,
): string {
  const env = (name: string, labels: string, prom: string, template: string): string => {
    const traces = j?.[name]
      ? `\n    traces: { kind: jaeger, url: "${j[name].queryUrl}", uiUrl: "${j[name].queryUrl}/trace/{{traceId}}" }`
      : '';
    const logs = e?.[name]
      ? `\n    logs: { kind: elasticsearch, url: "${e[name].url}", index: ${demoLogIndex(name)} }`
      : '';
    return `  - name: ${name}\n    labels: { ${labels} }\n    prometheus: { url: ${prom} }\n    signals: { template: ${template} }${traces}${logs}\n`;
  };
  return [
    `server: { host: 127.0.0.1, port: ${port} }\n`,
    'federation: { deadline: 10s }\n',
    'envs:\n',
    env(DEMO_ENVS.vm, 'region: kr, platform: vm, role: old', `"${m.vm.url}"`, 'promclient'),
    env(
      DEMO_ENVS.k8s,
      'region: kr, platform: k8s, role: new',
      `["${m.k8s.map((p) => p.url).join('", "')}"]`,
      'istio',
    ),
  ].join('');
}

/** Fails before any backend starts when the gateway's port is taken (a demo already running?). */
async function checkPort(): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} is in use (a demo or gateway already running?); PARALLAX_DEMO_PORT picks another`
            : `port ${port}: ${err.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** The gateway once it listens; a listen error rejects instead of being reported after "ready". */
function listen(fetch: Parameters<typeof serve>[0]['fetch']): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port }, () => resolve(server));
    server.once('error', reject);
  });
}

// From the first backend on: a signal stops whatever has started, and the gateway.
let server: ServerType | undefined;
const shutdown = (): void => {
  server?.close();
  void Promise.allSettled(stops.map((s) => s())).then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

async function main(): Promise<void> {
  await checkPort();
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const start = end - 3 * HOUR;
  const metrics = await startMetrics(start, end);
  const traces = skip.has('traces') ? undefined : await startTraces(start, end);
  const logs = skip.has('logs') ? undefined : await startLogs(start, end);
  const yaml = configYaml(metrics, traces, logs);
  const dir = join(process.env.PARALLAX_CACHE ?? '.cache', 'demo');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'parallax.yaml'), yaml);
  const config = parseConfig(yaml);
  const { app } = createApp(config, { logger: createLogger('info'), defaultMetrics: true });
  server = await listen(app.fetch);
  const base = `http://127.0.0.1:${port}`;
  say(`gateway ready (config written to ${join(dir, 'parallax.yaml')})`);
  process.stdout.write(`
  GraphQL playground  ${base}/graphql        (works offline)
  Prometheus API      ${base}/api/v1/         (point Grafana's Prometheus datasource here)
  Jaeger API          ${base}/api/traces      (point Grafana's Jaeger datasource here)
  Metrics             ${base}/metrics

  Try:
    curl -sg '${base}/api/v1/query?query=sum%20by%20(env)%20(rate(istio_requests_total[5m]))%20or%20sum%20by%20(env)%20(rate(http_request_duration_seconds_count[5m]))'
    promtool query instant ${base} 'sum by (env) (rate(http_request_duration_seconds_count[5m]))'
    In the playground:  { signals(service: "catalog-api", range: {start: "now-1h", end: "now"}) { env signal summary { avg last } } }
    ${traces ? `{ traces(service: "checkout-api", range: {start: "now-3h", end: "now"}, order: SLOWEST, limit: 5) { traceId envs durationMs errorCount } }` : ''}
    ${logs ? `{ newLogPatterns(service: "checkout-api", baseline: ["kr-vm"], candidate: ["kr-k8s"], range: {start: "now-3h", end: "now"}) { newPatterns { template count example } } }` : ''}

  Ctrl-C stops the gateway and every backend.
`);
}

main().catch(async (err: unknown) => {
  process.stderr.write(`demo: failed: ${(err as Error).message}\n`);
  await Promise.allSettled(stops.map((s) => s()));
  process.exit(1);
});

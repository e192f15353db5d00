import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { freePort, retryOnPortClash } from './ports.js';
import { httpOk, startProcess, waitReady } from './process.js';

const run = promisify(execFile);
const INSTALL = fileURLToPath(new URL('../../scripts/backends/prometheus.sh', import.meta.url));

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  /** epoch ms */
  t: number;
  v: number;
}

/** One line of Prometheus' query log: what a query asked for (times as RFC 3339). */
export interface LoggedQuery {
  query: string;
  start?: string;
  end?: string;
  step?: number;
}

export interface RunningPrometheus {
  url: string;
  /** Every query this server ran, in order (its query log). */
  queryLog: () => Promise<LoggedQuery[]>;
  /** The TSDB folder (a Thanos sidecar reads it). */
  dataDir: string;
  stop: () => Promise<void>;
}

/** OpenMetrics text for promtool; samples grouped by metric family, timestamps in seconds. */
export function toOpenMetrics(samples: readonly PromSample[]): string {
  const byName = new Map<string, PromSample[]>();
  for (const s of samples) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const lines: string[] = [];
  for (const [, list] of byName) {
    for (const s of [...list].sort((a, b) => a.t - b.t)) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',');
      lines.push(`${s.name}{${labels}} ${s.v} ${s.t / 1000}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

async function ensureInstalled(): Promise<void> {
  await run('bash', [INSTALL], { timeout: 300_000 });
}

/** A real Prometheus on 127.0.0.1 holding exactly `samples` (TSDB blocks built with promtool). */
/** Serve HTTPS with this certificate (PEM files); readiness is then probed with `caPem`. */
export interface PromTls {
  certFile: string;
  keyFile: string;
  caPem: string;
}

async function startPrometheusOnce(
  name: string,
  samples: readonly PromSample[],
  externalLabels: Record<string, string> = {},
  tls?: PromTls,
): Promise<RunningPrometheus> {
  await ensureInstalled();
  const dir = await mkdtemp(join(tmpdir(), `parallax-prom-${name}-`));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'data.om'), toOpenMetrics(samples));
  await writeFile(
    join(dir, 'prometheus.yml'),
    `global: { external_labels: ${JSON.stringify(externalLabels)}, query_log_file: ${JSON.stringify(join(dir, 'query.log'))} }\n`,
  );
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), data], {
    timeout: 120_000,
  });
  const port = await freePort();
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const webConfig = join(dir, 'web.yml');
  if (tls) {
    await writeFile(
      webConfig,
      `tls_server_config:\n  cert_file: ${tls.certFile}\n  key_file: ${tls.keyFile}\n`,
    );
  }
  const proc = startProcess(`prometheus ${name}`, 'prometheus', [
    `--storage.tsdb.path=${data}`,
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=10y',
    '--log.level=warn',
    ...(tls ? [`--web.config.file=${webConfig}`] : []),
  ]);
  const ready = tls ? () => tlsOk(`${url}/-/ready`, tls.caPem) : () => httpOk(`${url}/-/ready`);
  await waitReady(proc, ready, 60_000);
  return {
    url,
    dataDir: data,
    queryLog: async () => {
      const text = await readFile(join(dir, 'query.log'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { params: LoggedQuery }).params);
    },
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** startPrometheus with a retry when another process took one of its ports first. */
export function startPrometheus(
  name: string,
  samples: readonly PromSample[],
  externalLabels: Record<string, string> = {},
  tls?: PromTls,
): Promise<RunningPrometheus> {
  return retryOnPortClash(() => startPrometheusOnce(name, samples, externalLabels, tls));
}

async function tlsOk(url: string, ca: string): Promise<boolean> {
  const res = await request(url, {
    dispatcher: new Agent({ connect: { ca } }),
    signal: AbortSignal.timeout(2000),
  });
  await res.body.text();
  return res.statusCode === 200;
}

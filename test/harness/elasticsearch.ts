import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, retryOnPortClash } from './ports.js';

/** Distributions fetched by scripts/backends/elasticsearch.sh, and the JDK each one needs. */
export const ES_VERSIONS = {
  9: { version: '9.1.5', javaHome: '/usr/lib/jvm/temurin-25-jdk-amd64' },
  8: { version: '8.19.7', javaHome: '/usr/lib/jvm/java-17-openjdk-amd64' },
} as const;

export type EsMajor = keyof typeof ES_VERSIONS;

export interface EsServer {
  major: EsMajor;
  url: string;
  port: number;
  /** Seconds from spawn to a yellow cluster. */
  startSeconds: number;
  output: () => string;
  stop: () => Promise<void>;
}

const ES_USER = 'parallax-es';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const running = new Set<ChildProcess>();

// The server runs in its own process group: kill the whole group, never leave a JVM behind.
process.once('exit', () => {
  for (const proc of running) killGroup(proc, 'SIGKILL');
});

function killGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // already gone
  }
}

/** Where scripts/backends/elasticsearch.sh unpacks: readable by the non-root ES user wherever the checkout is. */
const DIST = process.env.PARALLAX_ES_DIST ?? '/opt/parallax-es';

function distDir(major: EsMajor): string {
  return join(DIST, `elasticsearch-${ES_VERSIONS[major].version}`);
}

/** Fetches and unpacks the distributions (and creates the user) when they are not cached yet. */
function ensureDistribution(major: EsMajor): string {
  const dir = distDir(major);
  if (!existsSync(join(dir, 'bin', 'elasticsearch'))) {
    execFileSync('bash', [join(ROOT, 'scripts/backends/elasticsearch.sh')], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  if (!existsSync(join(dir, 'bin', 'elasticsearch')))
    throw new Error(`elasticsearch ${major}: distribution missing in ${dir}`);
  return dir;
}

function userIds(): { uid: number; gid: number } {
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, ES_USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A private config dir (ES_PATH_CONF) with data and logs in a temp dir owned by the ES user. */
function prepareHome(dist: string, httpPort: number, transportPort: number): string {
  const home = mkdtempSync(join(tmpdir(), 'parallax-es-'));
  cpSync(join(dist, 'config'), join(home, 'config'), { recursive: true });
  for (const sub of ['data', 'logs', 'tmp']) mkdirSync(join(home, sub));
  const settings = [
    '',
    'discovery.type: single-node',
    `http.port: ${httpPort}`,
    `transport.port: ${transportPort}`,
    'network.host: 127.0.0.1',
    'xpack.security.enabled: false',
    `path.data: ${join(home, 'data')}`,
    `path.logs: ${join(home, 'logs')}`,
    // A nearly full CI disk must not turn test indices read-only.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    '',
  ];
  appendFileSync(join(home, 'config', 'elasticsearch.yml'), settings.join('\n'));
  execFileSync('chown', ['-R', `${ES_USER}:`, home]);
  return home;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
      signal: AbortSignal.timeout(3000),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts a throw-away single-node Elasticsearch on free 127.0.0.1 ports as the non-root ES user and
 * waits until it is healthy. Fails loudly (with the server's output) when it cannot start.
 */
async function startElasticsearchOnce(major: EsMajor, timeoutMs = 170_000): Promise<EsServer> {
  const dist = ensureDistribution(major);
  const [httpPort, transportPort] = [await freePort(), await freePort()];
  const home = prepareHome(dist, httpPort, transportPort);
  const started = performance.now();
  const proc = spawn(join(dist, 'bin', 'elasticsearch'), [], {
    ...userIds(),
    cwd: home,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      ES_JAVA_HOME: ES_VERSIONS[major].javaHome,
      ES_JAVA_OPTS: '-Xms512m -Xmx512m',
      ES_PATH_CONF: join(home, 'config'),
      ES_TMPDIR: join(home, 'tmp'),
    },
  });
  running.add(proc);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-6000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${httpPort}`;
  const stop = async (): Promise<void> => {
    running.delete(proc);
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((done) => proc.once('exit', () => done()));
      killGroup(proc, 'SIGTERM');
      const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitHealthy(proc, url, timeoutMs, () => tail);
  } catch (err) {
    await stop();
    throw err;
  }
  const startSeconds = Math.round((performance.now() - started) / 100) / 10;
  return { major, url, port: httpPort, startSeconds, output: () => tail, stop };
}

/** startElasticsearch with a retry when another process took one of its ports first. */
export function startElasticsearch(major: EsMajor, timeoutMs = 170_000): Promise<EsServer> {
  return retryOnPortClash(() => startElasticsearchOnce(major, timeoutMs));
}

async function waitHealthy(
  proc: ChildProcess,
  url: string,
  timeoutMs: number,
  tail: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null)
      throw new Error(`elasticsearch at ${url} exited with ${proc.exitCode}:\n${tail()}`);
    if (await healthy(url)) return;
    await sleep(500);
  }
  throw new Error(`elasticsearch at ${url} not healthy after ${timeoutMs} ms:\n${tail()}`);
}

/** Plain HTTP (no client): works the same against ES 8 and 9. */
async function esRequest(
  url: string,
  method: string,
  path: string,
  body: string,
  contentType: string,
): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method, body, headers: { 'content-type': contentType } });
  const text = await res.text();
  if (!res.ok) throw new Error(`elasticsearch ${method} ${path} -> ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as unknown;
}

/** Creates an index with the given mappings (one shard, no replica: a single node stays green). */
export async function createIndex(
  url: string,
  index: string,
  properties: Record<string, unknown>,
): Promise<void> {
  const body = { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties } };
  await esRequest(url, 'PUT', `/${encodeURIComponent(index)}`, JSON.stringify(body), 'application/json');
}

/** Bulk-indexes documents (refreshed: searchable on return); fails when any item failed. */
export async function bulkIndex(
  url: string,
  index: string,
  docs: readonly object[],
  chunk = 5000,
): Promise<void> {
  for (let i = 0; i < docs.length; i += chunk) {
    const lines = docs
      .slice(i, i + chunk)
      .flatMap((doc) => [JSON.stringify({ index: {} }), JSON.stringify(doc)]);
    const path = `/${encodeURIComponent(index)}/_bulk?refresh=true`;
    const res = (await esRequest(url, 'POST', path, `${lines.join('\n')}\n`, 'application/x-ndjson')) as {
      errors?: boolean;
    };
    if (res.errors) throw new Error(`elasticsearch bulk into ${index}: some items failed`);
  }
}

/** Mapping for log documents whose fields are named by an env's `fields` config (dotted names nest). */
export function logMapping(fields: {
  timestamp: string;
  message: string;
  level: string;
  service: string;
  environment: string;
  traceId: string;
  spanId: string;
  statusCode: string;
}): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const put = (path: string, type: object): void => {
    const parts = path.split('.');
    let node = props;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = type;
      else {
        const next = (node[part] ??= { properties: {} }) as { properties: Record<string, unknown> };
        node = next.properties;
      }
    });
  };
  put(fields.timestamp, { type: 'date' });
  put(fields.message, { type: 'text' });
  for (const k of [fields.level, fields.service, fields.environment, fields.traceId, fields.spanId])
    put(k, { type: 'keyword' });
  put(fields.statusCode, { type: 'integer' });
  return props;
}

/** Sets a (possibly dotted) field in a document as nested objects, the way ECS shippers write them. */
export function setField(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) node[part] = value;
    else node = (node[part] ??= {}) as Record<string, unknown>;
  });
}

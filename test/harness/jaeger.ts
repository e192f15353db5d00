import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort, retryOnPortClash } from './ports.js';
import { httpOk, startProcess, waitReady, type Managed } from './process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = process.env.PARALLAX_CACHE ?? join(ROOT, '.cache');
export const JAEGER_BIN = join(CACHE, 'bin', 'jaeger');

export interface JaegerServer {
  /** jaeger_query HTTP: both the api_v3 and the legacy JSON API. */
  queryUrl: string;
  /** OTLP/HTTP receiver base; POST OTLP JSON to `${otlpUrl}/v1/traces`. */
  otlpUrl: string;
  process: Managed;
  stop: () => Promise<void>;
}

/** Builds Jaeger with the project script when the binary is missing; throws (never skips) if that fails. */
export async function ensureJaegerBinary(): Promise<string> {
  if (existsSync(JAEGER_BIN)) return JAEGER_BIN;
  try {
    await promisify(execFile)('bash', [join(ROOT, 'scripts/backends/jaeger.sh')], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const out = err as { stderr?: string; message: string };
    throw new Error(`building Jaeger failed (scripts/backends/jaeger.sh):\n${out.stderr ?? out.message}`, {
      cause: err,
    });
  }
  if (!existsSync(JAEGER_BIN)) throw new Error(`scripts/backends/jaeger.sh ran but ${JAEGER_BIN} is missing`);
  return JAEGER_BIN;
}

// Every endpoint on its own free 127.0.0.1 port; ports arrive through ${env:...}.
const CONFIG = `
service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:\${env:PX_HEALTH_PORT}
  jaeger_query:
    storage:
      traces: mem
    http:
      endpoint: 127.0.0.1:\${env:PX_QUERY_PORT}
      # Without it this Jaeger answers every request with Connection: close (a TCP connect per call).
      keep_alives_enabled: true
    grpc:
      endpoint: 127.0.0.1:\${env:PX_QUERY_GRPC_PORT}
  jaeger_storage:
    backends:
      mem:
        memory:
          max_traces: 100000
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:\${env:PX_OTLP_PORT}
processors:
  batch:
    timeout: 100ms
exporters:
  jaeger_storage_exporter:
    trace_storage: mem
`;

/** Starts one Jaeger v2 (memory storage) on free ports and waits until /status says healthy. */
async function startJaegerOnce(name = 'jaeger'): Promise<JaegerServer> {
  const bin = await ensureJaegerBinary();
  const dir = await mkdtemp(join(tmpdir(), 'parallax-jaeger-'));
  const configFile = join(dir, 'config.yaml');
  await writeFile(configFile, CONFIG);
  const [health, query, grpc, otlp] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    ...process.env,
    PX_HEALTH_PORT: String(health),
    PX_QUERY_PORT: String(query),
    PX_QUERY_GRPC_PORT: String(grpc),
    PX_OTLP_PORT: String(otlp),
  };
  const proc = startProcess(name, bin, ['--config', configFile], { env });
  const stop = async (): Promise<void> => {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(proc, () => healthy(`http://127.0.0.1:${health}/status`), 60_000);
    await waitReady(proc, () => httpOk(`http://127.0.0.1:${query}/api/services`), 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { queryUrl: `http://127.0.0.1:${query}`, otlpUrl: `http://127.0.0.1:${otlp}`, process: proc, stop };
}

/** startJaeger with a retry when another process took one of its ports first. */
export function startJaeger(name = 'jaeger'): Promise<JaegerServer> {
  return retryOnPortClash(() => startJaegerOnce(name));
}

async function healthy(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  const text = await res.text();
  return res.ok && !/unhealthy/i.test(text);
}

/** POSTs an OTLP JSON payload (ExportTraceServiceRequest) to the receiver. */
export async function postOtlp(otlpUrl: string, payload: unknown): Promise<void> {
  const res = await fetch(`${otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`OTLP export failed: HTTP ${res.status} ${body}`);
}

/** Polls the legacy API until `service` has at least `count` traces (the batch processor flushes every 100 ms). */
export async function waitSearchable(
  queryUrl: string,
  service: string,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  const url = `${queryUrl}/api/traces?${new URLSearchParams({ service, lookback: '1000h', limit: String(count + 1000), start: '0' })}`;
  let seen = 0;
  while (Date.now() < until) {
    const res = await fetch(url);
    const body = (await res.json()) as { data?: unknown[] | null };
    seen = body.data?.length ?? 0;
    if (seen >= count) return;
    await sleep(100);
  }
  throw new Error(
    `Jaeger at ${queryUrl}: ${service} has ${seen} traces after ${timeoutMs} ms, expected ${count}`,
  );
}

export interface OtlpSpanInput {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind number: 1 internal, 2 server, 3 client. */
  kind?: number;
  startNs: bigint;
  durationNs: bigint;
  error?: boolean;
  statusMessage?: string;
  attributes?: Record<string, string | number | boolean>;
}

function otlpValue(v: string | number | boolean): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

const kvs = (attrs: Record<string, string | number | boolean>): unknown[] =>
  Object.entries(attrs).map(([key, value]) => ({ key, value: otlpValue(value) }));

/** An OTLP JSON export request for one service's spans. */
export function otlpPayload(
  service: string,
  spans: readonly OtlpSpanInput[],
  resource: Record<string, string | number | boolean> = {},
): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: kvs({ 'service.name': service, ...resource }) },
        scopeSpans: [
          {
            scope: { name: 'parallax-test' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: s.kind ?? 2,
              startTimeUnixNano: s.startNs.toString(),
              endTimeUnixNano: (s.startNs + s.durationNs).toString(),
              attributes: kvs(s.attributes ?? {}),
              status: s.error
                ? { code: 2, ...(s.statusMessage ? { message: s.statusMessage } : {}) }
                : { code: 0 },
            })),
          },
        ],
      },
    ],
  };
}

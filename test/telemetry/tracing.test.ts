import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  retryOnPortClash,
  httpOk,
  startPrometheus,
  startProcess,
  waitReady,
  type Managed,
  type RunningPrometheus,
} from '../harness/index.js';
import { startJaeger, type JaegerServer } from '../harness/jaeger.js';

let jaeger: JaegerServer;
let prom: RunningPrometheus;
let gateway: Managed;
let url: string;

beforeAll(async () => {
  [jaeger, prom] = await Promise.all([
    startJaeger('otel'),
    startPrometheus('otel', [{ name: 'g', labels: {}, t: Date.now() - 600_000, v: 1 }]),
  ]);
  await retryOnPortClash(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parallax-otel-'));
    const port = await freePort();
    await writeFile(
      join(dir, 'p.yaml'),
      `server: { port: ${port} }\nenvs:\n  - name: kr-vm\n    prometheus: { url: "${prom.url}" }\n`,
    );
    gateway = startProcess(
      'gateway',
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', '--config', join(dir, 'p.yaml')],
      {
        env: {
          ...process.env,
          OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpUrl,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
          OTEL_SERVICE_NAME: 'parallax-under-test',
          OTEL_BSP_SCHEDULE_DELAY: '100',
        },
      },
    );
    url = `http://127.0.0.1:${port}`;
    await waitReady(gateway, () => httpOk(`${url}/healthz`), 60_000);
  });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([jaeger?.stop(), prom?.stop()]);
});

describe('the gateway traces itself with the OpenTelemetry SDK', () => {
  it('exports one span per backend call, naming env and backend', async () => {
    const res = await fetch(`${url}/api/v1/query?query=g`);
    expect(res.status).toBe(200);
    await expect
      .poll(
        async () => {
          const r = await fetch(
            `${jaeger.queryUrl}/api/traces?service=parallax-under-test&lookback=1h&limit=20`,
          );
          const body = (await r.json()) as {
            data: Array<{
              spans: Array<{ operationName: string; tags: Array<{ key: string; value: unknown }> }>;
            }>;
          };
          return body.data
            .flatMap((t) => t.spans)
            .find((s) => s.operationName === 'prometheus kr-vm')
            ?.tags.find((t) => t.key === 'parallax.env')?.value;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('kr-vm');
  });
});

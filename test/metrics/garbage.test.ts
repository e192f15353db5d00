import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createApp, type App } from '../../src/app/index.js';
import { startPrometheus, type RunningPrometheus } from '../harness/index.js';

// A real Prometheus never answers garbage, so this one fake backend stands BESIDE a real one.
const GARBAGE = [
  ['/not-json', 'text/html', '<html>proxy error</html>'],
  [
    '/wrong-shape',
    'application/json',
    '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["x"]]}]}}',
  ],
  [
    '/huge',
    'application/json',
    `{"status":"success","data":{"resultType":"vector","result":[${'{"metric":{},"value":[1,"1"]},'.repeat(60_000)}{"metric":{},"value":[1,"1"]}]}}`,
  ],
] as const;

let prom: RunningPrometheus;
let fake: Server;
let app: App;
const now = Math.floor(Date.now() / 60_000) * 60_000 - 600_000;

beforeAll(async () => {
  prom = await startPrometheus('healthy', [{ name: 'healthy_gauge', labels: { job: 'a' }, t: now, v: 42 }]);
  fake = createServer((req, res) => {
    const hit = GARBAGE.find(([prefix]) => req.url?.startsWith(prefix));
    res.writeHead(200, { 'content-type': hit?.[1] ?? 'text/plain' }).end(hit?.[2] ?? '');
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const port = (fake.address() as { port: number }).port;
  const envs = GARBAGE.map(
    ([prefix], i) => `  - name: bad${i}\n    prometheus: { url: "http://127.0.0.1:${port}${prefix}" }\n`,
  ).join('');
  app = createApp(
    parseConfig(
      `federation: { maxResponseBytes: 1048576 }\nenvs:\n  - name: good\n    prometheus: { url: "${prom.url}" }\n${envs}`,
    ),
  );
}, 120_000);
afterAll(async () => {
  fake?.close();
  await prom?.stop();
});

describe('a backend that returns garbage', () => {
  it('becomes a typed warning naming the env while the healthy env answers', async () => {
    const res = await app.app.request(`/api/v1/query?query=healthy_gauge&time=${now / 1000}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      warnings: string[];
    };
    expect(body.data.result).toEqual([
      { metric: { __name__: 'healthy_gauge', job: 'a', env: 'good' }, value: [now / 1000, '42'] },
    ]);
    expect(body.warnings.find((w) => w.startsWith('env bad0'))).toMatch(
      /BACKEND_INVALID_RESPONSE: .*not JSON/,
    );
    expect(body.warnings.find((w) => w.startsWith('env bad1'))).toMatch(/BACKEND_INVALID_RESPONSE/);
    expect(body.warnings.find((w) => w.startsWith('env bad2'))).toMatch(/BACKEND_RESPONSE_TOO_LARGE/);
  });
});

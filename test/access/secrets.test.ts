import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/access/index.js';
import { closedPort, freePort, httpOk, startPrometheus, type RunningPrometheus } from '../harness/index.js';

/** A run of the gateway process with secrets configured: no log line and no response may carry one. */
const SECRETS = {
  PROM_TOKEN: 'prom-Secret-4b1d#x: "y"',
  ES_KEY: 'es-api-key-9f8e7d6c5b4a',
  CLIENT_TOKEN: 'client-token-a1b2c3d4e5f6',
};
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let prom: RunningPrometheus;
let gw: ChildProcess;
let output = '';
let base = '';
let dir = '';
const bodies: string[] = [];

beforeAll(async () => {
  prom = await startPrometheus('secrets', [{ name: 'sec_gauge', labels: {}, t: Date.now() - 60_000, v: 1 }]);
  dir = mkdtempSync(join(tmpdir(), 'parallax-secrets-'));
  const port = await freePort();
  writeFileSync(join(dir, 'es-key'), `${SECRETS.ES_KEY}\n`);
  const cfg = `server: { port: ${port}, logLevel: trace, watchConfig: false }
access:
  roles: { all: { envs: ["*"] } }
  tokens: [{ name: ci, sha256: "${sha256Hex(SECRETS.CLIENT_TOKEN)}", roles: [all] }]
envs:
  - name: kr-vm
    prometheus: { url: "${prom.url}", auth: { bearer: "\${PROM_TOKEN}" } }
  - name: kr-k8s
    prometheus: { url: "http://127.0.0.1:${await closedPort()}", auth: { bearer: "\${PROM_TOKEN}" } }
    logs: { kind: elasticsearch, url: "http://127.0.0.1:${await closedPort()}", index: logs, version: 9, auth: { apiKey: { file: "${join(dir, 'es-key')}" } } }
`;
  writeFileSync(join(dir, 'p.yaml'), cfg);
  gw = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--config', join(dir, 'p.yaml')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PROM_TOKEN: SECRETS.PROM_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gw.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  gw.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  while (!(await httpOk(`${base}/healthz`).catch(() => false))) {
    if (Date.now() > end || gw.exitCode !== null) throw new Error(`gateway did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  gw?.kill('SIGTERM');
  await prom?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call(path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(`${base}${path}`, init);
  bodies.push(JSON.stringify([...res.headers]), await res.text());
  return res.status;
}

describe('secrets in a run', () => {
  it('appear in no log line and no response, through successes, failures and a failed reload', async () => {
    const auth = { authorization: `Bearer ${SECRETS.CLIENT_TOKEN}` };
    const q = encodeURIComponent('sec_gauge');
    expect(await call(`/api/v1/query?query=${q}`, { headers: auth })).toBe(200);
    expect(
      await call(`/api/v1/query?query=${q}`, {
        headers: { authorization: `Bearer ${SECRETS.CLIENT_TOKEN}x` },
      }),
    ).toBe(401);
    await call('/graphql', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ logs(service: "a", range: { start: "now-1h", end: "now" }) { cursor } envs { name } }',
      }),
    });
    await call('/api/v1/query?query=%7B', { headers: auth });
    await call('/metrics');
    await call('/readyz', { headers: auth });
    // A reload whose secret file is gone fails and is logged; the last good config stays.
    rmSync(join(dir, 'es-key'));
    gw.kill('SIGHUP');
    const end = Date.now() + 10_000;
    while (!output.includes('config reload failed') && Date.now() < end)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('config reload failed');
    expect(await call(`/api/v1/query?query=${q}`, { headers: auth })).toBe(200);

    const everything = [output, ...bodies].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const [name, secret] of Object.entries(SECRETS)) expect(everything, name).not.toContain(secret);
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';
import { closedPort, serveApp } from '../harness/index.js';
import { startPrometheus, type RunningPrometheus } from '../harness/prometheus.js';
import { promSamples, T0 } from '../compare/data.js';
import { SCENARIOS } from '../compare/scenarios.js';
import { gateway } from '../compare/world.js';

const BIN = fileURLToPath(new URL('../../bin/parallax.js', import.meta.url));
const TOKEN = 'runbook-secret';

let proms: RunningPrometheus[] = [];
let close: (() => void) | undefined;
let url = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI the way a runbook script does: a child process, its stdout parsed, its exit code read. */
function cli(args: string[], env: Record<string, string> = { PARALLAX_TOKEN: TOKEN }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  proms = await Promise.all([
    startPrometheus('cli-vm', promSamples('vm')),
    startPrometheus('cli-k8s', promSamples('k8s')),
  ]);
  const [vm, k8s] = proms as [RunningPrometheus, RunningPrometheus];
  const config = configSchema.parse({
    server: { logLevel: 'silent', authToken: TOKEN },
    envs: [
      {
        name: 'kr-vm',
        labels: { role: 'old' },
        prometheus: { url: vm.url },
        signals: { template: 'promclient' },
      },
      {
        name: 'kr-k8s',
        labels: { role: 'new' },
        prometheus: { url: k8s.url },
        signals: { template: 'istio' },
      },
    ],
  });
  const served = await serveApp(gateway(config).app.fetch);
  close = served.close;
  url = served.url;
});

afterAll(async () => {
  close?.();
  await Promise.all(proms.map((p) => p.stop()));
});

const AT = new Date(T0 + 30 * 60_000).toISOString();
const incident = (service: string, ...extra: string[]) => [
  'incident',
  service,
  '--at',
  AT,
  '--window',
  '30m',
  '--gateway',
  url,
  ...extra,
];

describe('parallax incident (the binary, against a served gateway)', () => {
  it('exits 1 and prints JSON naming the culprit when the candidate regressed', async () => {
    const run = await cli(incident(SCENARIOS.latency.service));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as {
      schemaVersion: number;
      baseline: string[];
      candidate: string[];
      verdict: { verdict: string; culprits: { env: string; signal: string; summary: string }[] };
      red: { env: string; before: { requests: number } | null; after: { requests: number } | null }[];
    };
    expect(body.schemaVersion).toBe(1);
    expect(body).toMatchObject({ baseline: ['kr-vm'], candidate: ['kr-k8s'] });
    expect(body.verdict.verdict).toBe('fail');
    expect(body.verdict.culprits[0]?.env).toBe('kr-k8s');
    expect(body.verdict.culprits[0]?.signal).toMatch(/^latency_/);
    // 50 req/s for 30 min on each side of T.
    for (const row of body.red) {
      expect(row.before?.requests).toBeGreaterThan(85_000);
      expect(row.after?.requests).toBeGreaterThan(85_000);
    }
  });

  it('exits 0 on the no-change control, and prints Markdown when asked', async () => {
    const json = await cli(incident(SCENARIOS.control.service));
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { verdict: { verdict: string } }).verdict.verdict).toBe('pass');
    const md = await cli(incident(SCENARIOS.latency.service, '--format', 'markdown'));
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^# Incident context: lat-api at /);
    expect(md.stdout).toContain('**Verdict: FAIL**');
    expect(md.stdout).toContain(
      '| env | side | avg req/s | peak req/s | successes | errors | fail rate | p50 ms | p99 ms |',
    );
  });

  it('exits 2 on bad input, locally or from the gateway, naming the field', async () => {
    const local = await cli(['incident', '--gateway', url]);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('missing <service>');
    const future = await cli([
      'incident',
      'lat-api',
      '--at',
      new Date(Date.now() + 3_600_000).toISOString(),
      '--gateway',
      url,
    ]);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/BAD_INPUT: at: .* is in the future/);
    const unknown = await cli(incident('lat-api', '--candidate', 'nowhere'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('candidate: unknown env "nowhere"');
    const token = await cli(incident('lat-api'), { PARALLAX_TOKEN: 'wrong' });
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('UNAUTHENTICATED');
  });

  it('exits 3 when the gateway is unreachable', async () => {
    const run = await cli(['incident', 'lat-api', '--gateway', `http://127.0.0.1:${await closedPort()}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('unreachable');
    expect(run.stdout).toBe('');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../harness/index.js';
import { startGateway, type GatewayProcess } from './gateway-process.js';
import { fdCount, portOf, socketsTo } from './proc.js';
import { CALLS, startTraffic } from './traffic.js';
import { startWorld, worldConfig, type World } from './world.js';

const WORKERS = 4;
const RELOADS = 50;

let world: World;
let dir: string;
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  world = await startWorld();
  dir = mkdtempSync(join(tmpdir(), 'parallax-reload-'));
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await world?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gateway(name: string, yaml: string): Promise<GatewayProcess> {
  const g = await startGateway(join(dir, `${name}.yaml`), yaml);
  gateways.push(g);
  return g;
}

/** Sockets of the gateway to each backend, plus its open file descriptors. */
function handles(g: GatewayProcess): {
  prometheus: number;
  jaeger: number;
  elasticsearch: number;
  fds: number;
} {
  const ports = [portOf(world.prom.url), portOf(world.jaeger.queryUrl), portOf(world.es.url)];
  const s = socketsTo(g.pid, ports);
  return {
    prometheus: s[ports[0] as number] ?? 0,
    jaeger: s[ports[1] as number] ?? 0,
    elasticsearch: s[ports[2] as number] ?? 0,
    fds: fdCount(g.pid),
  };
}

async function metricsText(g: GatewayProcess): Promise<string> {
  const res = await fetch(`${g.url}/metrics`);
  return res.text();
}

/** Sample lines of the metric families the gateway itself counts (backend calls, errors, latency). */
const backendSamples = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) =>
      /^parallax_backend_(requests_total|errors_total|request_duration_seconds_count)\{/.test(l),
    );

async function promErrors(g: GatewayProcess): Promise<string[]> {
  const res = await fetch(`${g.url}/api/v1/query?query=stab_value`);
  const body = (await res.json()) as { warnings?: string[] };
  return (body.warnings ?? []).filter((w) => w.includes('down'));
}

describe('telemetry across a SIGHUP reload', () => {
  it('keeps counters, histograms and the breaker of an unchanged env; registers process metrics once', async () => {
    const down = `  - name: down\n    prometheus: { url: "http://127.0.0.1:${await closedPort()}" }\n`;
    const rules = 'federation: { deadline: 10s, breakerThreshold: 2, breakerCooldown: 10m }\n';
    const yaml = worldConfig(world, '10s', down).replace('federation: { deadline: 10s }\n', rules);
    const g = await gateway('telemetry', yaml);
    for (let i = 0; i < 3; i++) await CALLS.prometheus?.(g.url).catch(() => undefined);
    // Two failures opened the breaker of `down`; the third call was skipped.
    expect(await promErrors(g)).toEqual([expect.stringContaining('CIRCUIT_OPEN')]);
    const before = backendSamples(await metricsText(g));
    expect(before).toContain('parallax_backend_requests_total{env="a",backend="prometheus",outcome="ok"} 4');
    expect(before).toContain(
      'parallax_backend_errors_total{env="down",backend="prometheus",code="BACKEND_UNREACHABLE"} 2',
    );

    await g.reload(yaml);
    const text = await metricsText(g);
    expect(backendSamples(text)).toEqual(before);
    expect(
      text.split('\n').filter((l) => l.startsWith('# TYPE parallax_process_cpu_user_seconds_total')),
    ).toHaveLength(1);
    expect(
      text.split('\n').filter((l) => l.startsWith('# TYPE parallax_nodejs_eventloop_lag_seconds ')),
    ).toHaveLength(1);
    // Same config for `down`: its breaker is still open after the reload.
    expect(await promErrors(g)).toEqual([expect.stringContaining('CIRCUIT_OPEN')]);

    // `down` changed (its timeout): it starts with a fresh breaker and is tried again.
    await g.reload(yaml.replace(/(name: down\n {4}prometheus: \{ url: "[^"]+")/, '$1, timeout: 9s'));
    expect(await promErrors(g)).toEqual([expect.stringContaining('BACKEND_UNREACHABLE')]);
    const after = await metricsText(g);
    expect(after).toContain(
      'parallax_backend_errors_total{env="down",backend="prometheus",code="BACKEND_UNREACHABLE"} 3',
    );
  });
});

describe('50 reloads under traffic', () => {
  it('answers every request and leaves sockets and file handles at their baseline', async () => {
    const g = await gateway('reload', worldConfig(world));
    // Baseline: the pools after the same traffic, before any reload.
    const warm = startTraffic(g.url, WORKERS);
    await sleep(3000);
    const warmed = await warm.stop();
    expect(warmed.failures).toEqual([]);
    await sleep(500);
    const baseline = handles(g);

    const traffic = startTraffic(g.url, WORKERS);
    for (let i = 0; i < RELOADS; i++) {
      await g.reload(worldConfig(world, i % 2 === 0 ? '11s' : '10s'));
      await sleep(100);
    }
    const { calls, failures } = await traffic.stop();
    // Old configs are closed once their requests are done; give the closes a moment.
    await sleep(1500);
    const after = handles(g);
    console.log(
      `reload leak check: ${calls} calls; baseline ${JSON.stringify(baseline)}; after ${RELOADS} reloads ${JSON.stringify(after)}`,
    );

    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(RELOADS);
    expect(g.output()).not.toContain('closing the previous config failed');
    // Keep-alive pools hold at most one socket per concurrent request and backend client, so the
    // count after may differ from the baseline by up to WORKERS per backend; a leak of the old
    // configs' clients would add about 2 sockets per reload (100+) to Elasticsearch.
    expect(after.elasticsearch).toBeLessThanOrEqual(baseline.elasticsearch + WORKERS);
    expect(after.prometheus).toBeLessThanOrEqual(baseline.prometheus + WORKERS);
    expect(after.jaeger).toBeLessThanOrEqual(baseline.jaeger + WORKERS);
    // File handles: the sockets above plus a few transient ones (a log write, a config read).
    expect(after.fds).toBeLessThanOrEqual(baseline.fds + 3 * WORKERS);
  });
});

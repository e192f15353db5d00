import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  httpOk,
  startProcess,
  waitReady,
  type Managed,
  type RunningPrometheus,
} from '../../test/harness/index.js';
import type { Gateway } from './gateway.js';

export const THANOS_BIN = join(process.env.PARALLAX_CACHE ?? '.cache', 'bin', 'thanos');
export const thanosAvailable = (): boolean => existsSync(THANOS_BIN);

export interface Sidecar {
  /** gRPC host:port a Thanos Query reads from. */
  endpoint: string;
  stop: () => Promise<void>;
}

/** One Thanos sidecar in front of one Prometheus (its external labels carry env / replica). */
export async function startSidecar(p: RunningPrometheus, name: string): Promise<Sidecar> {
  const [grpc, http] = [await freePort(), await freePort()];
  const sidecar = startProcess(`thanos sidecar ${name}`, THANOS_BIN, [
    'sidecar',
    `--prometheus.url=${p.url}`,
    `--tsdb.path=${p.dataDir}`,
    `--grpc-address=127.0.0.1:${grpc}`,
    `--http-address=127.0.0.1:${http}`,
    '--log.level=warn',
  ]);
  await waitReady(sidecar, () => httpOk(`http://127.0.0.1:${http}/-/ready`), 30_000);
  return { endpoint: `127.0.0.1:${grpc}`, stop: () => sidecar.stop() };
}

/** A Thanos Query over some sidecars, deduplicating HA replicas by their `replica` external label. */
export async function startThanosQuery(sidecars: readonly Sidecar[], name: string): Promise<Gateway> {
  const endpoints = sidecars.map((s) => s.endpoint);
  const [http, grpc] = [await freePort(), await freePort()];
  const query: Managed = startProcess(`thanos query ${name}`, THANOS_BIN, [
    'query',
    `--http-address=127.0.0.1:${http}`,
    `--grpc-address=127.0.0.1:${grpc}`,
    `--endpoint.sd-config=${JSON.stringify({ endpoints: endpoints.map((address) => ({ address })) })}`,
    '--query.replica-label=replica',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${http}`;
  await waitReady(query, () => storesReady(url, endpoints.length), 60_000);
  return { url, pid: query.proc.pid ?? 0, stop: () => query.stop() };
}

async function storesReady(url: string, want: number): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/stores`, { signal: AbortSignal.timeout(2000) });
  const body = (await res.json()) as { data?: Record<string, unknown[]> };
  const n = Object.values(body.data ?? {}).reduce((a, list) => a + list.length, 0);
  return n >= want;
}

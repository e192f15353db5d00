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

export const THANOS_BIN = join(process.env.PARALLAX_CACHE ?? '.cache', 'bin', 'thanos');
export const thanosAvailable = (): boolean => existsSync(THANOS_BIN);

/** One Thanos sidecar per Prometheus, then a Thanos Query over them: the peer topology of the design notes. */
export async function startThanosQuery(
  proms: RunningPrometheus[],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const procs: Managed[] = [];
  const endpoints: string[] = [];
  for (const [i, p] of proms.entries()) {
    const [grpc, http] = [await freePort(), await freePort()];
    const sidecar = startProcess(`thanos sidecar ${i}`, THANOS_BIN, [
      'sidecar',
      `--prometheus.url=${p.url}`,
      `--tsdb.path=${p.dataDir}`,
      `--grpc-address=127.0.0.1:${grpc}`,
      `--http-address=127.0.0.1:${http}`,
      '--log.level=warn',
    ]);
    procs.push(sidecar);
    await waitReady(sidecar, () => httpOk(`http://127.0.0.1:${http}/-/ready`), 30_000);
    endpoints.push(`127.0.0.1:${grpc}`);
  }
  const [http, grpc] = [await freePort(), await freePort()];
  const query = startProcess('thanos query', THANOS_BIN, [
    'query',
    `--http-address=127.0.0.1:${http}`,
    `--grpc-address=127.0.0.1:${grpc}`,
    `--endpoint.sd-config=${JSON.stringify({ endpoints: endpoints.map((address) => ({ address })) })}`,
    '--query.replica-label=replica',
    '--log.level=warn',
  ]);
  procs.push(query);
  const url = `http://127.0.0.1:${http}`;
  await waitReady(query, () => storesReady(url, endpoints.length), 60_000);
  return { url, stop: async () => void (await Promise.all(procs.map((p) => p.stop()))) };
}

async function storesReady(url: string, want: number): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/stores`, { signal: AbortSignal.timeout(2000) });
  const body = (await res.json()) as { data?: Record<string, unknown[]> };
  const n = Object.values(body.data ?? {}).reduce((a, list) => a + list.length, 0);
  return n >= want;
}

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, startProcess, waitReady } from '../../test/harness/index.js';
import type { EnvTarget, Gateway } from './gateway.js';

const CACHE = process.env.PARALLAX_CACHE ?? '.cache';
export const PROMXY_BIN = join(CACHE, 'bin', 'promxy');
export const promxyAvailable = (): boolean => existsSync(PROMXY_BIN);

/** Why there is no Promxy binary: the error scripts/backends/promxy.sh recorded, if any. */
export function promxyMissingReason(): string {
  const file = join(CACHE, 'promxy-build', 'unavailable.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'not built (bash scripts/backends/promxy.sh)';
}

/**
 * Promxy's config: one server_group per env, labelled env=<name>. The targets of one server_group are
 * Promxy's notion of HA replicas holding the same data: it merges their series, filling one's gaps
 * from the other, with `anti_affinity` (the scrape interval) as the tolerance between samples.
 */
export function promxyConfig(envs: readonly EnvTarget[]): string {
  return stringify({
    global: { evaluation_interval: '1m' },
    promxy: {
      server_groups: envs.map((e) => ({
        static_configs: [{ targets: e.urls.map((u) => new URL(u).host) }],
        labels: { env: e.name },
        anti_affinity: '15s',
        scheme: 'http',
        http_client: { dial_timeout: '1s' },
      })),
    },
  });
}

export async function startPromxy(envs: readonly EnvTarget[], name: string): Promise<Gateway> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-promxy-'));
  const config = join(dir, 'promxy.yaml');
  await writeFile(config, promxyConfig(envs));
  const port = await freePort();
  const proc = startProcess(`promxy ${name}`, PROMXY_BIN, [
    `--bind-addr=127.0.0.1:${port}`,
    `--config=${config}`,
    '--log-level=warn',
    '--access-log-destination=none',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => answers(url), 60_000);
  return { url, pid: proc.proc.pid ?? 0, stop: () => proc.stop() };
}

/** Ready once a query through every server group succeeds. */
async function answers(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/query?query=vector(1)`, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

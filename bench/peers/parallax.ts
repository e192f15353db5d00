import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, httpOk, imageMmapThreshold, startProcess, waitReady } from '../../test/harness/index.js';
import type { EnvTarget, Gateway } from './gateway.js';

/** Time limits to raise above the defaults (deadline 15s, backend timeout 10s), e.g. `120s`. */
export interface Limits {
  deadline: string;
  timeout: string;
}

/**
 * Parallax as deployed: its own node process running the source (tsx) with the image's glibc mmap
 * threshold (unless MALLOC_MMAP_THRESHOLD_ is set), default settings unless
 * `limits`; `cache: false` turns the result cache off (singleflight stays) to time the query path itself.
 */
export async function startParallax(
  envs: readonly EnvTarget[],
  name: string,
  limits?: Limits,
  opts: { cache?: boolean } = {},
): Promise<Gateway> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'parallax-bench-'));
  const config = join(dir, 'parallax.yaml');
  const yaml = stringify({
    server: { port, logLevel: 'warn' },
    federation: {
      ...(limits ? { deadline: limits.deadline } : {}),
      ...(opts.cache === false ? { cache: { maxPoints: 0 } } : {}),
    },
    envs: envs.map((e) => ({
      name: e.name,
      prometheus: {
        url: e.urls.length === 1 ? e.urls[0] : [...e.urls],
        ...(limits ? { timeout: limits.timeout } : {}),
      },
    })),
  });
  await writeFile(config, yaml);
  const proc = startProcess(
    `parallax ${name}`,
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--config', config],
    {
      env: {
        ...process.env,
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? imageMmapThreshold(),
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/healthz`), 60_000);
  return { url, pid: proc.proc.pid ?? 0, stop: () => proc.stop() };
}

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, httpOk, startProcess, waitReady } from '../../test/harness/index.js';
import type { EnvTarget, Gateway } from './gateway.js';

/** Parallax as deployed: its own node process running the source (tsx), with the default federation settings. */
export async function startParallax(envs: readonly EnvTarget[], name: string): Promise<Gateway> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'parallax-bench-'));
  const config = join(dir, 'parallax.yaml');
  const yaml = stringify({
    server: { port, logLevel: 'warn' },
    envs: envs.map((e) => ({
      name: e.name,
      prometheus: { url: e.urls.length === 1 ? e.urls[0] : [...e.urls] },
    })),
  });
  await writeFile(config, yaml);
  const proc = startProcess(`parallax ${name}`, process.execPath, [
    '--import',
    'tsx',
    'src/main.ts',
    '--config',
    config,
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(proc, () => httpOk(`${url}/healthz`), 60_000);
  return { url, pid: proc.proc.pid ?? 0, stop: () => proc.stop() };
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpOk, startProcess, waitReady } from '../harness/index.js';

/** The "ops" Prometheus of the Gateway health dashboard: a real Prometheus scraping the gateway's /metrics every second. */
export async function startScraper(gatewayUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-ops-prom-'));
  const target = new URL(gatewayUrl).host;
  await writeFile(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:\n  - job_name: parallax\n    static_configs: [{ targets: ["${target}"] }]\n`,
  );
  const port = await freePort();
  const proc = startProcess('prometheus (ops)', 'prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(proc, () => httpOk(`${url}/-/ready`), 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

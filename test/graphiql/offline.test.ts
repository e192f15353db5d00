import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createApp } from '../../src/app/index.js';
import { serveApp } from '../harness/index.js';

const INSTALL = fileURLToPath(new URL('../../scripts/backends/chromium.sh', import.meta.url));
let browser: Browser;
let close: (() => void) | undefined;
let base: string;

beforeAll(async () => {
  await promisify(execFile)('bash', [INSTALL], { timeout: 600_000 });
  const { app } = createApp(
    parseConfig('envs:\n  - name: kr-vm\n    labels: { role: old }\n  - name: kr-k8s\n'),
  );
  const served = await serveApp(app.fetch);
  close = served.close;
  base = served.url;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  close?.();
});

describe('GraphiQL playground', () => {
  it('loads and runs a query with no internet access: every asset comes from the gateway', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    // A closed network: anything not served by the gateway itself fails.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const query = '{ envs { name } }';
    await page.goto(`${base}/graphql?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
    await expect
      .poll(async () => page.locator('.graphiql-response').innerText(), { timeout: 30_000 })
      .toContain('kr-k8s');
    expect(await page.title()).toBe('Parallax');
    expect(external).toEqual([]);
  });
});

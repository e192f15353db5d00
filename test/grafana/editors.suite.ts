import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PLUGIN_DIR } from './stand-in.js';
import type { PluginWorld, Target } from './world.js';

const SHOTS = new URL('.test-host/', PLUGIN_DIR);
/** PARALLAX_SCREENSHOTS=1 refreshes the committed screenshots (grafana-plugin/src/img/). */
const COMMITTED = new URL('src/img/', PLUGIN_DIR);

async function shot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  const file = fileURLToPath(new URL(name, SHOTS));
  await page.locator('#root').screenshot({ path: file });
  if (process.env.PARALLAX_SCREENSHOTS) await copyFile(file, fileURLToPath(new URL(name, COMMITTED)));
}

const lastQuery = (page: Page) => page.evaluate(() => window.parallax.queries.at(-1));

/** Opens a Grafana Select (react-select) by its input id, types, and picks the highlighted option. */
async function choose(page: Page, inputId: string, text: string, expectOption?: RegExp) {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(text);
  if (expectOption)
    await expect.poll(() => page.getByText(expectOption).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await input.press('Enter');
}

export function editorsSuite(ctx: { w: PluginWorld }) {
  let page: Page;
  beforeAll(async () => {
    page = await ctx.w.openPage();
  });
  afterAll(async () => page?.close());

  it('query editor: pickers filled from the gateway; choosing type, service and envs changes the query', async () => {
    const initial: Target = { refId: 'A', queryType: 'signals' };
    await page.evaluate((q) => window.parallax.mountQueryEditor(q), initial);
    await page.getByTestId('parallax-query-editor').waitFor({ timeout: 20_000 });

    // Services come from the gateway (Jaeger-compatible /api/services, merged over envs).
    await choose(page, 'parallax-service-A', 'lat-api', /^lat-api$/);
    expect(await lastQuery(page)).toMatchObject({ refId: 'A', queryType: 'signals', service: 'lat-api' });

    // Envs come from GraphQL `envs`, each with its labels.
    await choose(page, 'parallax-envs-A', 'kr-k8s', /role=new platform=k8s/);
    expect((await lastQuery(page))?.envs).toEqual(['kr-k8s']);

    // Signals come from the schema's Signal enum.
    await choose(page, 'parallax-signals-A', 'LATENCY_P9', /^LATENCY_P90$/);
    expect((await lastQuery(page))?.signals).toEqual(['LATENCY_P90']);

    await choose(page, 'parallax-type-A', 'Compare');
    expect((await lastQuery(page))?.queryType).toBe('compare');
    await choose(page, 'parallax-baseline-A', 'kr-vm', /role=old platform=vm/);
    await choose(page, 'parallax-candidate-A', '$candidate');
    await choose(page, 'parallax-candidate-A', 'kr-k8s');
    expect(await lastQuery(page)).toMatchObject({
      queryType: 'compare',
      service: 'lat-api',
      baseline: ['kr-vm'],
      candidate: ['$candidate', 'kr-k8s'],
    });
    await page.mouse.click(1000, 500);
    await shot(page, 'query-editor.png');
    // The env picker open: every env of the gateway with its labels.
    await page.locator('#parallax-baseline-A').click();
    await expect.poll(() => page.getByText(/role=spare/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot(page, 'query-editor-envs.png');
    await page.keyboard.press('Escape');
  });

  it('config editor: gateway URL into jsonData, token into secureJsonData', async () => {
    await page.evaluate(() =>
      window.parallax.mountConfigEditor({ jsonData: {}, secureJsonFields: {}, secureJsonData: {} }),
    );
    await page.getByLabel('Gateway URL').fill('http://parallax:9480');
    await page.getByLabel('Token').fill('s3cret');
    const options = (await page.evaluate(() => window.parallax.options)) as {
      jsonData: Record<string, string>;
      secureJsonData: Record<string, string>;
    };
    expect(options.jsonData).toEqual({ gatewayUrl: 'http://parallax:9480' });
    expect(options.secureJsonData).toEqual({ token: 's3cret' });
    await shot(page, 'config-editor.png');
  });
}

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closedPort, serveApp } from '../harness/index.js';
import { T0, T1 } from '../compare/data.js';
import { gateway, startWorld, worldConfig, type World } from '../compare/world.js';
import { PLUGIN_DIR, startStandIn } from './stand-in.js';
import { startScraper } from './scraper.js';

const run = promisify(execFile);
export const TOKEN = 'grafana-test-token';
export const RANGE = { from: T0, to: T1 };
export { T0, T1 };

/** A frame as the test page hands it over (DataFrame with plain arrays). */
export interface Frame {
  name?: string;
  refId?: string;
  meta?: {
    preferredVisualisationType?: string;
    executedQueryString?: string;
    notices?: Array<{ severity: string; text: string }>;
  };
  length: number;
  fields: Array<{
    name: string;
    type: string;
    config: { unit?: string; displayNameFromDS?: string };
    labels?: Record<string, string>;
    values: unknown[];
  }>;
}

export type Target = Record<string, unknown> & { refId: string; queryType: string };

interface PageApi {
  setVariables(vars: Record<string, string | string[]>): void;
  query(targets: Target[], from: number, to: number, intervalMs?: number): Promise<Frame[]>;
  metricFind(q: string): Promise<Array<{ text: string; value?: string }>>;
  interpolate(queries: Target[]): Target[];
  testDatasource(): Promise<{ status: string; message: string }>;
  mountQueryEditor(q: Target): void;
  mountConfigEditor(o: unknown): void;
  queries: Target[];
  options: unknown;
}
declare global {
  interface Window {
    parallax: PageApi;
    startParallax(settings: unknown): Promise<boolean>;
  }
}

export interface PluginWorld {
  world: World;
  gatewayUrl: string;
  /** A Prometheus scraping the gateway's own /metrics (the Gateway health dashboard's datasource). */
  opsUrl: string;
  page: Page;
  browser: Browser;
  /** The plugin's DataSource.query in the page, over the real gateway. */
  query(
    targets: Target[],
    vars?: Record<string, string | string[]>,
    range?: { from: number; to: number },
  ): Promise<Frame[]>;
  metricFind(q: string): Promise<string[]>;
  /** A fresh page with the plugin loaded for datasource `uid`. */
  openPage(uid?: string): Promise<Page>;
  stop(): Promise<void>;
}

const BUILD = fileURLToPath(new URL('build.mjs', PLUGIN_DIR));

/** Builds the plugin and its test page (fails loudly when setup.sh has not installed its packages). */
export async function buildPlugin(): Promise<void> {
  await run(process.execPath, [BUILD, '--host'], { timeout: 180_000 });
}

export const settingsOf = (uid: string) => ({
  id: 1,
  uid,
  type: 'parallax-gateway-datasource',
  name: 'Parallax',
  access: 'proxy',
  url: `/api/datasources/proxy/uid/${uid}`,
  jsonData: {},
  readOnly: false,
  meta: { id: 'parallax-gateway-datasource', name: 'Parallax', type: 'datasource', info: {}, module: '' },
});

/** The compare world (2 Prometheus, 2 Jaeger, Elasticsearch), the gateway over it, a down env, Chromium. */
export async function startPluginWorld(): Promise<PluginWorld> {
  const [world] = await Promise.all([startWorld(), buildPlugin()]);
  const closers: Array<() => Promise<void> | void> = [() => world.stop()];
  try {
    const down = {
      name: 'kr-down',
      labels: { role: 'spare' },
      prometheus: { url: `http://127.0.0.1:${await closedPort()}` },
    };
    const { app } = gateway(worldConfig(world, [down], { authToken: TOKEN }));
    const gw = await serveApp(app.fetch);
    closers.push(gw.close);
    const ops = await startScraper(gw.url);
    closers.push(ops.stop);
    const standIn = await startStandIn({
      parallax: { jsonData: { gatewayUrl: gw.url }, secureJsonData: { token: TOKEN } },
      'parallax-bad-token': { jsonData: { gatewayUrl: gw.url }, secureJsonData: { token: 'wrong' } },
    });
    closers.push(standIn.close);
    const browser = await chromium.launch({
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
    closers.push(() => browser.close());
    const openPage = async (uid = 'parallax'): Promise<Page> => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 520 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(standIn.url, { waitUntil: 'load' });
      await page
        .evaluate((s) => window.startParallax(s), settingsOf(uid))
        .catch((e: unknown) => {
          throw new Error(`plugin did not load: ${String(e)} ${errors.join('; ')}`);
        });
      return page;
    };
    const page = await openPage();
    return {
      world,
      gatewayUrl: gw.url,
      opsUrl: ops.url,
      page,
      browser,
      openPage,
      async query(targets, vars = {}, range = RANGE) {
        await page.evaluate((v) => window.parallax.setVariables(v), vars);
        return page.evaluate(([t, from, to]) => window.parallax.query(t, from, to), [
          targets,
          range.from,
          range.to,
        ] as const);
      },
      async metricFind(q) {
        const found = await page.evaluate((text) => window.parallax.metricFind(text), q);
        return found.map((f) => f.value ?? f.text);
      },
      async stop() {
        for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    throw err;
  }
}

/** A field of a frame by name, failing loudly when it is missing. */
export function field(frame: Frame | undefined, name: string): Frame['fields'][number] {
  const f = frame?.fields.find((x) => x.name === name);
  if (!f)
    throw new Error(
      `no field ${name} in frame ${frame?.name ?? '(none)'}: ${frame?.fields.map((x) => x.name).join(', ')}`,
    );
  return f;
}

import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { serveApp } from '../harness/index.js';

export const PLUGIN_DIR = new URL('../../grafana-plugin/', import.meta.url);
const DIST = new URL('dist/', PLUGIN_DIR);
const HOST = new URL('.test-host/', PLUGIN_DIR);

/** A datasource as Grafana stores it: jsonData in the clear, secureJsonData decrypted only server-side. */
export interface StoredDatasource {
  jsonData: Record<string, string>;
  secureJsonData: Record<string, string>;
}

interface Route {
  path: string;
  url: string;
  headers?: Array<{ name: string; content: string }>;
}

/** Grafana's route templates: `{{ .JsonData.x }}` and `{{ .SecureJsonData.x }}`. */
function render(template: string, ds: StoredDatasource): string {
  return template.replace(
    /\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g,
    (_, where: string, key: string) =>
      (where === 'JsonData' ? ds.jsonData[key] : ds.secureJsonData[key]) ?? '',
  );
}

const TYPES: Record<string, string> = {
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  svg: 'image/svg+xml',
};
const typeOf = (file: string) => TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Parallax plugin</title>
<link rel="stylesheet" href="/host.css"></head><body style="margin:0"><div id="root"></div>
<script src="/host.js"></script></body></html>`;

/**
 * What the plugin sees of Grafana on the network: the plugin's files under /public/plugins/<id>/ and
 * the data proxy, /api/datasources/proxy/uid/<uid>/<route>/..., which forwards to the route's URL
 * with the route's headers, as plugin.json's `routes` tell Grafana to.
 */
export async function startStandIn(datasources: Record<string, StoredDatasource>) {
  const meta = JSON.parse(await readFile(new URL('plugin.json', DIST), 'utf8')) as {
    id: string;
    routes: Route[];
  };
  const app = new Hono();
  app.get('/', (c) => c.html(PAGE));
  app.get('/host.js', async (c) =>
    c.body(await readFile(new URL('host.js', HOST)), 200, { 'content-type': TYPES.js ?? '' }),
  );
  app.get('/host.css', async (c) =>
    c.body(await readFile(new URL('host.css', HOST)), 200, { 'content-type': TYPES.css ?? '' }),
  );
  app.get(`/public/plugins/${meta.id}/*`, async (c) => {
    const file = c.req.path.slice(`/public/plugins/${meta.id}/`.length);
    if (file.includes('..')) return c.text('bad path', 400);
    return c.body(await readFile(new URL(file, DIST)), 200, { 'content-type': typeOf(file) });
  });
  app.all('/api/datasources/proxy/uid/:uid/:route/*', async (c) => {
    const ds = datasources[c.req.param('uid')];
    const route = meta.routes.find((r) => r.path === c.req.param('route'));
    if (!ds || !route) return c.json({ message: 'datasource or route not found' }, 404);
    const prefix = `/api/datasources/proxy/uid/${c.req.param('uid')}/${route.path}`;
    const target = `${render(route.url, ds).replace(/\/$/, '')}${c.req.path.slice(prefix.length)}${new URL(c.req.url).search}`;
    const headers = new Headers();
    const contentType = c.req.header('content-type');
    if (contentType) headers.set('content-type', contentType);
    for (const h of route.headers ?? []) headers.set(h.name, render(h.content, ds));
    const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
    const res = await fetch(target, { method: c.req.method, headers, ...(body ? { body } : {}) });
    return c.body(await res.arrayBuffer(), res.status as 200, {
      'content-type': res.headers.get('content-type') ?? 'text/plain',
    });
  });
  const served = await serveApp(app.fetch);
  return { ...served, pluginId: meta.id };
}

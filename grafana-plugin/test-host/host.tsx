// A small stand-in for Grafana's front end: it shares React and @grafana/* with the plugin through
// AMD (as Grafana's SystemJS loader does), loads the built dist/module.js, and exposes the plugin's
// DataSource and editors to the Playwright tests through window.parallax.
import React, { useState } from 'react';
import * as ReactNS from 'react';
import * as ReactDOM from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import * as data from '@grafana/data';
import * as runtime from '@grafana/runtime';
import * as ui from '@grafana/ui';
import * as rxjs from 'rxjs';
import type {
  DataFrame,
  DataQueryRequest,
  DataSourceInstanceSettings,
  DataSourcePlugin,
} from '@grafana/data';
import { backendSrv } from './backend';
import { TestTemplateSrv, asTemplateSrv } from './templateSrv';
import type { DataSource } from '../src/datasource';
import type { ParallaxOptions, ParallaxQuery } from '../src/types';

/** What Grafana's plugin loader shares, as far as the plugin may use it (not @grafana/schema). */
const SHARED: Record<string, unknown> = {
  react: ReactNS,
  'react-dom': ReactDOM,
  '@grafana/data': data,
  '@grafana/runtime': runtime,
  '@grafana/ui': ui,
  rxjs,
};

type Factory = (...deps: unknown[]) => unknown;
let pending: { deps: string[]; factory: Factory } | undefined;
const amdDefine = (deps: string[], factory: Factory) => {
  pending = { deps, factory };
};
amdDefine.amd = {};
(window as unknown as { define: typeof amdDefine }).define = amdDefine;

async function loadPlugin(
  url: string,
): Promise<DataSourcePlugin<DataSource, ParallaxQuery, ParallaxOptions>> {
  await new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.appendChild(s);
  });
  if (!pending) throw new Error('module.js did not call define()');
  const missing = pending.deps.filter((d) => !(d in SHARED));
  if (missing.length)
    throw new Error(`module.js needs modules Grafana does not share: ${missing.join(', ')}`);
  const exports = pending.factory(...pending.deps.map((d) => SHARED[d])) as {
    plugin: DataSourcePlugin<DataSource, ParallaxQuery, ParallaxOptions>;
  };
  return exports.plugin;
}

export interface FrameDTO {
  name?: string;
  refId?: string;
  meta?: unknown;
  length: number;
  fields: Array<{ name: string; type: string; config: unknown; labels?: unknown; values: unknown[] }>;
}

const toDTO = (f: DataFrame): FrameDTO => ({
  ...(f.name === undefined ? {} : { name: f.name }),
  ...(f.refId === undefined ? {} : { refId: f.refId }),
  meta: f.meta,
  length: f.length,
  fields: f.fields.map((x) => ({
    name: x.name,
    type: x.type,
    config: x.config,
    labels: x.labels,
    values: Array.from(x.values as ArrayLike<unknown>),
  })),
});

let root: Root | undefined;
const templates = new TestTemplateSrv({});
runtime.setBackendSrv(backendSrv);
runtime.setTemplateSrv(asTemplateSrv(templates));

async function start(settings: DataSourceInstanceSettings<ParallaxOptions>) {
  const plugin = await loadPlugin('/public/plugins/parallax-gateway-datasource/module.js');
  const Ctor = plugin.DataSourceClass as unknown as new (
    s: DataSourceInstanceSettings<ParallaxOptions>,
  ) => DataSource;
  const ds = new Ctor(settings);
  const api = {
    plugin,
    ds,
    queries: [] as ParallaxQuery[],
    options: undefined as unknown,
    setVariables(vars: Record<string, string | string[]>) {
      templates.vars = vars;
    },
    async query(targets: ParallaxQuery[], from: number, to: number, intervalMs = 60_000) {
      const range = {
        from: data.dateTime(from),
        to: data.dateTime(to),
        raw: { from: data.dateTime(from), to: data.dateTime(to) },
      };
      const req = {
        requestId: 'test',
        interval: `${intervalMs / 1000}s`,
        intervalMs,
        range,
        scopedVars: {},
        targets,
        timezone: 'utc',
        app: 'dashboard',
        startTime: Date.now(),
      } as unknown as DataQueryRequest<ParallaxQuery>;
      const res = await ds.query(req);
      return (res.data as DataFrame[]).map(toDTO);
    },
    metricFind: async (q: string) => ds.metricFindQuery(q),
    interpolate: (queries: ParallaxQuery[]) => ds.interpolateVariablesInQueries(queries, {}),
    testDatasource: async () => ds.testDatasource(),
    mountQueryEditor(initial: ParallaxQuery) {
      const found = plugin.components.QueryEditor;
      if (!found) throw new Error('no QueryEditor');
      const Editor = found;
      function Harness() {
        const [q, setQ] = useState<ParallaxQuery>(initial);
        return (
          <Editor
            datasource={ds}
            query={q}
            onChange={(next: ParallaxQuery) => {
              api.queries.push(next);
              setQ(next);
            }}
            onRunQuery={() => undefined}
          />
        );
      }
      mount(<Harness />);
    },
    mountConfigEditor(initial: unknown) {
      const Editor = plugin.components.ConfigEditor as unknown as React.ComponentType<{
        options: unknown;
        onOptionsChange: (o: unknown) => void;
      }>;
      function Harness() {
        const [o, setO] = useState<unknown>(initial);
        return (
          <Editor
            options={o}
            onOptionsChange={(next) => {
              api.options = next;
              setO(next);
            }}
          />
        );
      }
      mount(<Harness />);
    },
  };
  (window as unknown as { parallax: typeof api }).parallax = api;
  return true;
}

function mount(node: React.ReactNode) {
  const el = document.getElementById('root');
  if (!el) throw new Error('no #root');
  root?.unmount();
  root = createRoot(el);
  const theme = data.createTheme({ colors: { mode: 'dark' } });
  root.render(
    <ui.ThemeContext.Provider value={theme}>
      <div style={{ padding: 16, background: '#111217', minHeight: '100vh' }}>{node}</div>
    </ui.ThemeContext.Provider>,
  );
}

(window as unknown as { startParallax: typeof start }).startParallax = start;

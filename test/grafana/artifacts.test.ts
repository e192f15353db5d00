import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DASHBOARDS, render } from '../../dashboards/src/index.js';

const PLUGIN = new URL('../../grafana-plugin/', import.meta.url);
const read = async (url: URL) => readFile(url, 'utf8');
const json = async <T>(url: URL): Promise<T> => JSON.parse(await read(url)) as T;

/** ajv (and its formats) from the plugin's own packages, where plugin.json is validated. */
interface Validate {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}
function validator(schema: unknown): Validate {
  const require = createRequire(new URL('package.json', PLUGIN));
  const Ajv = (require('ajv') as { default: new (o: object) => { compile: (s: unknown) => Validate } })
    .default;
  const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const problems = (v: Validate) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [fileURLToPath(new URL('build.mjs', PLUGIN))], {
    timeout: 60_000,
  });
}, 90_000);

describe('dashboards/ as code', () => {
  it.each(Object.keys(DASHBOARDS))(
    '%s is the output of dashboards/src (run `npm run dashboards` when stale)',
    async (file) => {
      const build = DASHBOARDS[file];
      if (!build) throw new Error(file);
      expect(await read(new URL(`../../dashboards/${file}`, import.meta.url))).toBe(render(build));
    },
  );

  it('every dashboard has a unique uid and every panel an id, a datasource and a target', () => {
    const boards = Object.values(DASHBOARDS).map((b) => JSON.parse(render(b)) as ReturnType<typeof b>);
    expect(new Set(boards.map((b) => b.uid)).size).toBe(boards.length);
    for (const b of boards)
      for (const p of b.panels ?? []) {
        const panel = p as { id?: number; datasource?: { type?: string }; targets?: unknown[] };
        expect(panel.id).toBeGreaterThan(0);
        expect(panel.datasource?.type).toMatch(/^(prometheus|parallax-gateway-datasource)$/);
        expect(panel.targets?.length).toBeGreaterThan(0);
      }
  });
});

describe('provisioning', () => {
  it('provisions the Prometheus-type, the Jaeger-type and the Parallax plugin datasources, token in secureJsonData', async () => {
    const { id } = await json<{ id: string }>(new URL('src/plugin.json', PLUGIN));
    const file = parse(
      await read(new URL('../../dashboards/provisioning/datasources.yaml', import.meta.url)),
    ) as {
      apiVersion: number;
      datasources: Array<{
        type: string;
        uid: string;
        url?: string;
        jsonData: Record<string, unknown>;
        secureJsonData: Record<string, string>;
      }>;
    };
    expect(file.apiVersion).toBe(1);
    expect(file.datasources.map((d) => d.type)).toEqual(['prometheus', 'jaeger', id]);
    for (const d of file.datasources)
      expect(Object.values(d.secureJsonData).join()).toContain('${PARALLAX_TOKEN}');
    expect(file.datasources[2]?.jsonData.gatewayUrl).toBe('${PARALLAX_URL}');
    const dashboards = parse(
      await read(new URL('../../dashboards/provisioning/dashboards.yaml', import.meta.url)),
    ) as {
      providers: Array<{ type: string; options: { path: string } }>;
    };
    expect(dashboards.providers[0]?.type).toBe('file');
  });
});

describe('grafana-plugin/dist', () => {
  it('plugin.json is valid against the plugin.json schema, with the datasource capabilities', async () => {
    const validate = validator(await json(new URL('schema/plugin.schema.json', PLUGIN)));
    const meta = await json<Record<string, unknown>>(new URL('dist/plugin.json', PLUGIN));
    expect(validate(meta), problems(validate).join('; ')).toBe(true);
    expect(meta).toMatchObject({
      type: 'datasource',
      id: 'parallax-gateway-datasource',
      metrics: true,
      annotations: true,
      logs: true,
      tracing: true,
    });
    expect((meta.info as { version: string }).version).toMatch(/^\d+\.\d+\.\d+$/);
    // The schema can fail: a bad id, a missing logo and an unknown key are each named.
    const broken = { ...meta, id: 'parallax', info: { ...(meta.info as object), logos: {} }, colour: 'red' };
    expect(validate(broken)).toBe(false);
    expect(problems(validate)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id must match pattern/),
        expect.stringMatching(/^\/info\/logos must have required property 'small'/),
        expect.stringMatching(/^\/ must NOT have additional properties/),
      ]),
    );
  });

  it('module.js is an AMD module over modules Grafana shares with plugins (react, @grafana/*, rxjs), none bundled', async () => {
    const code = await read(new URL('dist/module.js', PLUGIN));
    const deps = JSON.parse(/^define\((\[[^\]]*\])/.exec(code)?.[1] ?? 'null') as string[];
    expect([...deps].sort()).toEqual(['@grafana/data', '@grafana/runtime', '@grafana/ui', 'react', 'rxjs']);
    // Every require() in the bundle is one of those (@grafana/schema is not shared by Grafana).
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...required].sort()).toEqual([...deps].sort());
    expect(code.length).toBeLessThan(100_000);
    for (const file of ['img/logo.svg', 'README.md'])
      expect((await read(new URL(`dist/${file}`, PLUGIN))).length).toBeGreaterThan(0);
  });
});

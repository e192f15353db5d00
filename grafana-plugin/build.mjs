// Builds dist/ the way Grafana loads a plugin: module.js is an AMD module whose dependencies
// (react, @grafana/*, rxjs) are the ones Grafana shares with plugins, as create-plugin's webpack
// config does with `libraryTarget: 'amd'` and its externals. esbuild has no AMD output, so the
// CommonJS bundle is wrapped in define([...]) with a require() over those dependencies.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

/** Shared by Grafana with every plugin (never bundled). */
export const EXTERNALS = [
  'react',
  'react-dom',
  '@grafana/data',
  '@grafana/runtime',
  '@grafana/ui',
  '@grafana/schema',
  'rxjs',
];

const root = new URL('.', import.meta.url);
const dist = new URL('dist/', root);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

/** `used`: the shared modules the bundle imports, in first-use order (the AMD dependency list). */
function amd(cjs, used) {
  const deps = JSON.stringify(used);
  const args = used.map((_, i) => `d${i}`).join(', ');
  const table = used.map((name, i) => `${JSON.stringify(name)}: d${i}`).join(', ');
  return [
    `define(${deps}, function (${args}) {`,
    `var __shared = { ${table} };`,
    `var require = function (name) { if (name in __shared) return __shared[name]; throw new Error('parallax: ' + name + ' is not shared by Grafana'); };`,
    'var module = { exports: {} }; var exports = module.exports;',
    cjs,
    'return module.exports;',
    '});',
    '',
  ].join('\n');
}

await rm(dist, { recursive: true, force: true });
await mkdir(new URL('img/', dist), { recursive: true });
const out = await build({
  entryPoints: [new URL('src/module.ts', root).pathname],
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  external: EXTERNALS,
  jsx: 'transform',
  minify: true,
  sourcemap: false,
  write: false,
  metafile: true,
  outfile: new URL('module.js', dist).pathname,
  legalComments: 'none',
  logLevel: 'warning',
});
const [code] = out.outputFiles;
const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports);
const used = [...new Set(imports.filter((i) => i.external).map((i) => i.path))];
await writeFile(new URL('module.js', dist), amd(code.text, used));
const today = new Date().toISOString().slice(0, 10);
const meta = (await readFile(new URL('src/plugin.json', root), 'utf8'))
  .replaceAll('%VERSION%', pkg.version)
  .replaceAll('%TODAY%', today);
await writeFile(new URL('plugin.json', dist), meta);
await cp(new URL('src/img/', root), new URL('img/', dist), { recursive: true });
await cp(new URL('README.md', root), new URL('README.md', dist));
console.log(`grafana-plugin: dist/module.js ${(code.text.length / 1024).toFixed(1)} KiB`);

// `--host`: the test page that plays Grafana's front end (test-host/), bundled with React and @grafana/*.
if (process.argv.includes('--host')) {
  const started = Date.now();
  await build({
    entryPoints: [new URL('test-host/host.tsx', root).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'transform',
    minify: true,
    outfile: new URL('.test-host/host.js', root).pathname,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: {
      '.css': 'css',
      '.svg': 'empty',
      '.woff': 'empty',
      '.woff2': 'empty',
      '.ttf': 'empty',
      '.png': 'empty',
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  console.log(`grafana-plugin: test host built in ${Date.now() - started} ms`);
}

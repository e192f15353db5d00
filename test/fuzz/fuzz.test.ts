import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/index.js';
import { configSchema, parseConfig } from '../../src/config/index.js';
import { ParallaxError } from '../../src/errors/index.js';
import { closedPort, startPrometheus, type RunningPrometheus } from '../harness/index.js';

/**
 * Generated inputs on every surface: 0 responses with status 500 or code INTERNAL, 0 unhandled
 * rejections. `npm test` runs FUZZ_RUNS (default 300) per property; scripts/fuzz.sh runs 100,000 in all.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const T0 = Math.floor(Date.now() / 60_000) * 60_000;

let prom: RunningPrometheus;
let app: App;
let unhandled = 0;
let checked = 0;
const onUnhandled = (): void => void unhandled++;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  prom = await startPrometheus('fuzz', [
    { name: 'fz_gauge', labels: { instance: 'a' }, t: T0 - 60_000, v: 1 },
    { name: 'fz_gauge', labels: { instance: 'a' }, t: T0, v: 2 },
  ]);
  const dead = `http://127.0.0.1:${await closedPort()}`;
  app = createApp(
    configSchema.parse({
      server: { logLevel: 'silent' },
      federation: { deadline: 2 },
      envs: [
        { name: 'kr-vm', labels: { role: 'old' }, prometheus: { url: prom.url } },
        {
          name: 'kr-k8s',
          labels: { role: 'new' },
          prometheus: { url: dead },
          traces: { kind: 'jaeger', url: dead, api: 'v3' },
          logs: { kind: 'elasticsearch', url: dead, index: 'logs', version: 9 },
        },
      ],
    }),
  );
}, 120_000);
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await prom?.stop();
});

async function noInternal(res: Response, what: string): Promise<void> {
  checked++;
  const text = await res.text();
  if (res.status === 500 || text.includes('"INTERNAL"'))
    throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
}

// PromQL-ish strings: tokens of the language in random order, plus plain random text.
const PROMQL_TOKENS = [
  'sum',
  'rate',
  'by',
  '(',
  ')',
  '[5m]',
  '{',
  '}',
  'env',
  '=~',
  '!~',
  '=',
  '"kr-.*"',
  '"(.?.?.?){10}z"',
  'fz_gauge',
  'histogram_quantile(0.9,',
  'le',
  '+',
  '/',
  'on()',
  'group_left',
  'topk(2,',
  'offset 5m',
  '@ 100',
  ',',
  '1e308',
  'NaN',
  'and',
  'or',
  'unless',
  'ignoring(env)',
  'count_values("x",',
  '[1m:10s]',
];
const promql = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.constantFrom(...PROMQL_TOKENS), { maxLength: 14 }).map((t) => t.join(' ')),
);
const time = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('now', 'now-1h', 'now-', '1h', '-5m', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const paramValue = fc.oneof(fc.string({ maxLength: 40 }), time, promql);
const params = (names: readonly string[]) =>
  fc.array(fc.tuple(fc.constantFrom(...names), paramValue), { maxLength: 6 }).map((kv) => {
    const p = new URLSearchParams();
    for (const [k, v] of kv) p.append(k, v);
    return p.toString();
  });

const prop = async <T>(arb: fc.Arbitrary<T>, run: (v: T) => Promise<void>): Promise<void> =>
  fc.assert(fc.asyncProperty(arb, run), { numRuns: RUNS });

describe('fuzz', () => {
  it('Prometheus API query strings', async () => {
    const path = fc.constantFrom(
      '/api/v1/query',
      '/api/v1/query_range',
      '/api/v1/series',
      '/api/v1/labels',
      '/api/v1/label/env/values',
      '/api/v1/label/instance/values',
      '/api/v1/metadata',
    );
    await prop(
      fc.tuple(path, params(['query', 'time', 'start', 'end', 'step', 'match[]', 'timeout', 'limit'])),
      async ([p, q]) => {
        await noInternal(await app.app.request(`${p}?${q}`), `${p}?${q}`);
      },
    );
  });

  it('PromQL through POST /api/v1/query_range', async () => {
    await prop(
      fc.tuple(promql, time, time, fc.oneof(time, fc.constant('15s'))),
      async ([query, start, end, step]) => {
        const body = new URLSearchParams({ query, start, end, step });
        const res = await app.app.request('/api/v1/query_range', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: body.toString(),
        });
        await noInternal(res, `query_range ${body.toString()}`);
      },
    );
  });

  it('Jaeger API and REST incident context query strings', async () => {
    const path = fc.oneof(
      fc.constantFrom(
        '/api/traces',
        '/api/services',
        '/api/operations',
        '/api/dependencies',
        '/api/v1/incident-context',
      ),
      fc.string({ maxLength: 40 }).map((s) => `/api/traces/${encodeURIComponent(s)}`),
      fc.string({ maxLength: 20 }).map((s) => `/api/services/${encodeURIComponent(s)}/operations`),
    );
    const names = [
      'service',
      'operation',
      'tags',
      'minDuration',
      'maxDuration',
      'start',
      'end',
      'lookback',
      'limit',
      'traceID',
      'env',
      'endTs',
      'at',
      'window',
      'baseline',
      'candidate',
      'format',
      'spanKind',
    ];
    await prop(fc.tuple(path, params(names)), async ([p, q]) => {
      await noInternal(await app.app.request(`${p}?${q}`), `${p}?${q}`);
    });
  });

  it('GraphQL arguments as variables of any JSON type', async () => {
    const operations = [
      'query Q($a: String!, $b: String!, $c: String!, $d: String) { queryRange(query: $a, range: { start: $b, end: $c, step: $d }) { envs } }',
      'query Q($a: String!, $b: String!, $c: String!, $e: [String!]) { compare(service: $a, baseline: $e, candidate: ["kr-k8s"], range: { start: $b, end: $c }) { verdict { verdict } } }',
      'query Q($a: String!, $b: String!, $c: String!, $d: String) { traces(service: $a, range: { start: $b, end: $c }, minDuration: $d) { traceId } }',
      'query Q($a: String!, $b: String!, $c: String!, $e: [String!]) { logs(service: $a, envs: $e, range: { start: $b, end: $c }, text: $a) { cursor } }',
      'query Q($a: ID!) { trace(id: $a) { found } }',
      'query Q($a: String!, $b: String) { query(query: $a, time: $b) { envs } }',
    ];
    const value = fc.oneof(
      paramValue,
      fc.jsonValue({ maxDepth: 2 }),
      fc.array(fc.constantFrom('kr-vm', 'kr-k8s', 'x', ''), { maxLength: 3 }),
    );
    const vars = fc.record({ a: value, b: value, c: value, d: value, e: value }, { requiredKeys: [] });
    await prop(fc.tuple(fc.constantFrom(...operations), vars), async ([query, variables]) => {
      const res = await app.app.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      await noInternal(res, `graphql ${JSON.stringify(variables)}`);
    });
  });

  it('GraphQL documents', async () => {
    const doc = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc
        .array(
          fc.constantFrom(
            '{',
            '}',
            'envs',
            'name',
            'queryRange(',
            'query:',
            '"up"',
            ')',
            'a:',
            '...',
            'fragment',
            'on',
            'Query',
            '__schema',
            '$x',
            '#',
          ),
          { maxLength: 20 },
        )
        .map((t) => t.join(' ')),
    );
    await prop(doc, async (query) => {
      const res = await app.app.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      await noInternal(res, `graphql document ${query}`);
    });
  });

  it('config files: any text is a config or a CONFIG_INVALID error, nothing else', async () => {
    const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const yamlish = fc
      .record({ name: scalar, url: scalar, port: scalar, deadline: scalar, extra: scalar })
      .map(
        (r) =>
          `server: { port: ${JSON.stringify(r.port)} }\nfederation: { deadline: ${JSON.stringify(r.deadline)} }\nenvs:\n  - name: ${JSON.stringify(r.name)}\n    prometheus: { url: ${JSON.stringify(r.url)} }\n    ${String(r.extra)}: 1\n`,
      );
    await prop(fc.oneof(fc.string({ maxLength: 200 }), yamlish), async (text) => {
      checked++;
      try {
        parseConfig(text, { HOME: '/tmp' });
      } catch (err) {
        if (!(err instanceof ParallaxError) || err.code !== 'CONFIG_INVALID') throw err;
      }
      return Promise.resolve();
    });
  });

  it('left no unhandled rejection behind', () => {
    expect(checked).toBeGreaterThanOrEqual(RUNS * 6);
    expect(unhandled).toBe(0);
    console.log(`fuzz: ${checked} inputs, 0 with status 500 or INTERNAL, ${unhandled} unhandled rejections`);
  });
});

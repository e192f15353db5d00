import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  concatAST,
  graphql,
  isObjectType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticsearchLogs } from '../../src/backends/elasticsearch/index.js';
import { logsResolvers } from '../../src/api/graphql/resolvers/logs.js';
import type { ResolverMap } from '../../src/api/graphql/context.js';
import { ParallaxError } from '../../src/errors/index.js';
import type { LogService } from '../../src/logs/index.js';
import { blackhole, closedPort } from '../harness/index.js';
import {
  ECS_FIELDS,
  LUCENE_TEXT,
  MINUTE,
  T0,
  VM_FIELDS,
  WINDOW,
  buildService,
  expected,
  k8sEnv,
  startWorld,
  vmEnv,
  type Line,
  type LogsWorld,
} from './fixture.js';

let world: LogsWorld;
let logs: LogService;
const BOTH = ['kr-k8s', 'kr-vm'];
const base = { service: 'checkout-api', range: WINDOW };

beforeAll(async () => {
  world = await startWorld();
  console.log(`elasticsearch 9 + 8 started in parallel in ${world.startSeconds} s`);
  logs = buildService([k8sEnv(world.k8s.url), vmEnv(world.vm.url)]).logs;
});

afterAll(async () => {
  await logs?.close();
  await world?.stop();
});

/** The SDL with the resolvers attached (graphql-js only: the server's wiring is not under test). */
function executable(typeDefs: string[], resolvers: ResolverMap): GraphQLSchema {
  const schema = buildASTSchema(concatAST(typeDefs.map((t) => parse(t))));
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`no object type ${typeName}`);
    for (const [name, resolve] of Object.entries(fields)) {
      const field = type.getFields()[name];
      if (!field) throw new Error(`no field ${typeName}.${name}`);
      // Resolver<never> only narrows the parent type; graphql-js calls it as (source, args, context).
      field.resolve = resolve as unknown as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}

const view = (l: Pick<Line, 'time' | 'message'> & { env: string; level: string }) => ({
  env: l.env,
  time: l.time,
  level: l.level,
  message: l.message,
});

describe('search', () => {
  it('returns every line of the service in the window, newest first, from ES 9 (ECS) and ES 8 (custom fields)', async () => {
    const { data, errors } = await logs.search({ ...base, envs: BOTH, limit: 1000 });
    expect(errors).toEqual([]);
    expect(data.cursor).toBeNull();
    expect(data.records.map(view)).toEqual(expected().map(view));
  });

  it('normalises records whatever the field names', async () => {
    const { data } = await logs.search({ ...base, envs: ['kr-vm'], levels: ['error'], limit: 1 });
    expect(data.records).toEqual([
      {
        time: T0 + 7 * MINUTE + 4000,
        env: 'kr-vm',
        level: 'error',
        message: 'payment declined for order 902',
        service: 'checkout-api',
        traceId: '0000000000000000000000000000b002',
        statusCode: 402,
        fields: { env_name: 'kr-vm', 'host.name': 'kr-vm-node-1' },
      },
    ]);
    const k8s = await logs.search({ ...base, envs: ['kr-k8s'], text: 'redis', limit: 1 });
    expect(k8s.data.records[0]).toMatchObject({
      env: 'kr-k8s',
      traceId: '0000000000000000000000000000a003',
      statusCode: 503,
    });
    expect(k8s.data.records[0]?.fields).toEqual({
      'service.environment': 'kr-k8s',
      'host.name': 'kr-k8s-node-1',
    });
  });

  it('filters by level (upper-case and WARNING spellings included)', async () => {
    for (const level of ['info', 'warn', 'error'] as const) {
      const { data } = await logs.search({ ...base, levels: [level], limit: 1000 });
      expect(data.records.map((r) => r.message)).toEqual(
        expected((l) => l.level === level).map((l) => l.message),
      );
    }
    const both = await logs.search({ ...base, levels: ['warn', 'error'], limit: 1000 });
    expect(both.data.records).toHaveLength(expected((l) => l.level !== 'info').length);
  });

  it('pages with the cursor: no line lost or repeated, ties in one millisecond included', async () => {
    const all = expected().map(view);
    const seen: ReturnType<typeof view>[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, errors } = await logs.search({ ...base, limit: 4, ...(cursor ? { cursor } : {}) });
      expect(errors).toEqual([]);
      expect(data.records.length).toBeLessThanOrEqual(4);
      seen.push(...data.records.map(view));
      cursor = data.cursor ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));
  });

  it('keeps the first page window for later pages (relative times do not drift)', async () => {
    const first = await logs.search({ ...base, limit: 30 });
    const cursor = first.data.cursor as string;
    const next = await logs.search({ ...base, range: { start: 0, end: 1 }, limit: 30, cursor });
    expect([...first.data.records, ...next.data.records]).toHaveLength(expected().length);
  });

  it('rejects a forged cursor or one of another query', async () => {
    const first = await logs.search({ ...base, limit: 2 });
    const cursor = first.data.cursor as string;
    await expect(logs.search({ ...base, cursor: 'eyJ2IjoyfQ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'cursor',
    });
    await expect(logs.search({ ...base, cursor: `${cursor}!` })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'cursor',
    });
    await expect(logs.search({ ...base, text: 'redis', cursor })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'cursor',
    });
  });

  it('matches text as words, all required', async () => {
    const { data } = await logs.search({ ...base, text: 'redis timeout', limit: 100 });
    expect(data.records.map((r) => r.message)).toEqual(
      expected((l) => l.message.startsWith('redis timeout')).map((l) => l.message),
    );
    const none = await logs.search({ ...base, text: 'redis declined', limit: 100 });
    expect(none.data.records).toEqual([]);
  });

  it('searches Lucene syntax literally, never as a query error', async () => {
    const { data, errors } = await logs.search({ ...base, text: LUCENE_TEXT, limit: 100 });
    expect(errors).toEqual([]);
    expect(data.records.map((r) => r.message)).toEqual([`parse failed for ${LUCENE_TEXT} in request`]);
    for (const text of ['msg:* OR *', ')))((( \\ / ~ ^ [ {', 'NOT -redis +timeout', 'a AND OR NOT', '*']) {
      const res = await logs.search({ ...base, text, limit: 10 });
      expect(res.errors).toEqual([]);
    }
  });

  it('rejects an oversized limit, an unknown env and an inverted range', async () => {
    await expect(logs.search({ ...base, limit: 5000 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'limit',
    });
    await expect(logs.search({ ...base, envs: ['nope'] })).rejects.toMatchObject({
      code: 'UNKNOWN_ENV',
      field: 'envs',
    });
    await expect(logs.search({ ...base, range: { start: T0, end: T0 - 1 } })).rejects.toMatchObject({
      field: 'range.end',
    });
    const noLogs = await logs.search({ ...base, envs: ['no-logs', 'kr-vm'], limit: 1 });
    expect(noLogs.errors.map((e) => [e.code, e.env])).toEqual([['NOT_FOUND', 'no-logs']]);
  });
});

describe('volume', () => {
  it('counts lines per minute and level, empty minutes as zeros', async () => {
    const { data, errors } = await logs.volume({
      ...base,
      range: { start: T0, end: T0 + 9 * MINUTE, step: MINUTE },
    });
    expect(errors).toEqual([]);
    expect(data.map((d) => d.env).sort()).toEqual(BOTH);
    for (const { env, value } of data) {
      expect(value.step).toBe(MINUTE);
      expect(value.buckets.map((b) => b.time)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i * MINUTE));
      value.buckets.forEach((bucket, i) => {
        const lines = expected((l) => l.env === env && Math.floor((l.time - T0) / MINUTE) === i);
        const count = (level: string): number => lines.filter((l) => l.level === level).length;
        expect(bucket).toEqual({
          time: T0 + i * MINUTE,
          total: lines.length,
          levels: {
            trace: 0,
            debug: 0,
            info: count('info'),
            warn: count('warn'),
            error: count('error'),
            fatal: 0,
            other: 0,
          },
        });
      });
    }
    const vm = data.find((d) => d.env === 'kr-vm')?.value.buckets ?? [];
    expect(vm[8]?.total).toBe(0);
    expect(vm[9]?.total).toBe(0);
  });

  it('applies the metrics step rules', async () => {
    await expect(
      logs.volume({ ...base, range: { start: T0, end: T0 + 9 * MINUTE, step: 1 } }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'range.step',
    });
  });
});

describe('patterns', () => {
  it('mines patterns per env over the sample and reports its size', async () => {
    const { data, errors } = await logs.patterns({ ...base, envs: ['kr-k8s'], maxTraceIds: 10 });
    expect(errors).toEqual([]);
    const k8s = data[0]?.value;
    const total = expected((l) => l.env === 'kr-k8s').length;
    expect(k8s).toMatchObject({ env: 'kr-k8s', sampleSize: total, total, capped: false });
    const redis = k8s?.patterns.find((p) => p.template === 'redis timeout after <*> ms');
    expect(redis).toMatchObject({
      count: 4,
      firstSeen: T0 + 5 * MINUTE + 7000,
      lastSeen: T0 + 8 * MINUTE + 7000,
    });
    expect(redis?.traceIds.sort()).toEqual(
      [0xa000, 0xa001, 0xa002, 0xa003].map((n) => n.toString(16).padStart(32, '0')),
    );
  });

  it('caps the sample at sampleCap, newest lines first', async () => {
    const { data } = await logs.patterns({ ...base, envs: ['kr-vm'], sampleCap: 5 });
    expect(data[0]?.value).toMatchObject({
      sampleSize: 5,
      total: expected((l) => l.env === 'kr-vm').length,
      capped: true,
    });
    await expect(logs.patterns({ ...base, sampleCap: 10_001 })).rejects.toMatchObject({ field: 'sampleCap' });
  });

  it('finds the pattern only the candidate env logs, and no baseline pattern as new', async () => {
    const { data, errors } = await logs.newPatterns({
      ...base,
      baseline: ['kr-vm'],
      candidate: ['kr-k8s'],
      maxTraceIds: 2,
    });
    expect(errors).toEqual([]);
    const templates = data.newPatterns.map((p) => p.template);
    expect(templates).toContain('redis timeout after <*> ms');
    for (const known of ['GET /api/cart <*> in <*> ms', 'slow query', 'payment declined']) {
      expect(templates.some((t) => t.startsWith(known.split(' <')[0] as string))).toBe(false);
    }
    const redis = data.newPatterns.find((p) => p.template === 'redis timeout after <*> ms');
    expect(redis).toMatchObject({ count: 4, countByEnv: { 'kr-k8s': 4 } });
    expect(redis?.example).toMatch(/^redis timeout after \d+ ms$/);
    expect(redis?.traceIds).toHaveLength(2);
    expect(
      data.known.map((p) => p.count).reduce((a, b) => a + b, 0) +
        data.newPatterns.reduce((a, p) => a + p.count, 0),
    ).toBe(expected((l) => l.env === 'kr-k8s').length);
    expect(data.baseline).toEqual([{ env: 'kr-vm', sampleSize: 13, total: 13, capped: false }]);
  });

  it('counts warn/error patterns for compare, new ones flagged', async () => {
    const { data } = await logs.errorPatterns({ ...base, baseline: ['kr-vm'], candidate: ['kr-k8s'] });
    const byTemplate = new Map(data.patterns.map((p) => [p.template, p]));
    expect(byTemplate.get('redis timeout after <*> ms')).toMatchObject({
      isNew: true,
      count: 4,
      baselineCount: 0,
    });
    const declined = data.patterns.find((p) => p.template.startsWith('payment declined'));
    expect(declined).toMatchObject({ isNew: false, count: 2, baselineCount: 3 });
    expect(data.patterns.reduce((a, p) => a + p.count, 0)).toBe(
      expected((l) => l.env === 'kr-k8s' && l.level !== 'info').length,
    );
  });

  it('rejects the same env on both sides', async () => {
    await expect(
      logs.newPatterns({ ...base, baseline: ['kr-vm'], candidate: ['kr-vm'] }),
    ).rejects.toMatchObject({
      field: 'candidate',
    });
  });
});

describe('adapter', () => {
  const adapter = (url: string, version: 8 | 9 | 'auto', major: 8 | 9): ElasticsearchLogs =>
    new ElasticsearchLogs({
      env: `es${major}`,
      urls: [url],
      index: major === 9 ? 'logs-k8s' : 'app-logs',
      version,
      fields: major === 9 ? ECS_FIELDS : VM_FIELDS,
      timeoutMs: 5000,
      headers: {},
      maxResponseBytes: 1 << 24,
    });

  it('detects the wire version with `auto` and remembers it', async () => {
    const es8 = adapter(world.vm.url, 'auto', 8);
    const es9 = adapter(world.k8s.url, 'auto', 9);
    const signal = AbortSignal.timeout(10_000);
    expect((await es8.health(signal)).status).toMatch(/green|yellow/);
    expect(es8.wireVersion).toBe(8);
    expect((await es8.search({ ...base, ...WINDOW }, { size: 1 }, signal)).hits).toHaveLength(1);
    await es9.search({ ...base, ...WINDOW }, { size: 1 }, signal);
    expect(es9.wireVersion).toBe(9);
    await Promise.all([es8.close(), es9.close()]);
  });

  it('says so when the configured version is wrong', async () => {
    const wrong = adapter(world.vm.url, 9, 8);
    const err = await wrong
      .search({ ...base, ...WINDOW }, { size: 1 }, AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParallaxError);
    expect(err).toMatchObject({ code: 'BACKEND_ERROR', env: 'es8', backend: 'elasticsearch' });
    await wrong.close();
  });

  it('maps a query ES rejects to BACKEND_BAD_DATA naming the env', async () => {
    const missing = new ElasticsearchLogs({ ...adapter(world.k8s.url, 9, 9).opts, index: 'no-such-index' });
    const err = await missing
      .search({ ...base, ...WINDOW }, { size: 1 }, AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BACKEND_BAD_DATA', env: 'es9', backend: 'elasticsearch' });
    expect((err as Error).message).toContain('index_not_found_exception');
    await missing.close();
  });
});

describe('partial failure', () => {
  it('answers with the healthy env within the deadline, naming the stopped and the blackholed env', async () => {
    const hole = await blackhole();
    const down = `http://127.0.0.1:${await closedPort()}`;
    const { logs: partial } = buildService(
      [
        k8sEnv(world.k8s.url),
        vmEnv(down, { version: 'auto' }),
        {
          name: 'kr-hole',
          logs: { kind: 'elasticsearch', url: hole.url, index: 'x', version: 9, timeout: '30s' },
        },
      ],
      2000,
    );
    try {
      const started = performance.now();
      const { data, errors } = await partial.search({ ...base, limit: 1000 });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(3000);
      expect(data.records.map((r) => r.message)).toEqual(
        expected((l) => l.env === 'kr-k8s').map((l) => l.message),
      );
      expect(errors.map((e) => [e.env, e.backend, e.code]).sort()).toEqual([
        ['kr-hole', 'elasticsearch', 'DEADLINE_EXCEEDED'],
        ['kr-vm', 'elasticsearch', 'BACKEND_UNREACHABLE'],
      ]);
      const volume = await partial.volume({
        ...base,
        range: { start: T0, end: T0 + 9 * MINUTE, step: MINUTE },
      });
      expect(volume.data.map((d) => d.env)).toEqual(['kr-k8s']);
      expect(volume.errors).toHaveLength(2);
    } finally {
      await partial.close();
      await hole.close();
    }
  });

  it('fails over to the next node of an env when the first is down, and fails only when all are', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const alsoDown = `http://127.0.0.1:${await closedPort()}`;
    const { logs: failover } = buildService([k8sEnv([down, world.k8s.url]), vmEnv([down, alsoDown])]);
    try {
      const { data, errors, answered } = await failover.search({ ...base, limit: 1000 });
      expect(data.records.map((r) => r.message)).toEqual(
        expected((l) => l.env === 'kr-k8s').map((l) => l.message),
      );
      expect(answered).toEqual(['kr-k8s']);
      expect(errors.map((e) => [e.env, e.backend, e.code])).toEqual([
        ['kr-vm', 'elasticsearch', 'BACKEND_UNREACHABLE'],
      ]);
    } finally {
      await failover.close();
    }
  });

  it('reports a backend timeout when the env timeout is shorter than the deadline', async () => {
    const hole = await blackhole();
    const { logs: partial } = buildService(
      [
        {
          name: 'kr-hole',
          logs: { kind: 'elasticsearch', url: hole.url, index: 'x', version: 9, timeout: '1s' },
        },
      ],
      5000,
    );
    try {
      const { errors } = await partial.search({ ...base, limit: 10 });
      expect(errors.map((e) => [e.env, e.code])).toEqual([['kr-hole', 'BACKEND_TIMEOUT']]);
    } finally {
      await partial.close();
      await hole.close();
    }
  });
});

describe('graphql', () => {
  const typeDefs = ['base', 'logs'].map((name) =>
    readFileSync(new URL(`../../schema/${name}.graphql`, import.meta.url), 'utf8'),
  );

  async function run(source: string, variables: Record<string, unknown> = {}) {
    const schema = executable(typeDefs, logsResolvers(logs));
    const partial: ParallaxError[] = [];
    const contextValue = {
      partial: (e: readonly ParallaxError[]) => partial.push(...e),
      signal: AbortSignal.timeout(10_000),
    };
    const result = await graphql({ schema, source, variableValues: variables, contextValue });
    return { ...result, partial };
  }

  const range = { start: new Date(WINDOW.start).toISOString(), end: new Date(WINDOW.end).toISOString() };
  const LOGS = `query($text: String, $levels: [String!], $limit: Int, $envs: [String!]) {
    logs(service: "checkout-api", envs: $envs, range: { start: "${range.start}", end: "${range.end}" }, text: $text, levels: $levels, limit: $limit) {
      records { env time timestampMs level message traceId statusCode fields { name value } }
      cursor
    }
  }`;

  it('searches logs, Lucene syntax literally', async () => {
    const res = await run(LOGS, { text: LUCENE_TEXT });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      logs: {
        records: [
          {
            env: 'kr-k8s',
            time: new Date(T0 + 8 * MINUTE + 1).toISOString(),
            timestampMs: T0 + 8 * MINUTE + 1,
            level: 'info',
            message: `parse failed for ${LUCENE_TEXT} in request`,
            traceId: null,
            statusCode: null,
            fields: [
              { name: 'service.environment', value: 'kr-k8s' },
              { name: 'host.name', value: 'kr-k8s-node-1' },
            ],
          },
        ],
        cursor: null,
      },
    });
  });

  it('rejects an unknown level, an unknown env and an oversized limit, naming the field', async () => {
    const level = await run(LOGS, { levels: ['error', 'loud'] });
    expect(level.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_INPUT', field: 'levels.1' });
    const env = await run(LOGS, { envs: ['kr-nowhere'] });
    expect(env.errors?.[0]?.originalError).toMatchObject({ code: 'UNKNOWN_ENV', field: 'envs' });
    const limit = await run(LOGS, { limit: 100_000 });
    expect(limit.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_INPUT', field: 'limit' });
  });

  it('has no way to name an index', async () => {
    const res = await run(
      `{ logs(service: "checkout-api", index: "*", range: { start: "now-1h", end: "now" }) { cursor } }`,
    );
    expect(res.errors?.[0]?.message).toMatch(/Unknown argument "index"/);
  });

  it('answers volume, patterns and new patterns', async () => {
    const r = `range: { start: "${range.start}", end: "${new Date(T0 + 9 * MINUTE).toISOString()}", step: "1m" }`;
    const res = await run(`{
      logVolume(service: "checkout-api", ${r}) { env stepMs buckets { timestampMs total error warn info other } }
      logPatterns(service: "checkout-api", envs: ["kr-k8s"], ${r}, levels: ["error"]) { env sample { sampleSize capped } patterns { template count countByEnv { env count } } }
      newLogPatterns(service: "checkout-api", baseline: ["kr-vm"], candidate: ["kr-k8s"], ${r}, maxTraceIds: 1) {
        newPatterns { template count traceIds firstSeen } known { baselineCount pattern { template } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.partial).toEqual([]);
    const data = res.data as {
      logVolume: { env: string; stepMs: number; buckets: { total: number }[] }[];
      logPatterns: { sample: { sampleSize: number }; patterns: { template: string; count: number }[] }[];
      newLogPatterns: { newPatterns: { template: string; count: number; traceIds: string[] }[] };
    };
    expect(data.logVolume.map((v) => [v.env, v.stepMs, v.buckets.length])).toEqual(
      expect.arrayContaining([
        ['kr-k8s', MINUTE, 10],
        ['kr-vm', MINUTE, 10],
      ]),
    );
    expect(data.logPatterns[0]?.sample.sampleSize).toBe(6);
    expect(data.logPatterns[0]?.patterns).toContainEqual({
      template: 'redis timeout after <*> ms',
      count: 4,
      countByEnv: [{ env: 'kr-k8s', count: 4 }],
    });
    const redis = data.newLogPatterns.newPatterns.find((p) => p.template === 'redis timeout after <*> ms');
    expect(redis).toMatchObject({ count: 4 });
    expect(redis?.traceIds).toHaveLength(1);
  });

  it('reports a failed env as a partial error next to the data', async () => {
    const { logs: partialLogs } = buildService(
      [k8sEnv(world.k8s.url), vmEnv(`http://127.0.0.1:${await closedPort()}`)],
      3000,
    );
    const schema = executable(typeDefs, logsResolvers(partialLogs));
    const partial: ParallaxError[] = [];
    const contextValue = {
      partial: (e: readonly ParallaxError[]) => partial.push(...e),
      signal: AbortSignal.timeout(10_000),
    };
    const res = await graphql({ schema, source: LOGS, variableValues: { text: 'redis' }, contextValue });
    expect(res.errors).toBeUndefined();
    expect((res.data as { logs: { records: unknown[] } }).logs.records).toHaveLength(4);
    expect(partial.map((e) => e.toJSON())).toEqual([
      {
        code: 'BACKEND_UNREACHABLE',
        message: expect.stringContaining('kr-vm') as string,
        env: 'kr-vm',
        backend: 'elasticsearch',
      },
    ]);
    await partialLogs.close();
  });
});

import { z } from 'zod';
import { parseDuration } from '../time/index.js';
import { authSchema, secretSchema } from './auth.js';
import { accessSchema } from './access-schema.js';

const durationMs = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    const ms = typeof v === 'number' ? v * 1000 : parseDuration(v, 'duration');
    if (ms <= 0) throw new Error('must be > 0');
    return ms;
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected a duration like 5s or 1m, got "${String(v)}"` });
    return z.NEVER;
  }
});

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const headers = z.record(z.string(), z.string()).default({});
const redisSchema = z
  .object({
    url: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }),
    password: secretSchema.optional(),
    keyPrefix: z.string().max(64).default('parallax:'),
    /** Settled answers do not change; the TTL only bounds what a retention change leaves behind. */
    ttl: durationMs.default(3_600_000),
    /** A slower Redis is skipped for that call: the cache must never cost more than a backend. */
    timeout: durationMs.default(50),
  })
  .strict();
const NAME_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

const httpBackend = {
  timeout: durationMs.default(10_000),
  headers,
  auth: authSchema.optional(),
  caFile: z.string().optional(),
};

const prometheusSchema = z
  .object({
    /** One URL, or two or more for an HA group whose replicas hold the same series. */
    url: z.union([httpUrl, z.array(httpUrl).min(1).max(4)]),
    ...httpBackend,
  })
  .strict()
  .transform(({ url, ...rest }) => ({ ...rest, urls: Array.isArray(url) ? url : [url] }));

const signalTemplateName = z.enum(['istio', 'micrometer', 'promclient', 'custom']);
const signalsSchema = z
  .object({
    template: signalTemplateName,
    /** Template variables: the label that names the service, Istio's reporter, the rate window. */
    vars: z
      .object({
        serviceLabel: z
          .string()
          .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a Prometheus label name')
          .optional(),
        reporter: z.string().optional(),
        window: z
          .string()
          .regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'expected a PromQL duration like 5m')
          .optional(),
      })
      .strict()
      .default({}),
    /** Per-signal PromQL with a {{service}} placeholder; wins over the template. */
    overrides: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const tracesSchema = z
  .object({
    kind: z.literal('jaeger'),
    /** One query node, or several serving the same store (tried in turn: failover). */
    url: z.union([httpUrl, z.array(httpUrl).min(1).max(8)]),
    api: z.enum(['v3', 'legacy', 'auto']).default('auto'),
    /** Link into this env's own trace UI; {{traceId}} is replaced. */
    uiUrl: z.string().optional(),
    ...httpBackend,
  })
  .strict()
  .transform(({ url, ...rest }) => ({ ...rest, urls: Array.isArray(url) ? url : [url] }));

const logFieldsSchema = z
  .object({
    timestamp: z.string().default('@timestamp'),
    message: z.string().default('message'),
    level: z.string().default('log.level'),
    service: z.string().default('service.name'),
    environment: z.string().default('service.environment'),
    traceId: z.string().default('trace.id'),
    spanId: z.string().default('span.id'),
    statusCode: z.string().default('http.response.status_code'),
  })
  .strict();

const logsSchema = z
  .object({
    kind: z.literal('elasticsearch'),
    /** One node, or several of the same cluster (tried in turn: failover). */
    url: z.union([httpUrl, z.array(httpUrl).min(1).max(8)]),
    index: z.string().min(1),
    version: z.union([z.literal(8), z.literal(9), z.literal('auto')]).default('auto'),
    fields: logFieldsSchema.default(() => ECS_LOG_FIELDS),
    ...httpBackend,
  })
  .strict()
  .transform(({ url, ...rest }) => ({ ...rest, urls: Array.isArray(url) ? url : [url] }));

const envSchema = z
  .object({
    name: z.string().regex(NAME_RE, 'expected lowercase letters, digits, ".", "_" or "-"'),
    labels: z.record(z.string(), z.string()).default({}),
    prometheus: prometheusSchema.optional(),
    signals: signalsSchema.default({ template: 'promclient', vars: {}, overrides: {} }),
    traces: tracesSchema.optional(),
    logs: logsSchema.optional(),
  })
  .strict();

/** Request limits of every surface (README "Limits"). */
const limitsSchema = z
  .object({
    /** Largest request body (GraphQL POST, Prometheus form POST). */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** Longest request URL, query string included. */
    maxUrlBytes: z
      .number()
      .int()
      .min(256)
      .default(8 * 1024),
    /** Longest PromQL expression. */
    maxQueryLength: z
      .number()
      .int()
      .min(16)
      .default(8 * 1024),
    /** Trace ids in one Jaeger-compatible /api/traces?traceID= call. */
    maxTraceIds: z.number().int().min(1).default(20),
    /** Envs one request may name (envs, baseline + candidate). */
    maxEnvsPerRequest: z.number().int().min(1).default(16),
    graphql: z
      .object({
        maxDepth: z.number().int().min(1).default(12),
        maxAliases: z.number().int().min(0).default(30),
        maxTokens: z.number().int().min(1).default(5000),
        /** graphql-armor's cost limit plus Parallax's per-field weights (compare = 1000, ...). */
        maxCost: z.number().int().min(1).default(20_000),
        /** Sum of root field weights (compare 1000, service 300, queryRange 100, ...: README "Limits"). */
        maxWeight: z.number().int().min(1).default(3000),
      })
      .strict()
      .default({ maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxCost: 20_000, maxWeight: 3000 }),
  })
  .strict();

const LIMIT_DEFAULTS = {
  maxBodyBytes: 1024 * 1024,
  maxUrlBytes: 8 * 1024,
  maxQueryLength: 8 * 1024,
  maxTraceIds: 20,
  maxEnvsPerRequest: 16,
  graphql: { maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxCost: 20_000, maxWeight: 3000 },
};

/** ECS field names: the default log field mapping of every env. */
export const ECS_LOG_FIELDS = logFieldsSchema.parse({});

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(9480),
        graphqlPath: z.string().startsWith('/').default('/graphql'),
        /** Label that carries the env on every federated series. */
        envLabel: z
          .string()
          .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
          .default('env'),
        /** Optional bearer token required from clients (not from /healthz, /readyz, /metrics). */
        authToken: z.string().min(1).optional(),
        logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** Browser origins allowed to call the gateway (CORS); empty = no CORS headers at all. */
        corsOrigins: z.array(z.url()).default([]),
        /** Reload when the config file changes (debounced), besides SIGHUP. */
        watchConfig: z.boolean().default(true),
        /** After SIGTERM, /readyz is 503 for this long before the listener closes (0 = close at once). */
        shutdownDelay: z.union([z.literal(0), durationMs]).default(0),
        limits: limitsSchema.default(LIMIT_DEFAULTS),
        /** Gateway processes sharing the port (node:cluster); 1 = this process serves. */
        workers: z.number().int().min(1).max(64).default(1),
      })
      .strict()
      .default({
        host: '127.0.0.1',
        port: 9480,
        graphqlPath: '/graphql',
        envLabel: 'env',
        logLevel: 'info',
        corsOrigins: [],
        watchConfig: true,
        shutdownDelay: 0,
        limits: LIMIT_DEFAULTS,
        workers: 1,
      }),
    federation: z
      .object({
        /** Per-request deadline: the answer comes by then with what the healthy envs gave. */
        deadline: durationMs.default(15_000),
        concurrency: z.number().int().min(1).max(256).default(16),
        maxPointsPerSeries: z.number().int().min(1).max(1_000_000).default(11_000),
        maxResponseBytes: z
          .number()
          .int()
          .min(1024)
          .default(64 * 1024 * 1024),
        /** Bytes of backend answers one client request may hold while reading them (all its backend calls). */
        maxRequestBufferBytes: z
          .number()
          .int()
          .min(1024)
          .default(128 * 1024 * 1024),
        /** Bytes of backend answers the whole gateway may hold while reading them (all requests). */
        maxBufferedBytes: z
          .number()
          .int()
          .min(1024)
          .default(256 * 1024 * 1024),
        /** Calls in flight to one env's backend (default: half of `concurrency`, at least 2). */
        perEnvConcurrency: z.number().int().min(1).optional(),
        /** Retries after a refused or reset connection (jittered backoff, within half the deadline). */
        retries: z.number().int().min(0).max(3).default(1),
        /** Consecutive failures after which an env's backend is skipped for `breakerCooldown`. */
        breakerThreshold: z.number().int().min(1).default(5),
        breakerCooldown: durationMs.default(30_000),
        /** HA replicas and query nodes: when a silent one gets a hedge (failover) or is cut (HA). */
        hedge: z
          .object({
            enabled: z.boolean().default(true),
            /** A query node's hedge: after the group's p95, never sooner than this. */
            after: durationMs.default(25),
            /** An HA replica's cut: after 3x the first answer's time or 3x the p95, never sooner. */
            cutAfter: durationMs.default(250),
          })
          .strict()
          .default({ enabled: true, after: 25, cutAfter: 250 }),
        /** Repeated Prometheus queries over settled data answered from memory; maxPoints 0 turns it off. */
        cache: z
          .object({
            maxPoints: z.number().int().min(0).default(2_000_000),
            settle: durationMs.default(300_000),
            /** A Redis shared by the gateway's replicas, asked after the in-process LRU. */
            redis: redisSchema.optional(),
          })
          .strict()
          .default({ maxPoints: 2_000_000, settle: 300_000 }),
      })
      .strict()
      .default({
        cache: { maxPoints: 2_000_000, settle: 300_000 },
        deadline: 15_000,
        concurrency: 16,
        retries: 1,
        maxPointsPerSeries: 11_000,
        maxResponseBytes: 64 * 1024 * 1024,
        maxRequestBufferBytes: 128 * 1024 * 1024,
        maxBufferedBytes: 256 * 1024 * 1024,
        breakerThreshold: 5,
        breakerCooldown: 30_000,
        hedge: { enabled: true, after: 25, cutAfter: 250 },
      }),
    /** Identity and per-env access control (src/access); absent = open, or `server.authToken` only. */
    access: accessSchema.optional(),
    envs: z
      .array(envSchema)
      .min(1, 'at least one environment is required')
      .superRefine((envs, ctx) => {
        const seen = new Set<string>();
        envs.forEach((env, i) => {
          if (seen.has(env.name)) {
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate env name "${env.name}"` });
          }
          seen.add(env.name);
        });
      }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type EnvConfig = Config['envs'][number];
export type PrometheusConfig = NonNullable<EnvConfig['prometheus']>;
export type TracesConfig = NonNullable<EnvConfig['traces']>;
export type LogsConfig = NonNullable<EnvConfig['logs']>;
export type LogFields = LogsConfig['fields'];
export type SignalsConfig = EnvConfig['signals'];
export type SignalTemplateName = SignalsConfig['template'];

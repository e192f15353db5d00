import { prng, serviceSamples, type MetricTemplate } from '../../demo/metrics.js';
import type { PromSample } from '../harness/prometheus.js';
import type { OtlpSpanInput } from '../harness/jaeger.js';
import { ENVS, SCENARIOS, TEMPLATES, type EnvProfile, type Scenario } from './scenarios.js';

export type EnvKey = keyof typeof ENVS;

/** The compared hour: minute-aligned, two hours back so every backend holds it and `at` is in the past. */
export const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000;
export const T1 = T0 + 3_600_000;
/** Counters start before the window so rates are defined from its first step. */
const LEAD_IN_MS = 10 * 60_000;
export const TRACES_PER_ENV = 200;

const scenarios = (): Scenario[] => Object.values(SCENARIOS);
const seedOf = (text: string): number =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619), 2_166_136_261);

/**
 * Counter and histogram samples of every scenario service in one env, in the env's template (or another:
 * the labelled world serves kr-vm as micrometer).
 */
export function promSamples(env: EnvKey, template: MetricTemplate = TEMPLATES[env]): PromSample[] {
  return scenarios().flatMap((s) => {
    const p = s[env];
    return serviceSamples({
      env: ENVS[env],
      template,
      service: s.service,
      start: T0 - LEAD_IN_MS,
      end: T1,
      stepMs: 15_000,
      rps: () => p.rps,
      errorRatio: p.errorRatio,
      latencyMs: p.latencyMs,
      seed: seedOf(`${env}/${s.service}`),
    });
  });
}

const hex = (rand: () => number, digits: number): string =>
  Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
const ns = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;

export const routeOf = (service: string): string => `GET /${service}`;

/** One request: server span -> `redis GET` -> `SELECT orders`, the two calls carrying the profile's extras. */
function traceSpans(service: string, p: EnvProfile, rand: () => number): OtlpSpanInput[] {
  const traceId = hex(rand, 32);
  const [root, redis, db] = [hex(rand, 16), hex(rand, 16), hex(rand, 16)];
  const start = T0 + rand() * (T1 - T0 - 1000);
  const redisMs = 1 + rand() * 2 + p.redisExtraMs;
  const dbMs = 4 + rand() * 12 + p.dbExtraMs;
  const ownMs = 5 + rand() * 25;
  const error = rand() < p.traceErrorRatio;
  return [
    {
      traceId,
      spanId: root,
      name: routeOf(service),
      kind: 2,
      startNs: ns(start),
      durationNs: ns(ownMs + redisMs + dbMs),
      error,
      ...(error ? { statusMessage: 'redis timeout' } : {}),
    },
    {
      traceId,
      spanId: redis,
      parentSpanId: root,
      name: 'redis GET',
      kind: 3,
      startNs: ns(start + 0.5),
      durationNs: ns(redisMs),
      error,
    },
    {
      traceId,
      spanId: db,
      parentSpanId: root,
      name: 'SELECT orders',
      kind: 3,
      startNs: ns(start + 0.5 + redisMs),
      durationNs: ns(dbMs),
    },
  ];
}

/** TRACES_PER_ENV traces of each scenario service in one env. */
export function spansByService(env: EnvKey): Map<string, OtlpSpanInput[]> {
  return new Map(
    scenarios().map((s) => {
      const rand = prng(seedOf(`traces/${env}/${s.service}`));
      return [
        s.service,
        Array.from({ length: TRACES_PER_ENV }, () => traceSpans(s.service, s[env], rand)).flat(),
      ];
    }),
  );
}

export interface LogLine {
  time: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** Lines per request are the same in both envs (counts follow traffic), plus the profile's extra lines. */
function serviceLines(env: EnvKey, s: Scenario): LogLine[] {
  const p = s[env];
  const rand = prng(seedOf(`logs/${env}/${s.service}`));
  const n = (): number => Math.floor(rand() * 100_000);
  const at = (): number => T0 + Math.floor(rand() * (T1 - T0 - 1000));
  const lines: LogLine[] = [];
  const add = (count: number, level: LogLine['level'], make: () => string): void => {
    for (let i = 0; i < count; i++) lines.push({ time: at(), level, message: make() });
  };
  add(p.rps * 4, 'info', () => `GET /api/v1/orders/${n()} 200 in ${n() % 90} ms`);
  add(p.rps, 'warn', () => `slow query on table orders took ${300 + (n() % 700)} ms`);
  add(p.rps, 'error', () => `payment declined for order ${n()}`);
  add(p.rps / 2, 'error', () => 'upstream connect error or disconnect/reset before headers');
  for (const extra of p.extraErrorLines)
    add(extra.count, 'error', () => extra.template.replace('{n}', String(200 + (n() % 800))));
  return lines;
}

export function logLines(env: EnvKey): Map<string, LogLine[]> {
  return new Map(scenarios().map((s) => [s.service, serviceLines(env, s)]));
}

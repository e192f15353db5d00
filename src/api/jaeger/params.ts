import { z } from 'zod';
import { badInput, ParallaxError } from '../../errors/index.js';
import { parseDuration } from '../../time/index.js';
import {
  parseAttributeFilters,
  parseSpanDuration,
  parseTraceId,
  type TraceSearch,
} from '../../traces/index.js';

/** Query parameters of the Jaeger API, parsed like Jaeger does (µs times, Go durations, JSON tags). */

const DEFAULT_LOOKBACK_US = 2 * 24 * 3600 * 1_000_000; // Jaeger's default search window: 2 days
const DEFAULT_LIMIT = 100; // Jaeger's default
const DEPENDENCY_LOOKBACK_MS = 24 * 3600 * 1000;

export interface RawQuery {
  one: (name: string) => string | undefined;
  all: (name: string) => string[];
}

function integer(raw: string | undefined, field: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badInput(field, `"${raw}" is not an integer`);
  return Number(raw);
}

function duration(raw: string | undefined, field: string): number | undefined {
  return raw === undefined || raw === '' ? undefined : parseSpanDuration(raw, field);
}

const tagsJson = z.record(z.string(), z.string());

/** `tags={"k":"v"}` (JSON, repeatable) and `tag=k:v` (repeatable), merged as Jaeger does. */
function tags(q: RawQuery): Record<string, string> {
  const pairs: { key: string; value: string }[] = [];
  for (const raw of q.all('tag')) {
    const at = raw.indexOf(':');
    if (at <= 0) throw badInput('tag', `malformed 'tag' parameter, expecting key:value, received: ${raw}`);
    pairs.push({ key: raw.slice(0, at), value: raw.slice(at + 1) });
  }
  for (const raw of q.all('tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw badInput('tags', 'malformed tags parameter: expected a JSON object of strings');
    }
    const map = tagsJson.safeParse(parsed);
    if (!map.success) throw badInput('tags', 'malformed tags parameter: expected a JSON object of strings');
    for (const [key, value] of Object.entries(map.data)) pairs.push({ key, value });
  }
  // Later wins, as in Jaeger; then checked like every other surface's attribute filters.
  const last = new Map(pairs.map((p) => [p.key, p.value]));
  return parseAttributeFilters(
    [...last].map(([key, value]) => ({ key, value })),
    'tags',
  );
}

/** `env=` (repeatable): a Parallax extension restricting the envs asked; all when absent. */
export function envsOf(q: RawQuery): string[] | undefined {
  const envs = q.all('env').filter((e) => e !== '');
  return envs.length > 0 ? envs : undefined;
}

export function traceIdsOf(q: RawQuery): string[] {
  return q.all('traceID').map((id) => parseTraceId(id, 'traceID'));
}

function timeRange(q: RawQuery): { startMs: number; endMs: number } {
  const endUs = integer(q.one('end'), 'end') ?? Date.now() * 1000;
  const startUs = integer(q.one('start'), 'start');
  if (startUs !== undefined) return { startMs: startUs / 1000, endMs: endUs / 1000 };
  // Jaeger's UI sends lookback=1h/2d next to start/end and the server ignores it; used here only
  // when start is absent, in the gateway's duration syntax (which has days).
  const lookback = q.one('lookback');
  const lookbackUs =
    lookback && lookback !== 'custom' ? parseDuration(lookback, 'lookback') * 1000 : DEFAULT_LOOKBACK_US;
  return { startMs: (endUs - lookbackUs) / 1000, endMs: endUs / 1000 };
}

/**
 * The env tag every span's process carries, used as a search tag (`env=kr-k8s` in Grafana's tag box),
 * selects envs instead of reaching the backends, which do not know it.
 */
function splitEnvTag(
  attributes: Record<string, string>,
  envLabel: string,
  envs: string[] | undefined,
): { attributes: Record<string, string>; envs: string[] | undefined } {
  const { [envLabel]: tagged, ...rest } = attributes;
  if (tagged === undefined) return { attributes, envs };
  return { attributes: rest, envs: envs ? envs.filter((e) => e === tagged) : [tagged] };
}

/** GET /api/traces search parameters as a domain search (newest first, as Jaeger orders them). */
export function searchOf(q: RawQuery, envLabel = 'env'): TraceSearch {
  const service = q.one('service');
  if (!service) throw badInput('service', "parameter 'service' is required");
  const minDurationUs = duration(q.one('minDuration'), 'minDuration');
  const maxDurationUs = duration(q.one('maxDuration'), 'maxDuration');
  const operation = q.one('operation');
  const { attributes, envs } = splitEnvTag(tags(q), envLabel, envsOf(q));
  if (envs && envs.length === 0) throw badInput('tags', `${envLabel} tag names no env asked for with env=`);
  return {
    service,
    ...timeRange(q),
    limit: integer(q.one('limit'), 'limit') ?? DEFAULT_LIMIT,
    order: 'NEWEST',
    ...(operation ? { operation } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(minDurationUs === undefined ? {} : { minDurationUs }),
    ...(maxDurationUs === undefined ? {} : { maxDurationUs }),
    ...(envs ? { envs } : {}),
  };
}

/** GET /api/dependencies: endTs and lookback in ms (Jaeger's units for this endpoint). */
export function dependenciesOf(q: RawQuery): { endMs: number; lookbackMs: number } {
  const endMs = integer(q.one('endTs'), 'endTs') ?? Date.now();
  const lookbackMs = integer(q.one('lookback'), 'lookback') ?? DEPENDENCY_LOOKBACK_MS;
  if (lookbackMs <= 0)
    throw new ParallaxError('BAD_INPUT', 'lookback: must be greater than 0', { field: 'lookback' });
  return { endMs, lookbackMs };
}

import type { LogFields } from '../../config/index.js';
import { toLogLevel } from './levels.js';
import type { EsHit } from './response.js';
import type { LogRecord, SampledLine } from './types.js';

const MAX_EXTRA_FIELDS = 100;
const MAX_FIELD_CHARS = 2000;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a dotted field from a source that may nest objects (`{trace:{id}}`) or not (`{"trace.id"}`). */
export function fieldValue(source: unknown, path: string): unknown {
  if (!isRecord(source)) return undefined;
  if (path in source) return first(source[path]);
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = parts.slice(0, i).join('.');
    if (!(head in source)) continue;
    const value = fieldValue(first(source[head]), parts.slice(i).join('.'));
    if (value !== undefined) return value;
  }
  return undefined;
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function asInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** The hit's time from the `fields` section, requested as epoch_millis (a string or a number). */
export function hitTime(hit: EsHit, fields: LogFields): number | undefined {
  const raw = first(hit.fields?.[fields.timestamp]);
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms) : undefined;
}

function normaliseLevel(raw: unknown): string {
  const text = asText(raw);
  if (text === undefined || text.trim() === '') return 'unknown';
  return toLogLevel(text) ?? text.trim().toLowerCase();
}

/** Every scalar of the source under its dotted name, except the mapped ones. */
function extraFields(source: Record<string, unknown>, skip: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  const walk = (node: unknown, prefix: string): void => {
    if (count >= MAX_EXTRA_FIELDS || skip.has(prefix)) return;
    if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, prefix ? `${prefix}.${key}` : key);
      return;
    }
    const values = (Array.isArray(node) ? node : [node]).map(asText).filter((v) => v !== undefined);
    if (values.length === 0 || !prefix) return;
    out[prefix] = values.join(', ').slice(0, MAX_FIELD_CHARS);
    count++;
  };
  walk(source, '');
  return out;
}

/** A search hit as a normalised record; undefined when it has no usable time. */
export function toLogRecord(hit: EsHit, env: string, fields: LogFields): LogRecord | undefined {
  const time = hitTime(hit, fields);
  if (time === undefined) return undefined;
  const source = hit._source ?? {};
  const traceId = asText(fieldValue(source, fields.traceId));
  const spanId = asText(fieldValue(source, fields.spanId));
  const statusCode = asInt(fieldValue(source, fields.statusCode));
  const mapped = new Set([
    fields.timestamp,
    fields.message,
    fields.level,
    fields.service,
    fields.traceId,
    fields.spanId,
    fields.statusCode,
  ]);
  return {
    time,
    env,
    level: normaliseLevel(fieldValue(source, fields.level)),
    message: asText(fieldValue(source, fields.message)) ?? '',
    service: asText(fieldValue(source, fields.service)) ?? '',
    ...(traceId ? { traceId } : {}),
    ...(spanId ? { spanId } : {}),
    ...(statusCode === undefined ? {} : { statusCode }),
    fields: extraFields(source, mapped),
  };
}

/** A hit as a line for the pattern miner. */
export function toSampledLine(hit: EsHit, fields: LogFields): SampledLine | undefined {
  const time = hitTime(hit, fields);
  const message = asText(fieldValue(hit._source, fields.message));
  if (time === undefined || message === undefined) return undefined;
  const traceId = asText(fieldValue(hit._source, fields.traceId));
  return { message, time, ...(traceId ? { traceId } : {}) };
}

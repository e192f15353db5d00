import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SortValues } from './model.js';
import { badInput, type ParallaxError } from '../errors/index.js';
import type { LogWindow } from './types.js';

const MAX_CURSOR_CHARS = 8192;

/** Per env: where the next page starts (a hit's sort values), or false when the env is exhausted. */
export type Positions = Record<string, SortValues | false>;

export interface CursorState {
  /** Fingerprint of the query the cursor belongs to. */
  query: string;
  /** The first page's absolute window, so `now-1h` does not move between pages. */
  window: LogWindow;
  positions: Positions;
}

const sortValue = z.union([z.string().max(512), z.number(), z.boolean(), z.null()]);
const cursorSchema = z
  .object({
    v: z.literal(1),
    q: z.string().max(64),
    s: z.number().int(),
    e: z.number().int(),
    p: z.record(z.string().max(128), z.union([z.array(sortValue).min(1).max(4), z.literal(false)])),
  })
  .strict();

/** What a cursor is bound to: the same service, envs, levels and text. */
export function queryFingerprint(parts: {
  service: string;
  envs: readonly string[];
  levels: readonly string[];
  text: string;
}): string {
  const canonical = JSON.stringify([
    parts.service,
    [...parts.envs].sort(),
    [...parts.levels].sort(),
    parts.text,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function encodeCursor(state: CursorState): string {
  const body = { v: 1, q: state.query, s: state.window.start, e: state.window.end, p: state.positions };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const invalid = (): ParallaxError =>
  badInput('cursor', 'not a cursor returned by a previous page of this query');

/** Decodes and checks a cursor; anything not made by encodeCursor for this query is BAD_INPUT. */
export function decodeCursor(cursor: string, expectedQuery: string): CursorState {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.s > parsed.data.e) throw invalid();
  if (parsed.data.q !== expectedQuery)
    throw badInput('cursor', 'belongs to a different query (service, envs, levels or text changed)');
  return {
    query: parsed.data.q,
    window: { start: parsed.data.s, end: parsed.data.e },
    positions: parsed.data.p,
  };
}

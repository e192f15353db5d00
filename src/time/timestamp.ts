import { badInput } from '../errors/index.js';
import { parseDuration } from './duration.js';

const RELATIVE_RE = /^now(?:-(.+))?$/;

/** Accepts RFC3339, Unix seconds (with fraction) or `now` / `now-1h`; returns epoch ms. */
export function parseTime(input: string, field: string, now: number = Date.now()): number {
  const text = input.trim();
  const rel = RELATIVE_RE.exec(text);
  if (rel) return rel[1] === undefined ? now : now - parseDuration(rel[1], field);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  throw badInput(field, `"${input}" is not a time (use RFC3339, Unix seconds or now-1h)`);
}

/** Unix seconds as Prometheus prints them. */
export const toUnixSeconds = (ms: number): number => ms / 1000;

import { badInput } from '../errors/index.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const DURATION_RE = /^(?:(\d+)(ms|s|m|h|d|w|y))+$/;
const PART_RE = /(\d+)(ms|s|m|h|d|w|y)/g;

/** Parses Prometheus-style durations (`90s`, `5m`, `1h30m`) or plain seconds (`15`, `0.5`) into ms. */
export function parseDuration(input: string, field: string): number {
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!DURATION_RE.test(text)) throw badInput(field, `"${input}" is not a duration (use e.g. 30s, 5m, 1h)`);
  let ms = 0;
  for (const [, n, unit] of text.matchAll(PART_RE)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms;
}

/** Formats ms as the shortest exact Prometheus duration (`300000` -> `5m`). */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

import type { Labels, RawQueryResult } from './types.js';
import { rawSeries } from './raw.js';

/**
 * One series of a raw answer with each sample located in its text: an HA merge picks samples by
 * time and copies their text, so no value is parsed or formatted again.
 */
export interface IndexedSeries {
  /** `{"metric":{...}` as Prometheus wrote it. */
  metric: string;
  labels: Labels;
  /** The whole series text. */
  text: string;
  /** Sample times, ms, ascending. */
  times: Float64Array;
  /** Sample i is `text.slice(bounds[2i], bounds[2i + 1])`: `[t,"v"]`. */
  bounds: Uint32Array;
}

const MARKER = { matrix: '},"values":[', vector: '},"value":[' } as const;
const [DIGIT_0, DIGIT_9, DOT, COMMA, QUOTE, OPEN, CLOSE, BRACE] = [48, 57, 46, 44, 34, 91, 93, 125];

/**
 * A series text (from rawSeries) indexed, or undefined when it is not as Prometheus writes it:
 * labels that are not strings, a sample that is not `[unix seconds,"value"]`, times out of order.
 */
export function indexSeries(text: string, type: 'vector' | 'matrix'): IndexedSeries | undefined {
  const close = text.startsWith('{"metric":{') ? text.indexOf(MARKER[type]) : -1;
  const labels = close < 0 ? undefined : labelsOf(text.slice('{"metric":'.length, close + 1));
  if (!labels) return undefined;
  // A matrix lists samples inside `[...]`; a vector's one sample starts right at the marker's `[`.
  let at = close + MARKER[type].length - (type === 'vector' ? 1 : 0);
  // A sample and its comma take at least 8 characters: room for all, without growing.
  const room = type === 'vector' ? 1 : Math.floor((text.length - at) / 8) + 1;
  const times = new Float64Array(room);
  const bounds = new Uint32Array(2 * room);
  let n = 0;
  if (type === 'vector' || text.charCodeAt(at) !== CLOSE)
    for (;;) {
      const end = n < room ? sampleEnd(text, at, times, n) : -1;
      if (end < 0 || (n > 0 && (times[n] as number) <= (times[n - 1] as number))) return undefined;
      bounds[2 * n] = at;
      bounds[2 * n + 1] = end;
      n++;
      at = end;
      if (type === 'vector' || text.charCodeAt(at) !== COMMA) break;
      at++;
    }
  if (type === 'matrix' && text.charCodeAt(at++) !== CLOSE) return undefined;
  if (at !== text.length - 1 || text.charCodeAt(at) !== BRACE) return undefined;
  return {
    metric: text.slice(0, close + 1),
    labels,
    text,
    times: times.subarray(0, n),
    bounds: bounds.subarray(0, 2 * n),
  };
}

/** Every series of a raw answer indexed; undefined if one is not as Prometheus writes it. */
export function indexAnswer(r: RawQueryResult): IndexedSeries[] | undefined {
  const texts = rawSeries(r);
  if (!texts) return undefined;
  const out: IndexedSeries[] = [];
  for (const text of texts.values()) {
    const s = indexSeries(text, r.resultType);
    if (!s) return undefined;
    out.push(s);
  }
  return out;
}

function labelsOf(json: string): Labels | undefined {
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    return Object.values(v).every((x) => typeof x === 'string') ? (v as Labels) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the sample `[t,"v"]` at `at` into times[n] (ms); the index just past it, or -1.
 * Times are read digit by digit (Prometheus writes at most 3 decimals); other spellings by Number.
 */
function sampleEnd(text: string, at: number, times: Float64Array, n: number): number {
  if (text.charCodeAt(at) !== OPEN) return -1;
  let i = at + 1;
  let sec = 0;
  let c = text.charCodeAt(i);
  for (; c >= DIGIT_0 && c <= DIGIT_9; c = text.charCodeAt(++i)) sec = sec * 10 + c - DIGIT_0;
  let ms = i > at + 1 ? sec * 1000 : NaN;
  if (c === DOT) {
    let scale = 100;
    for (c = text.charCodeAt(++i); c >= DIGIT_0 && c <= DIGIT_9; c = text.charCodeAt(++i)) {
      ms += (c - DIGIT_0) * scale;
      scale /= 10;
    }
    if (scale === 100 || scale < 1) ms = NaN;
  }
  if (c !== COMMA) {
    const comma = text.indexOf(',', i);
    if (comma < 0) return -1;
    ms = Math.round(Number(text.slice(at + 1, comma)) * 1000);
    i = comma;
  } else if (Number.isNaN(ms)) ms = Math.round(Number(text.slice(at + 1, i)) * 1000);
  if (!Number.isFinite(ms) || text.charCodeAt(i + 1) !== QUOTE) return -1;
  times[n] = ms;
  const quote = text.indexOf('"', i + 2);
  return quote > 0 && text.charCodeAt(quote + 1) === CLOSE ? quote + 2 : -1;
}

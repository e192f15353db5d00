import type { RawQueryResult } from './types.js';

// Prometheus writes its success body in one fixed layout; only that layout takes the text path.
const PREFIX = '{"status":"success","data":{"resultType":"';
const RESULT = '","result":';

/**
 * The `result` array of a vector or matrix success body, unparsed, or undefined when the body is
 * anything else (warnings, infos, scalar, string, error, another layout): those are parsed.
 * A JSON string cannot hold an unescaped `"`, so the fixed markers can only be structure.
 */
export function rawResult(text: string): RawQueryResult | undefined {
  const body = text.trimEnd();
  if (!body.startsWith(PREFIX) || !body.endsWith(']}}')) return undefined;
  const typeEnd = body.indexOf(RESULT, PREFIX.length);
  const resultType = body.slice(PREFIX.length, typeEnd);
  if (resultType !== 'vector' && resultType !== 'matrix') return undefined;
  const result = body.slice(typeEnd + RESULT.length, -2);
  if (!result.startsWith('[') || (result.length > 2 && !result.startsWith('[{"metric":{'))) return undefined;
  return shapeOk(result, resultType) ? { raw: true, resultType, result } : undefined;
}

const SERIES = '{"metric":{';
const SAMPLE = String.raw`\[-?[\d.e+]+,"[^"]*"\]`;
// Sticky: tried right where a series' metric object ends.
const FIRST_SAMPLE = {
  matrix: new RegExp(String.raw`\},"values":\[(?:\]|${SAMPLE})`, 'y'),
  vector: new RegExp(String.raw`\},"value":${SAMPLE}`, 'y'),
};

/**
 * Shape, not every point: each series has a metric and, before the next series, a well-formed
 * first sample (or none). One walk from series to series (a split or a global regex over a 6 MB
 * answer costs several milliseconds).
 */
function shapeOk(result: string, type: 'vector' | 'matrix'): boolean {
  const first = FIRST_SAMPLE[type];
  for (let at = result.indexOf(SERIES); at >= 0;) {
    const next = result.indexOf(SERIES, at + SERIES.length);
    const close = result.indexOf('},"value', at + SERIES.length);
    if (close < 0 || (next >= 0 && close > next)) return false;
    first.lastIndex = close;
    if (!first.test(result)) return false;
    at = next;
  }
  return true;
}

/**
 * The series of a raw result as texts (`{"metric":{...},"values":[...]}`), keyed by their metric
 * text. Structure only, by the same markers as rawResult: a JSON string holds no unescaped `"`.
 * Undefined for a layout it does not know (a series without its samples marker, a repeated metric).
 */
export function rawSeries(r: RawQueryResult): Map<string, string> | undefined {
  const metricEnd = r.resultType === 'matrix' ? '},"values":[' : '},"value":[';
  const out = new Map<string, string>();
  let at = r.result.indexOf(SERIES);
  while (at >= 0) {
    const next = r.result.indexOf(SERIES, at + SERIES.length);
    // Up to the comma before the next series, or the closing bracket.
    const text = r.result.slice(at, next < 0 ? -1 : next - 1);
    const end = text.indexOf(metricEnd);
    const key = text.slice(0, end + 1);
    if (end < 0 || out.has(key)) return undefined;
    out.set(key, text);
    at = next;
  }
  return out;
}

/** Series texts (from rawSeries) as one raw result. */
export const joinRawSeries = (
  resultType: RawQueryResult['resultType'],
  series: readonly string[],
): RawQueryResult => ({
  raw: true,
  resultType,
  result: `[${series.join(',')}]`,
});

import { formatSampleValue, formatTimestamp } from './format.js';
import { withEnvLabel } from './labels.js';
import type { Labels, Point, QueryData, Series } from './types.js';

/** A query answer as Prometheus' JSON: `result` is the array text, spliced as is by the surface. */
export interface QueryJson {
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  result: string;
}

// Values are digits, "NaN", "+Inf" or "-Inf": no character needs JSON escaping inside the quotes.
const sample = (p: Point): string => `[${formatTimestamp(p.t)},"${formatSampleValue(p.v)}"]`;

/** Written straight to a string: building [t, "v"] arrays only to stringify them doubles the CPU time. */
export function queryDataJson(d: QueryData): QueryJson {
  switch (d.type) {
    case 'matrix':
      return {
        resultType: 'matrix',
        result: `[${d.series.map((s) => `{"metric":${JSON.stringify(s.labels)},"values":[${s.points.map(sample).join(',')}]}`).join(',')}]`,
      };
    case 'vector':
      return {
        resultType: 'vector',
        result: `[${d.series
          .flatMap((s: Series) =>
            s.points.slice(-1).map((p) => `{"metric":${JSON.stringify(s.labels)},"value":${sample(p)}}`),
          )
          .join(',')}]`,
      };
    case 'scalar':
      return { resultType: 'scalar', result: sample(d.point) };
    case 'string':
      return { resultType: 'string', result: JSON.stringify([formatTimestamp(d.t), d.value]) };
  }
}

const METRIC = '{"metric":{';
// Ends a series' metric object: it holds a quote, so inside a JSON string it would be escaped.
const METRIC_END = '},"value';

/**
 * Adds the env label to every series of a `result` array as Prometheus wrote it, without parsing
 * the samples. `{"metric":{` can only be structure (a JSON string holds no unescaped quote); a
 * series that already has the label (its value moves to exported_<label>) takes the parsed way.
 * One walk from metric to metric: a whole-text search for the label costs 3x the walk on 6 MB.
 */
export function injectEnvLabel(result: string, envLabel: string, env: string): string {
  const label = `${JSON.stringify(envLabel)}:`;
  const pair = `${label}${JSON.stringify(env)}`;
  const parts: string[] = [];
  let from = 0;
  for (let at = result.indexOf(METRIC); at >= 0; at = result.indexOf(METRIC, from)) {
    const open = at + METRIC.length;
    const close = result.indexOf(METRIC_END, open);
    if (close < 0 || result.slice(open, close).includes(label)) return relabelParsed(result, envLabel, env);
    parts.push(result.slice(from, open), close === open ? pair : `${pair},`);
    from = open;
  }
  if (parts.length === 0) return result;
  parts.push(result.slice(from));
  return parts.join('');
}

function relabelParsed(result: string, envLabel: string, env: string): string {
  const series = JSON.parse(result) as Array<{ metric: Labels }>;
  for (const s of series) s.metric = withEnvLabel(s.metric, envLabel, env);
  return JSON.stringify(series);
}

/** Result arrays of several envs as one array. */
export function concatResults(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] as string;
  const inner = parts.map((p) => p.slice(1, -1)).filter((p) => p.length > 0);
  return `[${inner.join(',')}]`;
}

import { parseDuration } from '../time/index.js';
import { promqlRegexAlternatives } from './escape.js';
import { nodeText, parsePromQL } from './parse.js';

/** What tells, per timestamp, how complete a server's data behind a query is. */
export interface FreshnessProbe {
  /** The query's vector selectors, whose raw samples the HA group reads from each replica. */
  selectors: string[];
  /** How far back a point of the query looks at raw samples (range + offset + lookback), in ms. */
  windowMs: number;
  /**
   * Present when the query has one selector and every label of an output series is a label of the
   * input series behind it (aggregations, label-keeping functions): the selector narrowed to the
   * inputs of the given output series, or undefined when they cannot be written as matchers.
   */
  narrow?: (series: readonly Readonly<Record<string, string>>[]) => string[] | undefined;
}

/** Functions whose output labels are all labels of their input series (the metric name aside). */
const LABELS_FROM_INPUT = new Set([
  'histogram_quantile',
  ...['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'resets', 'changes', 'predict_linear'],
  ...['abs', 'ceil', 'floor', 'round', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'timestamp'],
  ...['clamp', 'clamp_min', 'clamp_max', 'sort', 'sort_desc'],
  ...['avg', 'min', 'max', 'sum', 'count', 'last', 'present', 'stddev', 'stdvar', 'quantile'].map(
    (f) => `${f}_over_time`,
  ),
]);
// A binary operator can copy labels from its other side (group_left); count_values makes one.
const LABELS_MADE = new Set(['BinaryExpr', 'SubqueryExpr']);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_NARROWED = 64;

const LOOKBACK_MS = 5 * 60_000;
const MAX_SELECTORS = 8;

/**
 * The freshness probe of a query, or undefined when one cannot be built (no selector, `@`, too
 * many selectors). Read from every replica of an HA group whose answers differ, the selectors' raw
 * samples show where each replica has gaps, so the merge takes each timestamp from a replica whose
 * window is complete.
 */
export function freshnessProbe(query: string): FreshnessProbe | undefined {
  const q = parsePromQL(query);
  const selectors = new Set<string>();
  let rangeMs = 0;
  let offsetMs = 0;
  let subqueryMs = 0;
  let pinned = false;
  let fromInput = true;
  const duration = (text: string): number => parseDuration(text, 'query');
  q.tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.name === 'StepInvariantExpr') pinned = true;
      if (LABELS_MADE.has(ref.name)) fromInput = false;
      const fn = ref.name === 'FunctionCall' ? node.getChild('FunctionIdentifier') : null;
      if (ref.name === 'FunctionCall' && !(fn && LABELS_FROM_INPUT.has(nodeText(q, fn)))) fromInput = false;
      const op = ref.name === 'AggregateExpr' ? node.getChild('AggregateOp') : null;
      if (op && nodeText(q, op) === 'count_values') fromInput = false;
      if (ref.name === 'VectorSelector') selectors.add(nodeText(q, node));
      const span = node.getChild('DurationExpr');
      if (ref.name === 'MatrixSelector' && span) rangeMs = Math.max(rangeMs, duration(nodeText(q, span)));
      if (ref.name === 'SubqueryExpr' && span) subqueryMs = Math.max(subqueryMs, duration(nodeText(q, span)));
      const off = node.getChild('OffsetDurationExpr');
      if (ref.name === 'OffsetExpr' && off)
        offsetMs = Math.max(offsetMs, Math.abs(duration(nodeText(q, off))));
    },
  });
  if (pinned || selectors.size === 0 || selectors.size > MAX_SELECTORS) return undefined;
  const probe = {
    selectors: [...selectors],
    windowMs: Math.max(rangeMs, LOOKBACK_MS) + subqueryMs + offsetMs,
  };
  const [only] = probe.selectors;
  if (!fromInput || only === undefined || selectors.size !== 1) return probe;
  return { ...probe, narrow: (series) => narrowSelector(only, series) };
}

/**
 * The selector with one regex matcher per label of the given output series (their values as literal
 * alternatives, "" where one lacks the label): it selects every input series behind them, since their
 * labels are input labels, and fewer others than the whole selector.
 */
export function narrowSelector(
  selector: string,
  series: readonly Readonly<Record<string, string>>[],
): string[] | undefined {
  if (series.length === 0 || series.length > MAX_NARROWED) return undefined;
  const names = [...new Set(series.flatMap((s) => Object.keys(s)))].filter((n) => n !== '__name__').sort();
  if (!names.every((n) => LABEL_NAME.test(n))) return undefined;
  const matchers = names.map(
    (n) => `${n}=~${promqlRegexAlternatives([...new Set(series.map((s) => s[n] ?? ''))])}`,
  );
  if (matchers.length === 0) return [selector];
  const text = selector.trimEnd();
  if (!text.endsWith('}')) return [`${text}{${matchers.join(',')}}`];
  const inner = text.slice(0, -1).trimEnd();
  return [`${inner}${inner.endsWith('{') || inner.endsWith(',') ? '' : ','}${matchers.join(',')}}`];
}

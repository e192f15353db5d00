import { parseDuration } from '../time/index.js';
import { nodeText, parsePromQL } from './parse.js';

/** A query that tells, per timestamp, how fresh a server's data behind `query` is. */
export interface FreshnessProbe {
  /** Latest raw sample timestamp (unix s) behind the query's selectors, the stalest selector winning. */
  query: string;
  /** How far back a point of the query looks at raw samples (range + offset + lookback), in ms. */
  windowMs: number;
}

const LOOKBACK_MS = 5 * 60_000;
const MAX_SELECTORS = 8;
const PROBE_LABEL = '__parallax_probe';

/**
 * The freshness probe of a query, or undefined when one cannot be built (no selector, `@`, too
 * many selectors). Sent to every replica of an HA group whose answers differ, it shows where each
 * replica has gaps, so the merge takes each timestamp from a replica whose window is complete.
 */
export function freshnessProbe(query: string): FreshnessProbe | undefined {
  const q = parsePromQL(query);
  const selectors = new Set<string>();
  let rangeMs = 0;
  let offsetMs = 0;
  let subqueryMs = 0;
  let pinned = false;
  const duration = (text: string): number => parseDuration(text, 'query');
  q.tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.name === 'StepInvariantExpr') pinned = true;
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
  const latest = [...selectors].map((s) => `max(timestamp(${s}))`);
  const probe =
    latest.length === 1
      ? (latest[0] as string)
      : `min(${latest.map((l, i) => `label_replace(${l}, "${PROBE_LABEL}", "${i}", "__name__", ".*")`).join(' or ')})`;
  return { query: probe, windowMs: Math.max(rangeMs, LOOKBACK_MS) + subqueryMs + offsetMs };
}

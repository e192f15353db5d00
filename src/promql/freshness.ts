import { parseDuration } from '../time/index.js';
import { nodeText, parsePromQL } from './parse.js';

/** What tells, per timestamp, how complete a server's data behind a query is. */
export interface FreshnessProbe {
  /** The query's vector selectors, whose raw samples the HA group reads from each replica. */
  selectors: string[];
  /** How far back a point of the query looks at raw samples (range + offset + lookback), in ms. */
  windowMs: number;
}

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
  return { selectors: [...selectors], windowMs: Math.max(rangeMs, LOOKBACK_MS) + subqueryMs + offsetMs };
}

import type { SpanKind } from '../../traces/index.js';

/** A server span contains its children's time: prefer a child that explains at least this share. */
export const CHILD_SHARE = 0.5;

/**
 * From moves sorted worst first: the top one, or, when that is a server span, the first child span
 * explaining at least CHILD_SHARE of its move — `redis GET`, not the endpoint calling it.
 */
export function childFirst<T extends { spanKind: SpanKind }>(
  sorted: readonly T[],
  delta: (move: T) => number,
): T | undefined {
  const top = sorted[0];
  if (!top || top.spanKind !== 'server') return top;
  return sorted.find((m) => m.spanKind !== 'server' && delta(m) >= CHILD_SHARE * delta(top)) ?? top;
}

import { indexSeries, rawSeries } from '../../backends/prometheus/index.js';
import type { IndexedSeries, RawQueryResult } from '../../backends/prometheus/index.js';
import { labelKey } from '../../series/index.js';
import type { SeriesById } from './differing.js';

/** One replica's answer as text, tagged with the replica it came from. */
export interface Tagged<T> {
  tag: T;
  answer: RawQueryResult;
}

export interface Split<T> {
  resultType: RawQueryResult['resultType'];
  /** Series every replica wrote with the same text. */
  agreed: string[];
  /** Each usable replica's other series, indexed, by label key. */
  rest: { tag: T; series: SeriesById }[];
  /** Answers not as Prometheus writes them (a repeated series, a malformed sample): left out. */
  dropped: number;
}

/**
 * The series every replica wrote alike, split from the rest. They agree at every point and add the
 * same count to every replica at each time, so the merge of the rest picks the same owners as the
 * merge of everything: they pass through as text, and only the series that differ are indexed.
 */
export function splitAnswers<T>(
  answers: readonly Tagged<T>[],
  resultType: RawQueryResult['resultType'],
): Split<T> {
  const texts = answers.flatMap(({ tag, answer }) => {
    const m = answer.resultType === resultType ? rawSeries(answer) : undefined;
    return m ? [{ tag, m }] : [];
  });
  const [first, ...others] = texts.map((t) => t.m);
  const agreedKeys = new Set(
    [...(first ?? [])].filter(([key, text]) => others.every((m) => m.get(key) === text)).map(([k]) => k),
  );
  const rest = texts.flatMap(({ tag, m }) => {
    const differing = [...m].filter(([key]) => !agreedKeys.has(key)).map(([, text]) => text);
    const series = indexAll(differing, resultType);
    return series ? [{ tag, series }] : [];
  });
  const agreed = [...agreedKeys].map((key) => first?.get(key) as string);
  return { resultType, agreed, rest, dropped: answers.length - rest.length };
}

function indexAll(texts: readonly string[], type: RawQueryResult['resultType']): SeriesById | undefined {
  const out = new Map<string, IndexedSeries>();
  for (const text of texts) {
    const s = indexSeries(text, type);
    const key = s && labelKey(s.labels);
    if (!s || key === undefined || out.has(key)) return undefined;
    out.set(key, s);
  }
  return out;
}

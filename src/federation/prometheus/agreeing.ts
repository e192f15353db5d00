import { joinRawSeries, rawSeries } from '../../backends/prometheus/index.js';
import type { QueryResult, RawQueryResult } from '../../backends/prometheus/index.js';
import { concatResults, queryDataJson, seriesOf } from '../../series/index.js';
import type { Answer } from './codec.js';

export interface Agreeing {
  resultType: RawQueryResult['resultType'];
  /** Series every replica wrote with the same text. */
  agreed: string[];
  /** Each replica's answer without them. */
  rest: RawQueryResult[];
}

/**
 * The series every replica wrote alike, split from the rest. They agree at every point and add the
 * same count to every replica at each time, so the merge of the rest picks the same owners as the
 * merge of everything: they pass through as text, and only the series that differ are parsed.
 * Undefined when no series agrees or an answer is not text.
 */
export function agreeingSeries(answers: readonly Answer[]): Agreeing | undefined {
  const raw = answers.filter((a): a is RawQueryResult => 'raw' in a);
  const resultType = raw[0]?.resultType;
  if (!resultType || raw.length !== answers.length || raw.some((a) => a.resultType !== resultType))
    return undefined;
  const split = raw.map(rawSeries);
  if (!split.every((m) => m !== undefined)) return undefined;
  const [first, ...others] = split;
  if (!first) return undefined;
  const agreedKeys = [...first]
    .filter(([key, text]) => others.every((m) => m.get(key) === text))
    .map(([key]) => key);
  if (agreedKeys.length === 0) return undefined;
  const agreedSet = new Set(agreedKeys);
  const rest = [first, ...others].map((m) =>
    joinRawSeries(
      resultType,
      [...m].filter(([key]) => !agreedSet.has(key)).map(([, text]) => text),
    ),
  );
  return { resultType, agreed: agreedKeys.map((key) => first.get(key) as string), rest };
}

/** The merged answer of the differing series with the agreeing ones put back; text when it has no warnings. */
export function withAgreeing(
  merged: QueryResult,
  split: Agreeing,
  parse: (a: Answer) => QueryResult,
): Answer {
  const type = split.resultType;
  const agreed = joinRawSeries(type, split.agreed);
  const series = seriesOf(merged.data);
  if (merged.warnings.length === 0)
    return {
      raw: true,
      resultType: type,
      result: concatResults([agreed.result, queryDataJson({ type, series }).result]),
    };
  return { data: { type, series: [...seriesOf(parse(agreed).data), ...series] }, warnings: merged.warnings };
}

import type { estypes } from '@elastic/elasticsearch';
import type { LogFields } from '../../config/index.js';
import { levelVariants } from './levels.js';
import type { LogFilter, SortValues } from './types.js';

// The client's ExactlyOne<> container type admits `undefined`, which SearchRequest then refuses.
type Query = NonNullable<estypes.QueryDslQueryContainer>;

/**
 * User text is matched as plain words: only whitespace is an operator, so quotes, `OR`, `field:`,
 * `*` and brackets are searched literally and can never make a query syntax error.
 */
export function textQuery(text: string, messageField: string): Query {
  return {
    simple_query_string: {
      query: text,
      fields: [messageField],
      default_operator: 'and',
      flags: 'WHITESPACE',
      analyze_wildcard: false,
      lenient: true,
    },
  };
}

/** The filter every log request shares: service, time window, levels and text. */
export function logFilterQuery(filter: LogFilter, fields: LogFields): Query {
  const clauses: Query[] = [
    { term: { [fields.service]: filter.service } },
    { range: { [fields.timestamp]: { gte: filter.start, lte: filter.end, format: 'epoch_millis' } } },
  ];
  if (filter.levels && filter.levels.length > 0) {
    clauses.push({ terms: { [fields.level]: filter.levels.flatMap(levelVariants) } });
  }
  const text = filter.text?.trim();
  return { bool: { filter: clauses, ...(text ? { must: [textQuery(text, fields.message)] } : {}) } };
}

/** Newest first; `_doc` breaks ties between lines of the same millisecond. */
export function newestFirst(fields: LogFields): estypes.SortCombinations[] {
  return [{ [fields.timestamp]: { order: 'desc' } }, { _doc: { order: 'desc' } }];
}

/** Times come back as epoch ms whatever the mapping's date format. */
export function timestampField(fields: LogFields): estypes.QueryDslFieldAndFormat {
  return { field: fields.timestamp, format: 'epoch_millis' };
}

export interface PageRequest {
  size: number;
  searchAfter?: SortValues;
}

export function searchRequest(
  index: string,
  filter: LogFilter,
  fields: LogFields,
  page: PageRequest,
): estypes.SearchRequest {
  return {
    index,
    query: logFilterQuery(filter, fields),
    sort: newestFirst(fields),
    size: page.size,
    track_total_hits: false,
    fields: [timestampField(fields)],
    ...(page.searchAfter ? { search_after: page.searchAfter } : {}),
  };
}

/** Lines for pattern mining: only the fields the miner reads. */
export function sampleRequest(
  index: string,
  filter: LogFilter,
  fields: LogFields,
  page: PageRequest & { countTotal: boolean },
): estypes.SearchRequest {
  return {
    ...searchRequest(index, filter, fields, page),
    _source: [fields.message, fields.traceId],
    track_total_hits: page.countTotal,
  };
}

export interface Buckets {
  start: number;
  /** Start of the last bucket. */
  end: number;
  step: number;
}

/** Counts per fixed step and level; empty buckets in the range come back as zeros. */
export function volumeRequest(
  index: string,
  filter: Omit<LogFilter, 'start' | 'end'>,
  fields: LogFields,
  buckets: Buckets,
): estypes.SearchRequest {
  const window = { ...filter, start: buckets.start, end: buckets.end + buckets.step - 1 };
  return {
    index,
    size: 0,
    track_total_hits: false,
    query: logFilterQuery(window, fields),
    aggs: {
      volume: {
        date_histogram: {
          field: fields.timestamp,
          fixed_interval: `${buckets.step}ms`,
          min_doc_count: 0,
          extended_bounds: { min: buckets.start, max: buckets.end },
        },
        aggs: { levels: { terms: { field: fields.level, size: 50 } } },
      },
    },
  };
}

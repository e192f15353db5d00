import { ParallaxError } from '../../errors/index.js';
import { EsConnection } from './client.js';
import { emptyLevelCounts, toLogLevel } from './levels.js';
import { sampleRequest, searchRequest, volumeRequest, type Buckets } from './query.js';
import { toLogRecord, toSampledLine } from './record.js';
import {
  partialReason,
  searchResponseSchema,
  totalOf,
  volumeResponseSchema,
  type VolumeResponse,
} from './response.js';
import type {
  ElasticsearchEnvOptions,
  LogFilter,
  LogHit,
  LogSearchResult,
  MessageSample,
  SampledLine,
  SortValues,
  VolumeBucket,
} from './types.js';

/** Largest page read while sampling (below the default `index.max_result_window` of 10,000). */
const SAMPLE_PAGE = 5000;

/** The log operations Parallax needs from one env's Elasticsearch, with normalised results. */
export class ElasticsearchLogs {
  private readonly conn: EsConnection;

  constructor(readonly opts: ElasticsearchEnvOptions) {
    this.conn = new EsConnection(opts);
  }

  get env(): string {
    return this.opts.env;
  }

  get wireVersion(): 8 | 9 | undefined {
    return this.conn.wireVersion;
  }

  /** Newest lines first, `size` of them after `searchAfter` (a previous hit's `sort`). */
  async search(
    filter: LogFilter,
    page: { size: number; searchAfter?: SortValues },
    signal: AbortSignal,
  ): Promise<LogSearchResult> {
    const { index, fields, env } = this.opts;
    const res = await this.conn.search(
      searchRequest(index, filter, fields, page),
      searchResponseSchema,
      signal,
    );
    const hits: LogHit[] = [];
    for (const hit of res.hits.hits) {
      const record = toLogRecord(hit, env, fields);
      if (!record || !hit.sort) throw this.invalid('a hit has no time or sort values');
      hits.push({ record, sort: hit.sort });
    }
    const partial = partialReason(res);
    return { hits, ...(partial ? { partial } : {}) };
  }

  /** Line counts per bucket and level; every bucket of the range is present. */
  async volume(
    filter: Omit<LogFilter, 'start' | 'end'>,
    buckets: Buckets,
    signal: AbortSignal,
  ): Promise<VolumeBucket[]> {
    const { index, fields } = this.opts;
    const res = await this.conn.search(
      volumeRequest(index, filter, fields, buckets),
      volumeResponseSchema,
      signal,
    );
    return res.aggregations.volume.buckets.map(toVolumeBucket);
  }

  /** The newest `cap` lines (message, time, trace id) and how many match in all. */
  async sample(filter: LogFilter, cap: number, signal: AbortSignal): Promise<MessageSample> {
    const { index, fields } = this.opts;
    const lines: SampledLine[] = [];
    let total = 0;
    let searchAfter: SortValues | undefined;
    let partial: string | undefined;
    while (lines.length < cap) {
      const size = Math.min(SAMPLE_PAGE, cap - lines.length);
      const page = { size, countTotal: searchAfter === undefined, ...(searchAfter ? { searchAfter } : {}) };
      const res = await this.conn.search(
        sampleRequest(index, filter, fields, page),
        searchResponseSchema,
        signal,
      );
      if (page.countTotal) total = totalOf(res);
      partial ??= partialReason(res);
      for (const hit of res.hits.hits) {
        const line = toSampledLine(hit, fields);
        if (line) lines.push(line);
      }
      const last = res.hits.hits.at(-1);
      if (res.hits.hits.length < size || !last?.sort) break;
      searchAfter = last.sort;
    }
    return { lines, total: Math.max(total, lines.length), ...(partial ? { partial } : {}) };
  }

  async health(signal: AbortSignal): Promise<{ status: string }> {
    return this.conn.health(signal);
  }

  async close(): Promise<void> {
    await this.conn.close();
  }

  private invalid(detail: string): ParallaxError {
    return new ParallaxError('BACKEND_INVALID_RESPONSE', `elasticsearch of env ${this.env}: ${detail}`, {
      env: this.env,
      backend: 'elasticsearch',
    });
  }
}

type EsVolumeBucket = VolumeResponse['aggregations']['volume']['buckets'][number];

function toVolumeBucket(bucket: EsVolumeBucket): VolumeBucket {
  const levels = emptyLevelCounts();
  let known = 0;
  for (const { key, doc_count } of bucket.levels.buckets) {
    const level = toLogLevel(String(key));
    if (!level) continue;
    levels[level] += doc_count;
    known += doc_count;
  }
  // Lines without a level, or with one outside the closed set.
  levels.other = bucket.doc_count - known;
  return { time: bucket.key, total: bucket.doc_count, levels };
}

import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** What a query asks the gateway for; each maps to one GraphQL field (see queries.ts). */
export const QUERY_TYPES = [
  'signals',
  'compare',
  'operations',
  'logPatterns',
  'migration',
  'verdicts',
  'traces',
  'logs',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** The GraphQL `Signal` enum; the editor reads the live list from the schema. */
export const DEFAULT_SIGNALS = ['REQUEST_RATE', 'ERROR_RATIO', 'LATENCY_P50', 'LATENCY_P99'] as const;

export interface ParallaxQuery extends DataQuery {
  queryType?: QueryType;
  /** Service name; template variables such as `$service` are interpolated. */
  service?: string;
  /** Envs of signals, traces and logs queries (all envs when empty); `$env` expands to each value. */
  envs?: string[];
  /** Compare-based types: the old and the new side (`$baseline`, `$candidate`). */
  baseline?: string[];
  candidate?: string[];
  signals?: string[];
  /** traces: search filters, or one trace by id. */
  operation?: string;
  minDuration?: string;
  traceId?: string;
  order?: 'NEWEST' | 'SLOWEST';
  /** logs: levels and plain words. */
  levels?: string[];
  text?: string;
  limit?: number;
  /** compare: only this frame (a stat or table panel shows one); all three when unset. */
  part?: ComparePart;
  /** verdicts: windows the range is cut into, each compared on its own (1-12). */
  windows?: number;
}

export const COMPARE_PARTS = ['verdict', 'signals', 'culprits'] as const;
export type ComparePart = (typeof COMPARE_PARTS)[number];

export const DEFAULT_QUERY: Partial<ParallaxQuery> = {
  queryType: 'signals',
  signals: [...DEFAULT_SIGNALS],
};

/** Saved in the datasource's jsonData: where the gateway is (the proxy route reads it). */
export interface ParallaxOptions extends DataSourceJsonData {
  gatewayUrl?: string;
}

/** Kept encrypted by Grafana; only the proxy route sees it. */
export interface ParallaxSecureOptions {
  token?: string;
}

export interface EnvInfo {
  name: string;
  labels: Array<{ name: string; value: string }>;
  backends: string[];
}

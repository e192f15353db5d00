import type { BackendKind } from '../../errors/index.js';

/** Where and how to reach one backend of one env. Built from config only: never from a request. */
export interface HttpTarget {
  env: string;
  backend: BackendKind;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** PEM of the CA that signs the backend's certificate (config `caFile`). */
  ca?: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Path below the base URL; callers encode dynamic segments with encodeURIComponent. */
  path: string;
  query?: URLSearchParams;
  form?: URLSearchParams;
  json?: unknown;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

export interface HttpText {
  status: number;
  text: string;
}

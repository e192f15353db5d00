import { getBackendSrv, type FetchResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

/** A GraphQL error as the gateway sends it: per-env failures carry env and backend. */
export interface GatewayError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; env?: string; backend?: string; field?: string };
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: GatewayError[];
}

/**
 * The gateway over Grafana's data proxy: `base` is the datasource's proxy URL plus the `parallax`
 * route of plugin.json, which adds the gateway URL and the bearer token on Grafana's server side.
 */
export class Gateway {
  constructor(private readonly base: string) {}

  async graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
    const res = await lastValueFrom(
      getBackendSrv().fetch<GraphQLAnswer<T>>({
        url: `${this.base}/graphql`,
        method: 'POST',
        data: { query, variables },
        headers: { 'content-type': 'application/json' },
        // Partial answers (200 with errors) are data; Grafana must not toast them.
        showErrorAlert: false,
      }),
    );
    return res.data;
  }

  async get<T>(path: string): Promise<FetchResponse<T>> {
    return lastValueFrom(
      getBackendSrv().fetch<T>({ url: `${this.base}${path}`, method: 'GET', showErrorAlert: false }),
    );
  }
}

/** Errors that name an env are partial: the healthy envs' data still draws. */
export const isPartial = (e: GatewayError): boolean => typeof e.extensions?.env === 'string';

export function noticeText(e: GatewayError): string {
  const where = [e.extensions?.env, e.extensions?.backend].filter(Boolean).join(' ');
  const code = e.extensions?.code ? `${e.extensions.code}: ` : '';
  return where ? `${where}: ${code}${e.message}` : `${code}${e.message}`;
}

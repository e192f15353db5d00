import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

/**
 * Grafana's fetch, replaced by the browser's real HTTP client. Requests go to the test server's
 * `/api/datasources/proxy/...` path, which plays Grafana's data proxy (plugin.json routes).
 */
export function realFetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const controller = new AbortController();
    const hasBody = options.data !== undefined && options.method !== 'GET';
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (hasBody) headers['content-type'] ??= 'application/json';
    fetch(options.url, {
      method: options.method ?? 'GET',
      headers,
      signal: controller.signal,
      ...(hasBody
        ? { body: typeof options.data === 'string' ? options.data : JSON.stringify(options.data) }
        : {}),
    })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          /* a non-JSON body stays text */
        }
        const response = {
          data: data as T,
          status: res.status,
          statusText: res.statusText,
          ok: res.ok,
          headers: res.headers,
          redirected: res.redirected,
          type: res.type,
          url: res.url,
          config: options,
        } as FetchResponse<T>;
        // Like Grafana's BackendSrv: a non-2xx status is an error carrying the response.
        if (!res.ok) subscriber.error(response);
        else {
          subscriber.next(response);
          subscriber.complete();
        }
      })
      .catch((err: unknown) => subscriber.error(err));
    return () => controller.abort();
  });
}

export const backendSrv = { fetch: realFetch } as unknown as BackendSrv;

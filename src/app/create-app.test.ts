import { describe, expect, it } from 'vitest';
import { configSchema, withListenOverrides } from '../config/index.js';
import { createApp } from './create-app.js';

const config = configSchema.parse({
  server: { logLevel: 'silent' },
  envs: [{ name: 'kr-vm', prometheus: { url: 'http://127.0.0.1:1' } }],
});

describe('the app', () => {
  it('labels its request metrics with a closed set, never a client-chosen name or path', async () => {
    const { app } = createApp(config);
    await app.request('/zz-client-path-123');
    await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ClientNameXyz { envs { name } }',
        operationName: 'ClientNameXyz',
      }),
    });
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('parallax_http_requests_total{surface="other",status="4xx"} 1');
    expect(text).toContain('parallax_http_requests_total{surface="graphql",status="2xx"} 1');
    expect(text).toContain('parallax_graphql_operations_total{operation="envs",type="query",outcome="ok"} 1');
    expect(text).not.toContain('zz-client-path-123');
    expect(text).not.toContain('ClientNameXyz');
  });

  it('answers /readyz 503 once draining (SIGTERM), before the listener closes', async () => {
    const lifecycle = { draining: false };
    const { app } = createApp(config, { lifecycle });
    expect((await app.request('/readyz')).status).toBe(200);
    lifecycle.draining = true;
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'draining', envs: [] });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('listens where PARALLAX_HOST / PARALLAX_PORT say (the image and its healthcheck use them)', () => {
    const c = withListenOverrides(config, { PARALLAX_HOST: '0.0.0.0', PARALLAX_PORT: '9555' });
    expect([c.server.host, c.server.port]).toEqual(['0.0.0.0', 9555]);
    expect(withListenOverrides(config, {}).server.host).toBe('127.0.0.1');
    expect(() => withListenOverrides(config, { PARALLAX_PORT: 'http' })).toThrow(/PARALLAX_PORT/);
  });
  it("shows each backend's circuit breaker in GraphQL envs { health }, as /metrics does", async () => {
    const refused = 'http://127.0.0.1:1';
    const { app } = createApp(
      configSchema.parse({
        server: { logLevel: 'silent' },
        federation: { breakerThreshold: 2 },
        envs: [
          { name: 'kr-vm', prometheus: { url: refused }, traces: { kind: 'jaeger', url: refused } },
          { name: 'kr-k8s', prometheus: { url: refused } },
        ],
      }),
    );
    const query = encodeURIComponent('up{env="kr-vm"}');
    for (let i = 0; i < 2; i++) await app.request(`/api/v1/query?query=${query}`);
    const res = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ envs { name health { backend state } } }' }),
    });
    expect(await res.json()).toEqual({
      data: {
        envs: [
          {
            name: 'kr-vm',
            health: [
              { backend: 'prometheus', state: 'open' },
              { backend: 'jaeger', state: 'closed' },
            ],
          },
          { name: 'kr-k8s', health: [{ backend: 'prometheus', state: 'closed' }] },
        ],
      },
    });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('parallax_circuit_breaker_open{env="kr-vm",backend="prometheus"} 1');
  });
});

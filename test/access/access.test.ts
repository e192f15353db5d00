import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVS, PAY_TOKEN, startAccessWorld, T0, TRACE, VALUE, VM_TOKEN, type AccessWorld } from './world.js';

const BIN = fileURLToPath(new URL('../../bin/parallax.js', import.meta.url));
let w: AccessWorld;
let vmJwt = '';
let adminJwt = '';

beforeAll(async () => {
  w = await startAccessWorld();
  vmJwt = await w.jwt({ sub: 'vm-person', realm: { roles: ['vm-reader'] } });
  adminJwt = await w.jwt({ sub: 'admin-person', realm: { roles: ['admin', 'unknown-role'] } });
}, 240_000);
afterAll(async () => w?.stop());

const auth = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };

function get(path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${w.url}${path}`, { headers: { ...auth(token), ...headers } });
}

interface Gql<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}
async function gql<T>(token: string | undefined, query: string): Promise<{ status: number; body: Gql<T> }> {
  const res = await fetch(`${w.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(token) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Gql<T> };
}

const sec = (ms: number): string => String(ms / 1000);
const RANGE = `{ start: "${sec(T0 - 5 * 60_000)}", end: "${sec(T0 + 5 * 60_000)}", step: "1m" }`;
const promQ = (q: string): string => `/api/v1/query?query=${encodeURIComponent(q)}&time=${sec(T0)}`;

interface PromBody {
  status: string;
  data: unknown;
}
const envsOfResult = (b: PromBody): string[] =>
  ((b.data as { result: Array<{ metric: Record<string, string> }> }).result ?? [])
    .map((r) => r.metric.env ?? '')
    .sort();

describe('authentication', () => {
  it('refuses every data surface without a token, with 401 and WWW-Authenticate', async () => {
    for (const path of [
      promQ('acl_gauge'),
      '/api/v1/label/env/values',
      `/api/traces/${TRACE['kr-vm']}`,
      '/api/services',
      '/api/v1/incident-context?service=pay',
      `/graphql?query=${encodeURIComponent('{envs{name}}')}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await gql(undefined, '{ envs { name } }')).status).toBe(401);
  });

  it('serves the playground page and /healthz without a token', async () => {
    const page = await get('/graphql', undefined, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await get('/healthz')).status).toBe(200);
  });

  it('rejects an expired JWT, a wrong audience, a foreign key and a wrong static token', async () => {
    const expired = await w.jwt({ realm: { roles: ['admin'] } }, { expSeconds: -60 });
    const wrongAud = await w.jwt({ realm: { roles: ['admin'] } }, { audience: 'someone-else' });
    const foreign = await w.jwt({ realm: { roles: ['admin'] } }, { key: w.strangerKey });
    const cases: Array<[string, RegExp]> = [
      [expired, /expired/],
      [wrongAud, /claim aud invalid/],
      [foreign, /no matching key|bad signature/],
      ['not-a-token', /missing or wrong bearer token/],
    ];
    for (const [token, message] of cases) {
      const res = await get(promQ('acl_gauge'), token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('answers 403 to a valid JWT whose roles this gateway does not know', async () => {
    const nobody = await w.jwt({ realm: { roles: ['intern'] } });
    const res = await get(promQ('acl_gauge'), nobody);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });
});

describe('a caller allowed kr-vm only sees nothing of kr-k8s', () => {
  const callers = (): Array<[string, string]> => [
    ['static token', VM_TOKEN],
    ['JWT', vmJwt],
  ];

  it('GraphQL envs, queryRange with env=~".*", an explicit denied env, trace lookup and logs', async () => {
    for (const [who, token] of callers()) {
      const envs = await gql<{ envs: { name: string }[] }>(token, '{ envs { name } }');
      expect(
        envs.body.data?.envs.map((e) => e.name),
        who,
      ).toEqual(['kr-vm']);

      const all = await gql<{
        queryRange: { series: { env: string; points: { value: number }[] }[]; envs: string[] };
      }>(
        token,
        `{ queryRange(query: "acl_gauge{env=~\\".*\\"}", range: ${RANGE}) { envs series { env points { value } } } }`,
      );
      expect(all.body.errors, who).toBeUndefined();
      expect(all.body.data?.queryRange.envs).toEqual(['kr-vm']);
      expect(all.body.data?.queryRange.series.map((s) => s.env)).toEqual(['kr-vm']);
      expect(all.body.data?.queryRange.series[0]?.points.every((p) => p.value === VALUE['kr-vm'])).toBe(true);

      const denied = await gql(
        token,
        `{ queryRange(query: "acl_gauge", envs: ["kr-k8s"], range: ${RANGE}) { envs } }`,
      );
      expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_ENV', field: 'envs' });
      expect(denied.body.errors?.[0]?.message).toContain('(known: kr-vm)');

      const cmp = await gql(
        token,
        `{ compare(service: "pay", baseline: ["kr-vm"], candidate: ["kr-k8s"], range: ${RANGE}) { verdict { verdict } } }`,
      );
      expect(cmp.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_ENV', field: 'candidate' });

      const trace = await gql<{ trace: { found: boolean; locations: { env: string }[] } }>(
        token,
        `{ trace(id: "${TRACE['kr-k8s']}") { found locations { env } } }`,
      );
      expect(trace.body.data?.trace).toEqual({ found: false, locations: [] });

      const logs = await gql<{ logs: { records: { env: string; message: string }[] } }>(
        token,
        `{ logs(service: "pay", range: ${RANGE}) { records { env message } } }`,
      );
      expect(logs.body.errors, who).toBeUndefined();
      expect(logs.body.data?.logs.records).toEqual([{ env: 'kr-vm', message: 'hello from kr-vm' }]);
    }
  });

  it('Prometheus API: queries, env matchers, label values and series stay inside kr-vm', async () => {
    for (const [who, token] of callers()) {
      const q = async (query: string) => (await (await get(promQ(query), token)).json()) as PromBody;
      expect(envsOfResult(await q('acl_gauge')), who).toEqual(['kr-vm']);
      expect(envsOfResult(await q('acl_gauge{env=~".*"}'))).toEqual(['kr-vm']);
      expect(envsOfResult(await q('acl_gauge{env="kr-k8s"}'))).toEqual([]);
      expect(envsOfResult(await q('sum by (env) (acl_gauge)'))).toEqual(['kr-vm']);
      const sum = (await q('sum(acl_gauge)')) as { data: { result: Array<{ value: [number, string] }> } };
      expect(sum.data.result[0]?.value[1]).toBe(String(VALUE['kr-vm']));

      const values = async (path: string) =>
        ((await (await get(path, token)).json()) as { data: string[] }).data;
      expect(await values('/api/v1/label/env/values')).toEqual(['kr-vm']);
      expect(await values('/api/v1/label/instance/values')).toEqual(['kr-vm-1']);
      expect(
        await values(`/api/v1/label/instance/values?match[]=${encodeURIComponent('{env=~"kr-k8s"}')}`),
      ).toEqual([]);
      const series = (await (await get(`/api/v1/series?match[]=acl_gauge`, token)).json()) as {
        data: Array<Record<string, string>>;
      };
      expect(series.data.map((s) => s.env)).toEqual(['kr-vm']);
    }
  });

  it('Jaeger API: a kr-k8s trace id is not found, services list kr-vm only', async () => {
    for (const [who, token] of callers()) {
      expect((await get(`/api/traces/${TRACE['kr-k8s']}`, token)).status, who).toBe(404);
      expect((await get(`/api/traces/${TRACE['kr-vm']}`, token)).status).toBe(200);
      const byIds = (await (await get(`/api/traces?traceID=${TRACE['kr-k8s']}`, token)).json()) as {
        data: unknown[];
      };
      expect(byIds.data).toEqual([]);
      const services = (await (await get('/api/services', token)).json()) as { data: string[] };
      expect(services.data).toEqual(['pay-kr-vm']);
      const envParam = await get(`/api/services?env=kr-k8s`, token);
      expect(envParam.status).toBe(400);
    }
  });

  it('REST incident context and /readyz', async () => {
    for (const [who, token] of callers()) {
      const res = await get('/api/v1/incident-context?service=pay&baseline=kr-vm&candidate=kr-k8s', token);
      expect(res.status, who).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: 'UNKNOWN_ENV', field: 'candidate' });
      const ready = (await (await get('/readyz', token)).json()) as { envs: string[] };
      expect(ready.envs).toEqual(['kr-vm']);
    }
    expect(((await (await get('/readyz')).json()) as { envs: string[] }).envs).toEqual([]);
  });

  it('the CLI with the token is refused the denied env (exit 2), an admin JWT is not', async () => {
    const run = (token: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            BIN,
            'incident',
            'pay',
            '--baseline',
            'kr-vm',
            '--candidate',
            'kr-k8s',
            '--gateway',
            w.url,
            '--window',
            '10m',
          ],
          { env: { PATH: process.env.PATH ?? '', PARALLAX_TOKEN: token }, timeout: 60_000 },
          (err, _out, stderr) =>
            resolve({ code: err && typeof err.code === 'number' ? err.code : err ? null : 0, stderr }),
        );
      });
    const denied = await run(VM_TOKEN);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('candidate: unknown env "kr-k8s"');
    const admin = await run(adminJwt);
    // Not refused: any verdict exit (0 ok, 1 regression, 4 no data in the last 10 minutes), never 2 or 3.
    expect([0, 1, 4]).toContain(admin.code);
  });
});

describe('a caller limited to some services', () => {
  it('may name those services and nothing that reaches any service', async () => {
    const ok = await gql<{ logs: { records: { env: string }[] } }>(
      PAY_TOKEN,
      `{ logs(service: "pay", range: ${RANGE}) { records { env } } }`,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.logs.records.map((r) => r.env).sort()).toEqual(['kr-k8s', 'kr-vm']);
    const other = await gql(PAY_TOKEN, `{ logs(service: "billing", range: ${RANGE}) { records { env } } }`);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'service' });
    const raw = await gql(PAY_TOKEN, `{ queryRange(query: "acl_gauge", range: ${RANGE}) { envs } }`);
    expect(raw.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    for (const path of [
      promQ('acl_gauge'),
      '/api/v1/label/env/values',
      '/api/services',
      `/api/traces/${TRACE['kr-vm']}`,
      '/api/traces?service=billing',
      '/api/v1/incident-context?service=billing',
    ]) {
      const res = await get(path, PAY_TOKEN);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    const traces = await get(
      `/api/traces?service=pay-kr-vm&start=${(T0 - 60_000) * 1000}&end=${(T0 + 60_000) * 1000}`,
      PAY_TOKEN,
    );
    expect(traces.status).toBe(200);
    expect(((await traces.json()) as { data: { traceID: string }[] }).data.map((t) => t.traceID)).toEqual([
      TRACE['kr-vm'],
    ]);
  });
});

describe('a caller with both envs', () => {
  it('sees both envs on every surface', async () => {
    const envs = await gql<{ envs: { name: string }[] }>(adminJwt, '{ envs { name } }');
    expect(envs.body.data?.envs.map((e) => e.name)).toEqual([...ENVS]);
    const body = (await (await get(promQ('acl_gauge{env=~".*"}'), adminJwt)).json()) as PromBody;
    expect(envsOfResult(body)).toEqual(['kr-k8s', 'kr-vm']);
    expect((await get(`/api/traces/${TRACE['kr-k8s']}`, adminJwt)).status).toBe(200);
    const ready = (await (await get('/readyz', adminJwt)).json()) as { envs: string[] };
    expect(ready.envs).toEqual([...ENVS]);
  });
});

describe('limits', () => {
  it('rate-limits per identity with 429 and Retry-After', async () => {
    const token = 'limited-token-abcdef';
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/v1/label/env/values', token);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another identity is not affected.
    expect((await get('/api/v1/label/env/values', VM_TOKEN)).status).toBe(200);
  });

  it('30 aliased compare calls fail validation by weight, before any backend call', async () => {
    const one = (i: number) =>
      `c${i}: compare(service: "pay", baseline: ["kr-vm"], candidate: ["kr-k8s"], range: ${RANGE}) { verdict { verdict } }`;
    const many = await gql(adminJwt, `{ ${Array.from({ length: 30 }, (_, i) => one(i)).join('\n')} }`);
    expect(many.body.data).toBeUndefined();
    expect(many.body.errors?.[0]?.message).toMatch(/query weight 30000 exceeds the limit of 3000/);
    const two = await gql(adminJwt, `{ ${one(0)} ${one(1)} }`);
    expect(JSON.stringify(two.body.errors ?? [])).not.toMatch(/weight/);
  });

  it('caps the body, the URL and the trace ids per request', async () => {
    // In-process: a socket that got 413 mid-upload is closed by the server, and fetch's pool would reuse it.
    const big = await w.app.app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(adminJwt) },
      body: JSON.stringify({ query: `{ envs { name } }`, pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const longUrl = await get(`${promQ('acl_gauge')}&pad=${'a'.repeat(10_000)}`, adminJwt);
    expect(longUrl.status).toBe(414);
    const ids = Array.from(
      { length: 21 },
      (_, i) => `traceID=${(i + 1).toString(16).padStart(32, '0')}`,
    ).join('&');
    const res = await get(`/api/traces?${ids}`, adminJwt);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('at most 20 trace ids');
  });

  it('caps PromQL length and envs per argument, naming the field', async () => {
    const long = await gql(adminJwt, `{ query(query: "${'a'.repeat(9000)}") { envs } }`);
    expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_QUERY', field: 'query' });
    const envs = JSON.stringify(Array.from({ length: 17 }, () => 'kr-vm'));
    const many = await gql(adminJwt, `{ logs(service: "pay", envs: ${envs}, range: ${RANGE}) { cursor } }`);
    expect(many.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'envs' });
    expect(many.body.errors?.[0]?.message).toContain('at most 16 envs per request');
  });

  it('sends no CORS headers to an unconfigured origin (no reflection)', async () => {
    const headers = { origin: 'https://evil.example', ...auth(adminJwt), 'content-type': 'application/json' };
    const post = await fetch(`${w.url}/graphql`, {
      method: 'POST',
      headers,
      body: '{"query":"{envs{name}}"}',
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${w.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('every route the app serves', () => {
  // Open by design: liveness, readiness (lists only the caller's envs), /metrics (cluster-internal,
  // see the NetworkPolicy), the CORS preflight. GET /graphql is checked below (page open, data not).
  const OPEN = new Set(['GET /healthz', 'GET /readyz', 'GET /metrics', 'OPTIONS /graphql']);
  const SAMPLE: Record<string, string> = {
    ':name': 'env',
    ':service': 'pay',
    ':id': TRACE['kr-k8s'],
  };
  const QUERY = new URLSearchParams({
    query: 'acl_gauge',
    time: sec(T0),
    start: sec(T0 - 5 * 60_000),
    end: sec(T0 + 5 * 60_000),
    step: '60',
    'match[]': 'acl_gauge',
    service: 'pay',
    traceID: TRACE['kr-k8s'],
  }).toString();

  const dataRoutes = (): Array<{ method: string; path: string }> =>
    w.app.app.routes
      .filter((r) => r.method !== 'ALL' && !OPEN.has(`${r.method} ${r.path}`))
      .map((r) => ({
        method: r.method,
        path: r.path.replace(/:[a-z]+/g, (p) => SAMPLE[p] ?? 'x'),
      }));

  function send(route: { method: string; path: string }, token?: string): Promise<Response> {
    const graphql = route.path === '/graphql';
    const q = graphql ? `query=${encodeURIComponent('{ envs { name } }')}` : QUERY;
    if (route.method === 'GET')
      return fetch(`${w.url}${route.path}?${q}`, {
        headers: { accept: 'application/json', ...auth(token) },
      });
    return fetch(`${w.url}${route.path}`, {
      method: route.method,
      headers: {
        'content-type': graphql ? 'application/json' : 'application/x-www-form-urlencoded',
        ...auth(token),
      },
      body: graphql ? JSON.stringify({ query: '{ envs { name } }' }) : q,
    });
  }

  it('answers 401 on every data route, GET and POST, without a token and with a wrong one', async () => {
    const routes = dataRoutes();
    // The list comes from the router: a new route without auth fails here.
    expect(routes.length).toBeGreaterThanOrEqual(24);
    for (const route of routes) {
      for (const token of [undefined, 'wrong-token-0000']) {
        const res = await send(route, token);
        expect(res.status, `${route.method} ${route.path} token=${String(token)}`).toBe(401);
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('never shows a kr-vm-only caller anything of kr-k8s, on any route', async () => {
    for (const route of dataRoutes()) {
      const res = await send(route, VM_TOKEN);
      const text = await res.text();
      const label = `${route.method} ${route.path} (${res.status})`;
      expect(res.status, label).toBeLessThan(500);
      expect(text, label).not.toContain('kr-k8s');
      // Echoing the id the caller sent as "not found" reveals nothing; anything more would.
      const notFound = `"msg":"trace not found","traceID":"${TRACE['kr-k8s']}"`;
      expect(text.replaceAll(notFound, ''), label).not.toContain(TRACE['kr-k8s']);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createApp } from '../../src/app/index.js';
import { closedPort } from '../harness/index.js';

// Inputs a hurried human or a broken script sends. None may produce INTERNAL, a stack trace or a crash.
const GARBAGE = [
  '',
  ' ',
  'x',
  '-1',
  '0',
  '1e400',
  'NaN',
  'now-',
  '2026-13-45T99:99:99Z',
  '{',
  '"a" OR b:* AND (',
  '../../etc/passwd',
  'http://169.254.169.254/',
  '%00',
  '\u0000',
  'x'.repeat(5000),
];

const PATHS = [
  ['/api/v1/query', ['query', 'time']],
  ['/api/v1/query_range', ['query', 'start', 'end', 'step']],
  ['/api/v1/series', ['match[]', 'start', 'end']],
  ['/api/v1/labels', ['match[]', 'start']],
  ['/api/v1/label/job/values', ['match[]', 'end']],
  ['/api/v1/metadata', ['metric', 'limit']],
  [
    '/api/traces',
    ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'start', 'end', 'lookback', 'limit'],
  ],
  ['/api/traces/zz', ['env']],
  ['/api/services/x/operations', ['spanKind']],
  ['/api/dependencies', ['endTs', 'lookback']],
  ['/api/v1/incident-context', ['service', 'at', 'window', 'baseline', 'candidate']],
] as const;

describe('bad input never becomes an internal error', async () => {
  const down = `http://127.0.0.1:${await closedPort()}`;
  const { app } = createApp(
    parseConfig(`federation: { deadline: 2s }
envs:
  - name: kr-vm
    labels: { role: old }
    prometheus: { url: "${down}" }
    traces: { kind: jaeger, url: "${down}" }
    logs: { kind: elasticsearch, url: "${down}", index: logs }
  - name: kr-k8s
    labels: { role: new }
    prometheus: { url: "${down}" }
`),
  );

  it('REST and Prometheus/Jaeger APIs answer garbage parameters with a typed error', async () => {
    for (const [path, params] of PATHS) {
      for (const value of GARBAGE) {
        const qs = new URLSearchParams(params.map((p) => [p, value])).toString();
        const res = await app.request(`${path}?${qs}`);
        const text = await res.text();
        expect(res.status, `${path}?${qs.slice(0, 80)}`).not.toBe(500);
        expect(text, path).not.toMatch(/INTERNAL|internal error|at .*\.ts:\d+/);
      }
    }
  });

  it('GraphQL answers garbage arguments with coded errors', async () => {
    const fields = [
      'queryRange(query: $v, range: { start: $v, end: $v, step: $v }) { envs }',
      'signals(service: $v, range: { start: $v, end: $v }) { env }',
      'traces(service: $v, range: { start: $v, end: $v }, minDuration: $v) { traceId }',
      'trace(id: $v) { traceId }',
      'logs(service: $v, range: { start: $v, end: $v }, text: $v, cursor: $v) { cursor }',
      'compare(service: $v, baseline: [$v], candidate: [$v], range: { start: $v, end: $v }) { service }',
    ];
    for (const field of fields) {
      for (const v of GARBAGE) {
        const res = await app.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query($v: String!) { ${field} }`, variables: { v } }),
        });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        expect(res.status, field).toBeLessThan(500);
        for (const e of body.errors ?? [])
          expect(e.extensions?.code, `${field} ${JSON.stringify(v).slice(0, 40)}`).not.toBe('INTERNAL');
      }
    }
  });
});

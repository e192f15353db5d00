import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createApp, type App } from '../../src/app/index.js';
import { startPrometheus, type RunningPrometheus } from '../harness/index.js';

const run = promisify(execFile);
let prom: RunningPrometheus;
let app: App;
const t = Math.floor(Date.now() / 60_000) * 60_000 - 600_000;

/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl. */
async function makeCerts(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const p = (f: string): string => join(dir, f);
  const subj = (cn: string): string[] => ['-subj', `/CN=${cn}`];
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    ...subj('parallax-test-ca'),
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('srv.key'),
    '-out',
    p('srv.csr'),
    ...subj('127.0.0.1'),
  ]);
  await writeFile(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('srv.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('srv.pem'),
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
  ]);
  return { ca: p('ca.pem'), cert: p('srv.pem'), key: p('srv.key') };
}

beforeAll(async () => {
  const certs = await makeCerts(await mkdtemp(join(tmpdir(), 'parallax-tls-')));
  const tls = { certFile: certs.cert, keyFile: certs.key, caPem: await readFile(certs.ca, 'utf8') };
  prom = await startPrometheus('tls', [{ name: 'tls_gauge', labels: {}, t, v: 7 }], {}, tls);
  app = createApp(
    parseConfig(`envs:
  - name: trusted
    prometheus: { url: "${prom.url}", caFile: "${certs.ca}" }
  - name: untrusted
    prometheus: { url: "${prom.url}" }
`),
  );
}, 120_000);
afterAll(async () => prom?.stop());

describe('an https Prometheus', () => {
  it('answers through the configured CA and is refused without it', async () => {
    expect(prom.url).toMatch(/^https:/);
    const res = await app.app.request(`/api/v1/query?query=tls_gauge&time=${t / 1000}`);
    const body = (await res.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      warnings: string[];
    };
    expect(body.data.result).toEqual([
      { metric: { __name__: 'tls_gauge', env: 'trusted' }, value: [t / 1000, '7'] },
    ]);
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatch(
      /^env untrusted \(prometheus\) failed: BACKEND_UNREACHABLE: .*(CERT|SELF_SIGNED|VERIFY)/,
    );
  });
});

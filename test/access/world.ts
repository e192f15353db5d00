import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { Hono } from 'hono';
import { configSchema, type Config } from '../../src/config/index.js';
import { createApp, type App } from '../../src/app/index.js';
import { sha256Hex } from '../../src/access/index.js';
import { serveApp, startPrometheus, type PromSample, type RunningPrometheus } from '../harness/index.js';
import { otlpPayload, postOtlp, startJaeger, waitSearchable, type JaegerServer } from '../harness/jaeger.js';
import {
  bulkIndex,
  createIndex,
  logMapping,
  startElasticsearch,
  type EsServer,
} from '../harness/elasticsearch.js';
import { ECS_LOG_FIELDS } from '../../src/config/index.js';

export const ISSUER = 'https://idp.parallax.test';
export const AUDIENCE = 'parallax';
/** A static token for the role that may see kr-vm only. */
export const VM_TOKEN = 'vm-only-static-token-0123456789';
/** A static token for a role limited to the services `pay` and `pay-kr-vm` (every env). */
export const PAY_TOKEN = 'pay-team-static-token-987654';
export const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
export const VALUE = { 'kr-vm': 11, 'kr-k8s': 22 } as const;
export const TRACE = {
  'kr-vm': 'a1000000000000000000000000000001',
  'kr-k8s': 'b2000000000000000000000000000002',
};
export const ENVS = ['kr-vm', 'kr-k8s'] as const;
export type Env = (typeof ENVS)[number];

export interface AccessWorld {
  app: App;
  url: string;
  config: Config;
  /** Signs a JWT with the served JWKS' key. */
  jwt: (
    claims: Record<string, unknown>,
    opts?: { expSeconds?: number; audience?: string; key?: CryptoKey },
  ) => Promise<string>;
  /** A key the JWKS does not hold. */
  strangerKey: CryptoKey;
  stop: () => Promise<void>;
}

function gauge(env: Env): PromSample[] {
  const out: PromSample[] = [];
  for (let t = T0 - 30 * 60_000; t <= T0 + 30 * 60_000; t += 15_000)
    out.push({ name: 'acl_gauge', labels: { instance: `${env}-1`, service: 'pay' }, t, v: VALUE[env] });
  return out;
}

async function loadTraces(j: JaegerServer, env: Env): Promise<void> {
  const start = BigInt(T0) * 1_000_000n;
  await postOtlp(
    j.otlpUrl,
    otlpPayload(`pay-${env}`, [
      {
        traceId: TRACE[env],
        spanId: '00000000000000a1',
        name: 'GET /pay',
        startNs: start,
        durationNs: 5_000_000n,
      },
    ]),
  );
  await waitSearchable(j.queryUrl, `pay-${env}`, 1);
}

async function loadLogs(es: EsServer): Promise<void> {
  for (const env of ENVS) {
    const index = `logs-${env}`;
    await createIndex(es.url, index, logMapping(ECS_LOG_FIELDS));
    await bulkIndex(es.url, index, [
      {
        '@timestamp': new Date(T0).toISOString(),
        message: `hello from ${env}`,
        log: { level: 'error' },
        service: { name: 'pay', environment: env },
      },
    ]);
  }
}

async function jwksServer(jwk: JWK): Promise<{ url: string; close: () => void }> {
  const app = new Hono();
  app.get('/jwks.json', (c) => c.json({ keys: [{ ...jwk, kid: 'k1', alg: 'ES256', use: 'sig' }] }));
  const s = await serveApp(app.fetch);
  return { url: `${s.url}/jwks.json`, close: s.close };
}

/** Two envs with a real Prometheus and Jaeger each and one Elasticsearch (an index per env); a real JWKS. */
export async function startAccessWorld(extra: Record<string, unknown> = {}): Promise<AccessWorld> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('ES256');
  const jwks = await jwksServer(await exportJWK(publicKey));
  const [pVm, pK8s, jVm, jK8s, es] = await Promise.all([
    startPrometheus('acl-vm', gauge('kr-vm')),
    startPrometheus('acl-k8s', gauge('kr-k8s')),
    startJaeger('acl-jaeger-vm'),
    startJaeger('acl-jaeger-k8s'),
    startElasticsearch(9),
  ]);
  await Promise.all([loadTraces(jVm, 'kr-vm'), loadTraces(jK8s, 'kr-k8s'), loadLogs(es)]);
  const env = (name: Env, p: RunningPrometheus, j: JaegerServer) => ({
    name,
    labels: { role: name === 'kr-vm' ? 'old' : 'new' },
    prometheus: { url: p.url },
    traces: { kind: 'jaeger', url: j.queryUrl },
    logs: { kind: 'elasticsearch', url: es.url, index: `logs-${name}` },
  });
  const config = configSchema.parse({
    server: { logLevel: 'silent' },
    federation: { deadline: 10 },
    access: {
      roles: {
        'vm-reader': { envs: ['kr-vm'] },
        admin: { envs: ['*'] },
        limited: { envs: ['kr-vm'], rateLimit: { rps: 0.5, burst: 2 } },
        'pay-team': { envs: ['*'], services: ['pay', 'pay-kr-vm'] },
      },
      tokens: [
        { name: 'runbook', sha256: sha256Hex(VM_TOKEN), roles: ['vm-reader'] },
        { name: 'slow-script', sha256: sha256Hex('limited-token-abcdef'), roles: ['limited'] },
        { name: 'pay-bot', sha256: sha256Hex(PAY_TOKEN), roles: ['pay-team'] },
      ],
      oidc: {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: jwks.url,
        clockSkew: '5s',
        rolesClaim: 'realm.roles',
      },
    },
    envs: [env('kr-vm', pVm, jVm), env('kr-k8s', pK8s, jK8s)],
    ...extra,
  });
  const app = createApp(config);
  const served = await serveApp(app.app.fetch);
  const jwt: AccessWorld['jwt'] = (claims, opts = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(opts.audience ?? AUDIENCE)
      .setSubject(typeof claims.sub === 'string' ? claims.sub : 'alice')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expSeconds ?? 300))
      .sign(opts.key ?? privateKey);
  return {
    app,
    url: served.url,
    config,
    jwt,
    strangerKey: stranger.privateKey,
    stop: async () => {
      served.close();
      jwks.close();
      await Promise.all([pVm.stop(), pK8s.stop(), jVm.stop(), jK8s.stop(), es.stop()]);
    },
  };
}

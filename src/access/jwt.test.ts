import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../config/index.js';
import { createApp } from '../app/index.js';
import { sha256Hex } from './tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-jwks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setup() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'a', alg: 'RS256' }] }),
  );
  const config = configSchema.parse({
    server: { logLevel: 'silent' },
    access: {
      roles: { vm: { envs: ['kr-vm'] }, guest: { envs: ['jp-k8s'] } },
      tokens: [{ name: 't', sha256: sha256Hex('static-1'), roles: ['vm'] }],
      oidc: { issuer: 'https://idp', audience: ['parallax', 'other'], jwksFile, clockSkew: 60 },
      anonymousRole: 'guest',
    },
    envs: ['kr-vm', 'kr-k8s', 'jp-k8s'].map((name) => ({ name, prometheus: { url: 'http://127.0.0.1:1' } })),
  });
  const sign = (roles: string[], expOffset = 300) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'a' })
      .setIssuer('https://idp')
      .setAudience('parallax')
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) + expOffset)
      .sign(privateKey);
  return { app: createApp(config).app, sign };
}

const envsOf = async (res: Response): Promise<string[]> =>
  ((await res.json()) as { data: { envs: { name: string }[] } }).data.envs.map((e) => e.name);
const GET = `/graphql?query=${encodeURIComponent('{ envs { name } }')}`;

describe('JWT from a JWKS file, GraphQL over GET, the anonymous role', () => {
  it('GET executions need a token like POST ones, and see only the caller’s envs', async () => {
    const { app, sign } = await setup();
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    expect(await envsOf(await app.request(GET, bearer('static-1')))).toEqual(['kr-vm']);
    expect(await envsOf(await app.request(GET, bearer(await sign(['vm', 'guest']))))).toEqual([
      'kr-vm',
      'jp-k8s',
    ]);
    // within the 60 s clock skew an expired token still passes; beyond it, it does not
    expect((await app.request(GET, bearer(await sign(['vm'], -30)))).status).toBe(200);
    expect((await app.request(GET, bearer(await sign(['vm'], -120)))).status).toBe(401);
    // no token: the anonymous role
    expect(await envsOf(await app.request(GET))).toEqual(['jp-k8s']);
  });
});

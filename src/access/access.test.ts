import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticate.js';
import { Grant } from './grant.js';
import { RateLimiter } from './rate-limit.js';
import { sha256Hex } from './tokens.js';

const roles = {
  vm: { envs: ['kr-vm'], rateLimit: { rps: 2, burst: 2 } },
  k8s: { envs: ['kr-k8s'], services: ['pay'], rateLimit: { rps: 10 } },
  ops: { envs: ['*'] },
};

describe('Grant', () => {
  it('is the union of its roles, with the most generous rate limit', () => {
    const g = Grant.fromRoles('a', ['vm', 'k8s'], roles, undefined);
    expect(['kr-vm', 'kr-k8s', 'jp-k8s'].map((e) => g.allowsEnv(e))).toEqual([true, true, false]);
    expect(g.allServices).toBe(true); // the vm role has no service list
    expect(g.rateLimit).toEqual({ rps: 10 });
    const k = Grant.fromRoles('b', ['k8s'], roles, undefined);
    expect([k.allowsService('pay'), k.allowsService('billing'), k.allServices]).toEqual([true, false, false]);
    expect(Grant.fromRoles('c', ['ops', 'vm'], roles, undefined).rateLimit).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('refills at rps, caps at burst and answers the seconds until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const g = Grant.fromRoles('a', ['vm'], roles, undefined);
    expect([limiter.take(g), limiter.take(g), limiter.take(g)]).toEqual([0, 0, 1]);
    now += 500; // one token back at 2 rps
    expect([limiter.take(g), limiter.take(g)]).toEqual([0, 1]);
    now += 60_000;
    expect([limiter.take(g), limiter.take(g), limiter.take(g)]).toEqual([0, 0, 1]);
  });
});

describe('Authenticator', () => {
  const auth = Authenticator.fromConfig(
    { roles, tokens: [{ name: 'bot', sha256: sha256Hex('s3cret-token'), roles: ['vm'] }] },
    undefined,
  );

  it('maps a static token to its roles and refuses anything else', async () => {
    const g = await auth.authenticate('Bearer s3cret-token');
    expect([g.identity, g.allowsEnv('kr-vm'), g.allowsEnv('kr-k8s')]).toEqual(['token:bot', true, false]);
    await expect(auth.authenticate('Bearer s3cret-tokeN')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.authenticate(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.authenticate('Basic czNjcmV0')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('keeps server.authToken working as a token allowed every env; open when nothing is configured', async () => {
    const legacy = Authenticator.fromConfig(undefined, 'old-token');
    expect((await legacy.authenticate('Bearer old-token')).allowsEnv('anything')).toBe(true);
    await expect(legacy.authenticate(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const open = Authenticator.fromConfig(undefined, undefined);
    expect(open.enforced).toBe(false);
    expect(await open.authenticate(undefined)).toBe(Grant.OPEN);
  });

  it('refuses a token digest that is not sha256 hex, naming the field', () => {
    expect(() =>
      Authenticator.fromConfig(
        { roles, tokens: [{ name: 'x', sha256: 'plain-token', roles: ['vm'] }] },
        undefined,
      ),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'access.tokens[0].sha256' }));
  });
});

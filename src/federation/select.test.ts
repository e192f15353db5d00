import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/index.js';
import { EnvRegistry } from '../envs/index.js';
import { selectEnvs } from './select.js';

const registry = new EnvRegistry(
  configSchema.parse({
    envs: [
      {
        name: 'kr-vm',
        prometheus: { url: 'http://p1:9090' },
        traces: { kind: 'jaeger', url: 'http://j1:16686' },
      },
      { name: 'kr-k8s', prometheus: { url: ['http://p2:9090', 'http://p3:9090'] } },
      { name: 'jp-k8s', logs: { kind: 'elasticsearch', url: 'http://es:9200', index: 'logs' } },
    ],
  }),
);

describe('the missing-backend rule (every backend kind)', () => {
  it('no names: every env that has the backend, no error', () => {
    expect(selectEnvs(registry, undefined, 'prometheus')).toEqual({
      backend: 'prometheus',
      envs: ['kr-vm', 'kr-k8s'],
      errors: [],
    });
    expect(selectEnvs(registry, [], 'jaeger').envs).toEqual(['kr-vm']);
    expect(selectEnvs(registry, null, 'elasticsearch').envs).toEqual(['jp-k8s']);
  });

  it('a named env without the backend is a NOT_FOUND entry naming env, backend and field', () => {
    for (const backend of ['prometheus', 'jaeger', 'elasticsearch'] as const) {
      const sel = selectEnvs(registry, ['kr-vm', 'kr-k8s', 'jp-k8s'], backend, 'baseline');
      const lacking = ['kr-vm', 'kr-k8s', 'jp-k8s'].filter((env) => !sel.envs.includes(env));
      expect(sel.errors.map((e) => [e.code, e.env, e.backend, e.field])).toEqual(
        lacking.map((env) => ['NOT_FOUND', env, backend, 'baseline']),
      );
      for (const e of sel.errors) expect(e.message).toContain(`env ${e.env} has no ${backend} backend`);
    }
  });

  it('an unknown name is rejected (UNKNOWN_ENV, naming the field); duplicates count once', () => {
    expect(() => selectEnvs(registry, ['kr-vm', 'nope'], 'prometheus', 'candidate')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ENV', field: 'candidate' }),
    );
    expect(selectEnvs(registry, ['kr-vm', 'kr-vm'], 'prometheus').envs).toEqual(['kr-vm']);
  });
});

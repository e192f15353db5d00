import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';

const base = `envs:\n  - name: kr-vm\n    prometheus: { url: "http://127.0.0.1:9090" }\n`;

describe('parseConfig', () => {
  it('applies defaults and normalises one URL into urls', () => {
    const cfg = parseConfig(base);
    expect(cfg.server).toMatchObject({ port: 9480, envLabel: 'env', graphqlPath: '/graphql' });
    expect(cfg.envs[0]?.prometheus?.urls).toEqual(['http://127.0.0.1:9090']);
    expect(cfg.federation.deadline).toBe(15_000);
  });

  it('prints readable paths for every problem', () => {
    const text = `federation: { deadline: soon }\nenvs:\n  - name: a\n  - name: B!\n    prometheus: { url: "ftp://x" }\n  - name: a\n`;
    expect(() => parseConfig(text)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(
          /federation\.deadline: expected a duration[\s\S]*envs\[1\]\.name: [\s\S]*envs\[1\]\.prometheus\.url: /,
        ) as unknown,
      }),
    );
    expect(() => parseConfig(`envs:\n  - name: a\n  - name: a\n`)).toThrow(
      /envs\[1\]\.name: duplicate env name "a"/,
    );
  });

  it('substitutes ${VAR} from the environment and refuses unset ones', () => {
    const text = `envs:\n  - name: a\n    prometheus: { url: "\${PROM_URL}", auth: { bearer: "\${TOKEN}" } }\n`;
    const cfg = parseConfig(text, { PROM_URL: 'http://10.0.0.1:9090', TOKEN: 's3cret' });
    expect(cfg.envs[0]?.prometheus?.urls).toEqual(['http://10.0.0.1:9090']);
    expect(cfg.envs[0]?.prometheus?.auth).toEqual({ bearer: 's3cret' });
    expect(() => parseConfig(text, {})).toThrow(/environment variable\(s\) not set: PROM_URL, TOKEN/);
  });

  it('rejects garbage and unknown keys with a path', () => {
    expect(() => parseConfig('envs: [')).toThrow(/not valid YAML/);
    expect(() => parseConfig(`${base}bogus: 1\n`)).toThrow(/\(root\): Unrecognized key: "bogus"/i);
    expect(() => parseConfig('envs: []')).toThrow(/envs: at least one environment is required/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('secrets', () => {
  const withAuth = (auth: string) =>
    `server: { port: \${PORT} }\nenvs:\n  - name: a\n    prometheus:\n      url: "http://127.0.0.1:9090"\n      auth: ${auth}\n`;

  it('substitutes into parsed values: #, ": " and quotes in a secret stay part of it', () => {
    const secret = `p#ss: "x' #y`;
    const cfg = parseConfig(withAuth('{ bearer: ${TOKEN} }'), { TOKEN: secret, PORT: '9555' });
    expect(cfg.envs[0]?.prometheus?.auth).toEqual({ bearer: secret });
    expect(cfg.server.port).toBe(9555);
  });

  it('never shows a secret in a YAML error', () => {
    const secret = 'hunter2-very-secret';
    const broken = `envs:\n  - name: a\n    prometheus: { url: "\${TOKEN}", [\n`;
    let message = '';
    try {
      parseConfig(broken, { TOKEN: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not valid YAML/);
    expect(message).not.toContain(secret);
  });

  it('reads secret files at load, and a missing one fails the load (and so a reload)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-secret-'));
    try {
      const file = join(dir, 'token');
      writeFileSync(file, 'from-file\n');
      const cfg = parseConfig(withAuth(`{ bearer: { file: "${file}" } }`), { PORT: '1' });
      expect(cfg.envs[0]?.prometheus?.auth).toEqual({ bearer: 'from-file' });
      rmSync(file);
      expect(() => parseConfig(withAuth(`{ bearer: { file: "${file}" } }`), { PORT: '1' })).toThrow(
        /envs\[0\]\.prometheus\.auth\.bearer: secret: cannot read file/,
      );
      expect(() => parseConfig(withAuth('{ bearer: { env: NOPE } }'), { PORT: '1' })).toThrow(
        /env var NOPE is not set/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

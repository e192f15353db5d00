import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchConfigFile } from './watch.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('watchConfigFile', () => {
  it('fires once per burst of writes, also when the file is replaced by a rename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-watch-'));
    dirs.push(dir);
    const path = join(dir, 'parallax.yaml');
    writeFileSync(path, 'a: 1\n');
    let calls = 0;
    const stop = watchConfigFile(path, () => calls++, 100);
    for (let i = 0; i < 5; i++) writeFileSync(path, `a: ${i}\n`);
    await until(() => calls > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(1);
    writeFileSync(join(dir, 'next.yaml'), 'a: 9\n');
    renameSync(join(dir, 'next.yaml'), path);
    await until(() => calls > 1);
    expect(calls).toBe(2);
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(2);
    stop();
  });
});

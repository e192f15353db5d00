import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '../..');

export interface GatewayProcess {
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Writes `yaml` to the config file, sends SIGHUP and waits for the "config reloaded" log line. */
  reload: (yaml: string) => Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs `src/main.ts` (through tsx) as its own process with the config in `configFile`. */
export async function startGateway(
  configFile: string,
  yaml: string,
  nodeArgs: string[] = [],
): Promise<GatewayProcess> {
  writeFileSync(configFile, yaml);
  const proc = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'src/main.ts', '--config', configFile],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  process.once('exit', () => proc.kill('SIGKILL'));
  let out = '';
  let reloads = 0;
  proc.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    reloads += text.split('"config reloaded"').length - 1;
    out = (out + text).slice(-20_000);
  });
  proc.stderr.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  });
  const url = await waitListening(proc, () => out);
  const waitFor = async (count: number): Promise<void> => {
    const until = Date.now() + 10_000;
    while (reloads < count) {
      if (Date.now() > until || proc.exitCode !== null) throw new Error(`no reload logged:\n${out}`);
      await sleep(10);
    }
  };
  return {
    url,
    pid: proc.pid as number,
    proc,
    output: () => out,
    reload: async (next) => {
      const want = reloads + 1;
      writeFileSync(configFile, next);
      proc.kill('SIGHUP');
      await waitFor(want);
    },
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise<void>((done) => proc.once('exit', () => done()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 12_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitListening(proc: ChildProcess, out: () => string): Promise<string> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const m =
      /"url":"(http:\/\/[^"]+)".*"parallax listening"|"parallax listening".*"url":"(http:\/\/[^"]+)"/.exec(
        out(),
      );
    const url = m?.[1] ?? m?.[2];
    if (url) return url;
    if (proc.exitCode !== null) throw new Error(`gateway exited with ${proc.exitCode}:\n${out()}`);
    await sleep(50);
  }
  throw new Error(`gateway not listening after 30 s:\n${out()}`);
}

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Managed {
  name: string;
  proc: ChildProcess;
  /** The last lines the process printed, for a loud failure message. */
  output: () => string;
  stop: () => Promise<void>;
}

const running = new Set<Managed>();
// Never leave a server behind, even when a test file crashes.
process.once('exit', () => {
  for (const m of running) m.proc.kill('SIGKILL');
});

export function startProcess(name: string, cmd: string, args: string[], opts: SpawnOptions = {}): Managed {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const managed: Managed = {
    name,
    proc,
    output: () => tail,
    stop: async () => {
      running.delete(managed);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(managed);
  return managed;
}

/** Polls `probe` until it returns true; fails loudly with the process output on timeout or exit. */
export async function waitReady(m: Managed, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (m.proc.exitCode !== null) throw new Error(`${m.name} exited with ${m.proc.exitCode}:\n${m.output()}`);
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${m.name} not ready after ${timeoutMs} ms:\n${m.output()}`);
}

/** True when GET url answers 2xx. */
export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

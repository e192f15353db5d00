import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort } from '../harness/index.js';

// The README's first command, on real Prometheus servers (logs and traces skipped to keep it short).
interface Demo {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startDemo(port: number): Demo {
  const env = { ...process.env, PARALLAX_DEMO_SKIP: 'logs,traces', PARALLAX_DEMO_PORT: String(port) };
  const proc = spawn('bash', ['scripts/demo.sh'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => void (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => void (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function until(ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}

/** Every process below `pid` (from /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the demo (npm run demo)', () => {
  it('serves both envs; a second demo on its port fails fast; one SIGINT stops it and every backend', async () => {
    const port = await freePort();
    const demo = startDemo(port);
    try {
      await until(() => demo.output().includes('gateway ready') || demo.proc.exitCode !== null, 170_000);
      expect(demo.output(), demo.output()).toContain('gateway ready');
      const q = encodeURIComponent(
        'count by (env) ({__name__=~"istio_requests_total|http_request_duration_seconds_count"})',
      );
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${q}`);
      const body = (await res.json()) as {
        data: { result: { metric: { env: string }; value: [number, string] }[] };
      };
      const envs = body.data.result.map((r) => r.metric.env).sort();
      expect(envs).toEqual(['kr-k8s', 'kr-vm']);
      for (const r of body.data.result) expect(Number(r.value[1])).toBeGreaterThan(0);

      const second = startDemo(port);
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`port ${port} is in use`);
      expect(second.output()).not.toContain('gateway ready');

      const backends = descendants(demo.proc.pid ?? 0);
      expect(backends.length).toBeGreaterThanOrEqual(3);
      demo.proc.kill('SIGINT');
      expect(await demo.exited).toBe(0);
      await until(() => !backends.some(alive), 10_000);
      expect(backends.filter(alive)).toEqual([]);
    } finally {
      demo.proc.kill('SIGKILL');
    }
  }, 240_000);
});

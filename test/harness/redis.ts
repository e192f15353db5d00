import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort, retryOnPortClash } from './ports.js';
import { startProcess, waitReady } from './process.js';

const run = promisify(execFile);
const INSTALL = fileURLToPath(new URL('../../scripts/backends/redis.sh', import.meta.url));

export interface RunningRedis {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** True when the server answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => {
      resolve(chunk.toString().startsWith('+PONG'));
      socket.destroy();
    });
  });
}

/** A real redis-server (Debian package) on 127.0.0.1, in memory only (no RDB, no AOF). */
export async function startRedis(): Promise<RunningRedis> {
  await run('bash', [INSTALL], { timeout: 300_000 });
  return retryOnPortClash(async () => {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const proc = startProcess('redis-server', 'redis-server', args);
    try {
      await waitReady(proc, () => pong(port), 20_000);
    } catch (err) {
      await proc.stop();
      throw err;
    }
    return { url: `redis://127.0.0.1:${port}`, port, stop: proc.stop };
  });
}

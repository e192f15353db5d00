import cluster from 'node:cluster';
import type { Logger } from 'pino';

/**
 * `server.workers` > 1: this (primary) process forks that many gateway processes sharing the
 * listen port (node:cluster hands connections round-robin) and forwards SIGHUP (reload) and
 * SIGTERM/SIGINT (shutdown) to them. Each worker holds its own breakers and result cache.
 * Returns false in a worker (or with one worker): the caller then serves itself.
 */
export function runPrimary(workers: number, logger: Logger): boolean {
  if (workers <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  const fork = (): void => void cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });
  const each = (signal: NodeJS.Signals): void => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.on('SIGHUP', () => each('SIGHUP'));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      each(signal);
      setTimeout(() => process.exit(0), 12_000).unref();
    });
  }
  logger.info({ workers }, 'parallax primary: forked workers');
  return true;
}

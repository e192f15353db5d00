import { serve } from '@hono/node-server';
import { loadConfigFile, watchConfigFile, withListenOverrides, type Config } from './config/index.js';
import { ParallaxError } from './errors/index.js';
import { Gateway, type Lifecycle } from './app/index.js';
import { runPrimary } from './app/workers.js';
import { createLogger, startTracing } from './telemetry/index.js';

function configPath(argv: string[]): string {
  const i = argv.indexOf('--config');
  const path = i >= 0 ? argv[i + 1] : process.env.PARALLAX_CONFIG;
  if (!path)
    throw new ParallaxError('CONFIG_INVALID', 'no config: pass --config <file> or set PARALLAX_CONFIG');
  return path;
}

function loadOrExit(path: string): Config {
  try {
    return withListenOverrides(loadConfigFile(path), process.env);
  } catch (err) {
    process.stderr.write(`parallax: invalid config ${path}\n${(err as Error).message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  let path: string;
  try {
    path = configPath(process.argv);
  } catch (err) {
    process.stderr.write(`parallax: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const config = loadOrExit(path);
  const logger = createLogger(config.server.logLevel);
  if (runPrimary(config.server.workers, logger)) return;
  const lifecycle: Lifecycle = { draining: false };
  // One Gateway for the process: its metrics (and Node's process metrics) are registered once.
  let gateway: Gateway;
  try {
    gateway = new Gateway(config, { logger, defaultMetrics: true, lifecycle });
  } catch (err) {
    // e.g. an unreadable JWKS file or token digest: built with the app, refused at start-up.
    process.stderr.write(`parallax: invalid config ${path}\n${(err as Error).message}\n`);
    process.exit(2);
  }
  const stopTracing = await startTracing();

  const server = serve(
    { fetch: (req) => gateway.fetch(req), hostname: config.server.host, port: config.server.port },
    (info) =>
      logger.info(
        { url: `http://${info.address}:${info.port}`, envs: gateway.current.services.envs.configuredNames() },
        'parallax listening',
      ),
  );
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.fatal(
      { code: err.code, host: config.server.host, port: config.server.port },
      `cannot listen: ${err.message}`,
    );
    process.exit(1);
  });

  // SIGHUP or a change of the file (debounced) re-reads the config; a bad file keeps the last good
  // one (listen address changes need a restart). The previous config's clients are closed in the
  // background once its in-flight requests finish.
  const reload = (trigger: string): void => {
    try {
      gateway.reload(loadConfigFile(path));
      logger.info({ trigger, envs: gateway.current.services.envs.configuredNames() }, 'config reloaded');
    } catch (err) {
      logger.error(
        { trigger, error: (err as Error).message },
        'config reload failed; keeping the last good config',
      );
    }
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  if (config.server.watchConfig) watchConfigFile(path, () => reload('file change'));

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    // /readyz answers 503 at once; the listener stays open `shutdownDelay` so the load balancer sees
    // it and stops sending, then it closes, requests in flight finish and the clients are closed.
    lifecycle.draining = true;
    const delay = gateway.current.services.config.server.shutdownDelay;
    const close = (): void =>
      void gateway
        .close()
        .then(stopTracing)
        .finally(() => process.exit(0));
    setTimeout(() => server.close(close), delay).unref();
    setTimeout(() => process.exit(0), delay + 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();

import { serve } from '@hono/node-server';
import { loadConfigFile, type Config } from './config/index.js';
import { ParallaxError } from './errors/index.js';
import { createApp, type App } from './app/index.js';
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
    return loadConfigFile(path);
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
  const stopTracing = await startTracing();
  let current: App = createApp(config, { logger, defaultMetrics: true });

  const server = serve(
    { fetch: (req) => current.app.fetch(req), hostname: config.server.host, port: config.server.port },
    (info) =>
      logger.info(
        { url: `http://${info.address}:${info.port}`, envs: current.services.envs.names() },
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

  // SIGHUP re-reads the config; a bad file keeps the last good one (listen address changes need a restart).
  process.on('SIGHUP', () => {
    try {
      current = createApp(loadConfigFile(path), { logger, defaultMetrics: true });
      logger.info({ envs: current.services.envs.names() }, 'config reloaded');
    } catch (err) {
      logger.error({ error: (err as Error).message }, 'config reload failed; keeping the last good config');
    }
  });

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    server.close(() => void stopTracing().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();

import { ParallaxError } from '../errors/index.js';
import type { Config } from './schema.js';

/** PARALLAX_HOST / PARALLAX_PORT win over the file: the image sets 0.0.0.0, its healthcheck reads the port. */
export function withListenOverrides(config: Config, env: NodeJS.ProcessEnv): Config {
  const host = env.PARALLAX_HOST;
  const port = env.PARALLAX_PORT;
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new ParallaxError('CONFIG_INVALID', `PARALLAX_PORT: expected a port number, got "${port}"`);
  return {
    ...config,
    server: {
      ...config.server,
      ...(host ? { host } : {}),
      ...(port !== undefined ? { port: Number(port) } : {}),
    },
  };
}

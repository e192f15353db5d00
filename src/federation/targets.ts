import { readFileSync } from 'node:fs';
import type { Config } from '../config/index.js';
import { authHeader } from '../config/index.js';
import type { HttpTarget } from '../backends/http/index.js';
import { ParallaxError, type BackendKind } from '../errors/index.js';

/** HTTP targets of one env's backend, one per configured URL. Only config URLs ever become targets. */
export function buildTargets(config: Config, name: string, backend: BackendKind): HttpTarget[] {
  const env = config.envs.find((e) => e.name === name);
  const cfg = backend === 'prometheus' ? env?.prometheus : backend === 'jaeger' ? env?.traces : env?.logs;
  if (!cfg)
    throw new ParallaxError('NOT_FOUND', `env ${name} has no ${backend} backend`, { env: name, backend });
  const headers = { ...cfg.headers, ...authHeader(cfg.auth) };
  const ca = cfg.caFile ? readCa(cfg.caFile, name) : undefined;
  return cfg.urls.map((baseUrl) => ({
    env: name,
    backend,
    baseUrl,
    headers,
    timeoutMs: cfg.timeout,
    maxBytes: config.federation.maxResponseBytes,
    ...(ca ? { ca } : {}),
  }));
}

function readCa(path: string, env: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `envs.${env}: cannot read caFile ${path}`, { env });
  }
}

import type { SignalsConfig } from '../config/index.js';
import { ParallaxError } from '../errors/index.js';
import { promqlString } from '../promql/index.js';
import type { SignalName } from './catalog.js';
import { templateQuery } from './templates.js';

const PLACEHOLDER_RE = /"\{\{service\}\}"|\{\{service\}\}/g;

/**
 * The PromQL of one signal of one service in one env. The service name only ever reaches PromQL as
 * an escaped string literal, so no name can change the query's structure.
 */
export function signalQuery(cfg: SignalsConfig, signal: SignalName, service: string, env: string): string {
  const svc = promqlString(service);
  const override = cfg.overrides[signal];
  // A function, not a string: `$&`, `$'` or `` $` `` in a service name must stay literal text.
  if (override !== undefined) return override.replace(PLACEHOLDER_RE, () => svc);
  if (cfg.template === 'custom') {
    throw new ParallaxError(
      'BAD_INPUT',
      `signals: env ${env} has no PromQL for signal ${signal} (custom template)`,
      {
        field: 'signals',
        env,
      },
    );
  }
  return templateQuery(cfg.template, signal, svc, cfg.vars);
}
